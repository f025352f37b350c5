"""After an edit the models signal only the cells that changed (a span over unchanged ones makes
the view repaint them too), and answer the many roles a view asks for without work."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QStyledItemDelegate

from app.session import EntrySession
from gui.figures_model import Column, FiguresModel
from gui.figures_view import FiguresView
from gui.findings_panel import Column as FindingColumn
from gui.findings_panel import FindingsModel
from gui.indicators_model import IndicatorsModel
from gui.table_model import runs
from models.periods import Period
from tests.gui.conftest import Paints, drain

Q3 = Period(year=2023, quarter=3)


def _signals(model) -> list[tuple[int, int, int, int]]:
    found = []
    model.dataChanged.connect(lambda a, b, roles=(): found.append((a.row(), a.column(), b.row(), b.column())))
    return found


def _signalled_roles(model) -> list[tuple[int, int, int, list[int]]]:
    """(row, first column, last column, roles) of each signal."""
    found = []
    model.dataChanged.connect(lambda a, b, roles=(): found.append((a.row(), a.column(), b.column(), list(roles))))
    return found


def _read_every_cell(model: FiguresModel) -> None:
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))


def test_runs_of_rows():
    assert runs([]) == []
    assert runs([3, 4, 9]) == [(3, 4), (9, 9)]
    assert runs([0, 1, 2]) == [(0, 2)]


def test_rows_not_read_yet_are_signalled_as_runs_of_rows(demo_ctx):
    model = FiguresModel()
    model.set_session(EntrySession(demo_ctx, Q3, None))
    found = _signals(model)
    codes = [model.row_at(row).metric.code for row in (3, 4, 40)]
    model.metrics_changed(set(codes))
    last = len(Column) - 1
    assert found == [(3, 0, 4, last), (40, 0, 40, last)]


def test_an_edit_signals_the_cells_that_changed_with_their_roles(window):
    model = window.model
    _read_every_cell(model)
    found = _signalled_roles(model)
    row = model.row_of("ct_cases_closed")
    assert model.setData(model.index(row, Column.VALUE), "28937")  # same status, a new figure and 同比
    edited = [(first, last, roles) for signalled, first, last, roles in found if signalled == row]
    painted = [(first, last) for first, last, roles in edited if roles != [Qt.ItemDataRole.ToolTipRole]]
    assert painted == [(Column.VALUE, Column.VALUE)] or painted == [(Column.VALUE, Column.VALUE),
                                                                    (Column.YOY, Column.YOY)]
    value_roles = next(roles for first, _, roles in edited if first == Column.VALUE)
    assert Qt.ItemDataRole.DisplayRole in value_roles and Qt.ItemDataRole.BackgroundRole not in value_roles
    assert model.data(model.index(row, Column.VALUE)) == "28937"


def test_a_row_that_did_not_change_is_not_signalled(demo_ctx):
    model = FiguresModel()
    model.set_session(EntrySession(demo_ctx, Q3, None))
    _read_every_cell(model)
    found = _signals(model)
    model.metrics_changed({model.row_at(row).metric.code for row in (3, 4, 40)})
    assert found == []


def test_a_changed_tooltip_alone_is_signalled_apart_and_not_repainted(qtbot, demo_ctx):
    session = EntrySession(demo_ctx, Q3, None)
    model, view = FiguresModel(), FiguresView()
    model.set_session(session)
    view.setModel(model)
    qtbot.addWidget(view)
    paints = Paints(view.viewport())
    view.show()
    qtbot.waitUntil(lambda: paints.count > 0)
    drain(qtbot)
    _read_every_cell(model)
    found, paints.count = _signalled_roles(model), 0
    row = model.row_at(0)
    demo_ctx.store.lock(Q3.code, row.dept, "核对中")  # the lock shows in the tooltip, nowhere else
    session.reload_locks()
    model.metrics_changed({row.metric.code})
    drain(qtbot)
    assert found == [(0, 0, len(Column) - 1, [Qt.ItemDataRole.ToolTipRole])]
    assert paints.count == 0
    assert "核对中" in model.data(model.index(0, Column.NAME), Qt.ItemDataRole.ToolTipRole)
    model.dataChanged.emit(model.index(0, Column.VALUE), model.index(0, Column.VALUE), [Qt.ItemDataRole.DisplayRole])
    qtbot.waitUntil(lambda: paints.count > 0)


def test_each_indicator_whose_status_changed_is_signalled_alone(demo_ctx):
    session = EntrySession(demo_ctx, Q3, None)
    model = IndicatorsModel()
    model.set_session(session)
    flagged = {model.row_of(session.row(code).indicator.code) for code in session.findings if session.findings[code]}
    found = _signals(model)
    session.findings = {}  # every finding gone: those indicators and 全部指标 turn to OK
    model.statuses_changed({r.indicator.code for r in session.rows})
    assert sorted(found) == [(row, 0, row, 0) for row in sorted(flagged | {0})]
    assert len(flagged) >= 2  # rows apart: one span would have repainted the rows between
    model.statuses_changed({r.indicator.code for r in session.rows})  # nothing changed since
    assert len(found) == len(flagged) + 1


def test_models_answer_only_the_roles_they_show(demo_ctx):
    session = EntrySession(demo_ctx, Q3, None)
    findings = FindingsModel(session)
    index = findings.index(0, FindingColumn.MESSAGE)
    assert findings.data(index, Qt.ItemDataRole.DisplayRole) == session.all_findings()[0].message
    assert findings.data(index, Qt.ItemDataRole.FontRole) is None
    figures = FiguresModel()
    figures.set_session(session)
    cell = figures.index(figures.row_of("ct_close_rate"), Column.VALUE)
    assert figures.data(cell, Qt.ItemDataRole.DisplayRole) == "84.61%"
    assert figures.data(cell, Qt.ItemDataRole.CheckStateRole) is None


def test_a_changed_indicator_repaints_its_row_alone(qtbot, window):
    view, model = window.indicator_list, window.indicators
    drain(qtbot)
    painted = []

    class Regions(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(event.rect())
            return False

    view.viewport().installEventFilter(Regions(view))
    model.dataChanged.emit(model.index(3), model.index(3))
    qtbot.waitUntil(lambda: bool(painted))
    assert painted == [view.visualRect(model.index(3))]


def test_findings_unchanged_by_an_edit_are_not_signalled(qtbot, window):
    model = window.findings_panel.model
    signalled = []
    for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
        signal.connect(lambda *args: signalled.append(args))
    window.model.setData(window.model.index(window.model.row_of("pc_saved"), Column.VALUE), "2,316")
    window.model.setData(window.model.index(window.model.row_of("pc_saved"), Column.VALUE), "2316")
    assert signalled == []


def test_two_changed_indicators_apart_repaint_their_rows_not_those_between(qtbot, window):
    view, model = window.indicator_list, window.indicators
    drain(qtbot)
    painted = []

    class Recording(QStyledItemDelegate):
        def paint(self, painter, option, index) -> None:
            painted.append(index.row())
            super().paint(painter, option, index)

    delegate = Recording(view)
    view.setItemDelegate(delegate)
    qtbot.waitUntil(lambda: bool(painted))  # a new delegate repaints the list once
    drain(qtbot)
    painted.clear()
    model.dataChanged.emit(model.index(0), model.index(0))  # 全部指标 and one indicator, as after an edit
    model.dataChanged.emit(model.index(4), model.index(4))
    qtbot.waitUntil(lambda: bool(painted))
    drain(qtbot)
    assert sorted(painted) == [0, 4]
