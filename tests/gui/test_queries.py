"""Queries in the window: the 营商办 (the 全部 view) asks about a figure, the department shown answers,
the 营商办 closes; each refuses the other's step with the reason and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from app import queries
from gui.figures_model import Column
from gui.queries_panel import QueriesModel
from models.periods import Period
from models.workflow import Query
from tests.gui.conftest import on_next_dialog

Q3 = Period.parse("2023Q3")


def show(qtbot, window, dept):
    window.dept_box.setCurrentIndex(max(window.dept_box.findData(dept), 0))
    qtbot.waitUntil(lambda: window.session.dept == dept and window.session.checked)


def typed(text):
    return lambda dialog: (dialog.setTextValue(text), dialog.accept())


def listed(window) -> list[tuple[str, ...]]:
    model = window.query_commands.panel.model
    return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount())) for r in range(model.rowCount())]


def name_cell(window, code, role):
    return window.model.data(window.model.index(window.model.row_of(code), Column.NAME), role)


def test_the_office_asks_the_department_answers_the_office_closes(qtbot, window, said):
    show(qtbot, window, None)  # 全部: the 营商办 acts
    window.jump_to("ct_close_rate")
    handled = on_next_dialog(typed("结案率为何高于上季度？"), QInputDialog)
    window.actions["ask_query"].trigger()
    assert handled
    (asked,) = queries.queries(window.ctx, Q3, "court", open_only=True)
    assert (asked.metric, asked.text) == ("ct_close_rate", "结案率为何高于上季度？")
    assert [row[:4] for row in listed(window)] == [("未回复", "区法院", "结案率", "结案率为何高于上季度？")]
    assert name_cell(window, "ct_close_rate", Qt.ItemDataRole.DecorationRole) is not None
    assert "【问询】结案率为何高于上季度？" in name_cell(window, "ct_close_rate", Qt.ItemDataRole.ToolTipRole)
    assert name_cell(window, "ct_cases_closed", Qt.ItemDataRole.DecorationRole) is None

    window.actions["answer_query"].trigger()  # the 营商办 cannot answer for the department
    assert said[-1][0] == "未能回复问询" and "只有区法院本部门可以" in said[-1][1]
    assert not queries.queries(window.ctx, Q3, "court", open_only=True)[0].answered

    show(qtbot, window, "court")
    assert [row[0] for row in listed(window)] == ["未回复"]
    window.jump_to("ct_close_rate")
    handled = on_next_dialog(typed("集中清理积案"), QInputDialog)
    window.actions["answer_query"].trigger()
    assert handled
    assert [row[0] for row in listed(window)] == ["已回复，待关闭"] and listed(window)[0][5] == "集中清理积案"
    assert "回复：集中清理积案" in name_cell(window, "ct_close_rate", Qt.ItemDataRole.ToolTipRole)
    window.actions["close_query"].trigger()  # a department cannot close the 营商办's query
    assert said[-1][0] == "未能关闭问询" and "只有营商办（区营商办）可以" in said[-1][1]
    assert queries.queries(window.ctx, Q3, "court", open_only=True)

    show(qtbot, window, None)
    window.jump_to("ct_close_rate")
    window.actions["close_query"].trigger()
    assert not queries.queries(window.ctx, Q3, "court", open_only=True)
    assert listed(window) == [] and name_cell(window, "ct_close_rate", Qt.ItemDataRole.DecorationRole) is None
    window.query_commands.panel.show_closed.setChecked(True)
    assert [row[0] for row in listed(window)] == ["已关闭"]


def test_a_department_cannot_ask_and_an_empty_question_is_refused(qtbot, window, said):
    show(qtbot, window, "court")
    window.jump_to("ct_close_rate")
    window.actions["ask_query"].trigger()  # refused before a question is typed: no dialog comes up
    assert said[-1][0] == "未能提出问询" and "只有营商办（区营商办）可以" in said[-1][1]
    show(qtbot, window, None)
    window.jump_to("ct_close_rate")
    handled = on_next_dialog(typed("  "), QInputDialog)
    window.actions["ask_query"].trigger()
    assert handled and "问询内容不能为空" in said[-1][1]
    assert queries.queries(window.ctx, Q3) == []


def test_the_list_follows_the_figure_it_names_and_the_context_menu_holds_the_commands(qtbot, window):
    queries.ask(window.ctx, Q3, "court", "ct_cases_closed", "结案数请核对", acting="business_office")
    show(qtbot, window, "court")
    panel = window.query_commands.panel
    panel.table.doubleClicked.emit(panel.model.index(0, 2))
    assert window.current_code() == "ct_cases_closed"
    texts = [a.text() for a in window.query_commands.context_menu().actions()]
    assert {"提出问询(&Q)…", "回复问询(&Y)…", "关闭问询(&K)"} <= set(texts)


def test_the_queries_model_passes_the_model_tester(qtmodeltester):
    model = QueriesModel(lambda q: ("区法院", "结案率"))
    asked = Query(id=1, period="2023Q3", dept="court", metric="ct_close_rate", text="为何", who="营商办", at="2023-10-08T09:00")
    model.set_queries([asked, Query(id=2, period="2023Q3", dept="court", metric="ct_cases_closed", text="核对",
                                    answer="已核", answer_who="法院", answer_at="2023-10-09T10:00")])
    qtmodeltester.check(model)
    assert model.data(model.index(1, 0)) == "已回复，待关闭"
