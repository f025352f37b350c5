"""Import and export through the 文件 menu: only the file dialogs and message boxes are patched;
the work runs in the worker thread, the preview and result dialogs are answered like a user."""

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app.exchange import ImportRefused, plan_import
from gui.dialogs import RecordsDialog
from gui.settings import LAST_DATABASE
from main import main
from storage import Store, submissions
from storage.backup import backups
from tests.conftest import seed_text
from tests.exports.helpers import cell_of, field_cell, fill
from tests.gui.conftest import on_next_dialog

Q3 = "2023Q3"


@pytest.fixture
def files(monkeypatch, tmp_path):
    """The next file the open/save dialogs answer with; "" is the user pressing 取消."""
    answers = {"open": "", "save": ""}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (answers["open"], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (answers["save"], ""))
    return answers


def run_and_answer(qtbot, window, action, answer):
    """Trigger a menu action whose task ends in a RecordsDialog, answer it, return what it showed."""
    shown = {}

    def read(dialog):
        model = dialog.model
        shown["summary"] = dialog.summary.text()
        shown["rows"] = [tuple(model.index(r, c).data() for c in range(model.columnCount()))
                         for r in range(model.rowCount())]
        shown["title"] = dialog.windowTitle()
        answer(dialog)

    handled = on_next_dialog(read, RecordsDialog, timeout_s=20)
    window.actions[action].trigger()
    qtbot.waitUntil(lambda: bool(handled) and not window.tasks.busy, timeout=20000)
    return shown


def blank_for_court(qtbot, window, files, tmp_path) -> Path:
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    files["save"] = str(tmp_path / "区法院_2023Q3_填报表")
    shown = run_and_answer(qtbot, window, "export_blank", lambda d: d.reject())
    path = tmp_path / "区法院_2023Q3_填报表.xlsx"
    assert path.exists() and shown["title"] == "已生成空白填报表" and str(path) in shown["summary"]
    return path


def test_blank_workbook_goes_where_chosen_and_the_folder_opens(qtbot, window, files, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    files["save"] = str(tmp_path / "区法院.xlsx")
    run_and_answer(qtbot, window, "export_blank", lambda d: (d.open_folder_button.click(), d.reject()))
    assert opened == [str(tmp_path)]
    assert {"执行合同", "办理破产", "保护中小投资者"} <= set(openpyxl.load_workbook(tmp_path / "区法院.xlsx").sheetnames)


def test_cancelling_the_file_dialog_does_nothing(window, files):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    window.actions["export_blank"].trigger()
    window.actions["import_workbook"].trigger()
    assert not window.tasks.busy


def test_a_filled_workbook_is_previewed_imported_and_undone_in_one_step(qtbot, window, files, tmp_path):
    path = blank_for_court(qtbot, window, files, tmp_path)
    # seed 000: 受理案件34200件，结案28936件 — the filer corrects 结案 and writes a note
    assert "结案28936件" in seed_text("000")
    fill(path, {"ct_cases_closed": 28940, "ct_close_rate": "84.62%"}, notes={"ct_close_rate": "截至9月30日"},
         explanations={"ct_law_firm_visits": "开展律所走访专项行动"})
    files["open"] = str(path)
    shown = run_and_answer(qtbot, window, "import_workbook", lambda d: d.accept())
    assert shown["title"] == "导入预览" and "将新增 0 项，修改 2 项，12 项不变，说明 1 项" in shown["summary"]
    assert ("结案数", "修改", "28936", "28940", "", "") in shown["rows"]  # 28940 ÷ 34200 = 84.62%: holds
    # the preview judges the figures as imported, with the same grades and messages as everywhere
    assert "导入后校验：错误 0 项（须改正），警告 2 项（已说明 1 项）" in shown["summary"]
    visits = next(row for row in shown["rows"] if row[0] == "走访律所数")
    assert visits[5].startswith("警告：走访律所数2023年前三季度为70家，较2022年前三季度的40家增加75%")
    store = window.ctx.store
    assert (store.get(Q3, "court", "ct_cases_closed").number, store.get(Q3, "court", "ct_close_rate").note) == (
        28940, "截至9月30日")
    assert window.actions["undo"].text().startswith("撤销 导入 区法院_2023Q3_填报表.xlsx")
    assert "import" in [b.reason for b in backups(window.ctx.store.path)]  # a copy was taken first
    assert [e.text for e in store.explanations(Q3, "court")] == ["开展律所走访专项行动"]
    window.editor.undo()
    assert store.get(Q3, "court", "ct_cases_closed").number == 28936
    assert store.get(Q3, "court", "ct_close_rate").note == ""
    assert store.explanations(Q3, "court") == []  # the 说明 came with the import and goes with its undo


def test_the_window_imports_through_the_same_use_case_as_the_command(qtbot, window, files, tmp_path, capsys):
    """The same workbook imported in the window and with ``import`` leaves the same audit rows."""
    from tests.reliability.support import copy_database

    path = blank_for_court(qtbot, window, files, tmp_path)
    fill(path, {"ct_cases_closed": 28940})
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            field_cell(ws, "填表人").value = "张三"  # as the filer signs each sheet
    wb.save(path)
    twin = copy_database(window.ctx.store.backup("manual"), tmp_path / "twin" / "data.db")  # the open database as it is
    reason = plan_import(window.ctx, path).reason
    files["open"] = str(path)
    run_and_answer(qtbot, window, "import_workbook", lambda d: d.accept())
    assert main(["--db", str(twin), "import", str(path)]) == 0
    rows = [Store(db).audit(Q3, "court", "ct_cases_closed")[-1] for db in (window.ctx.store.path, twin)]
    assert [(r.action, r.old_raw, r.new_raw, r.reason, r.source) for r in rows][0] == \
        [(r.action, r.old_raw, r.new_raw, r.reason, r.source) for r in rows][1]
    assert rows[0].reason == reason and "填报人" in reason  # who filled it in, from the workbook's header


def test_declining_the_preview_stores_nothing(qtbot, window, files, tmp_path):
    path = blank_for_court(qtbot, window, files, tmp_path)
    fill(path, {"ct_cases_closed": 28940})
    files["open"] = str(path)
    run_and_answer(qtbot, window, "import_workbook", lambda d: d.reject())
    assert window.ctx.store.get(Q3, "court", "ct_cases_closed").number == 28936
    assert not window.editor.stack.canUndo()


def test_a_refused_workbook_lists_every_cell_and_stores_nothing(qtbot, window, files, tmp_path):
    path = blank_for_court(qtbot, window, files, tmp_path)
    fill(path, {"ct_cases_closed": "XX件", "ct_close_rate": "84.61"})
    files["open"] = str(path)
    shown = run_and_answer(qtbot, window, "import_workbook", lambda d: d.reject())
    sheet, where = cell_of(path, "ct_cases_closed")
    assert shown["title"] == "导入被拒绝" and "未保存任何数据" in shown["summary"]
    assert any(row[0] == f"{sheet}!{where}" and row[1] == "XX件" for row in shown["rows"])
    assert window.ctx.store.get(Q3, "court", "ct_cases_closed").number == 28936


def test_an_unreadable_file_is_said_not_crashed(qtbot, window, files, tmp_path, said):
    bad = tmp_path / "不是工作簿.xlsx"
    bad.write_text("这不是 Excel 文件", encoding="utf-8")
    files["open"] = str(bad)
    window.actions["import_workbook"].trigger()
    qtbot.waitUntil(lambda: not window.tasks.busy and bool(said), timeout=20000)
    assert said[-1][0] == "导入未完成"


def test_a_draft_submission_is_exported_and_a_final_one_refused_while_findings_block(
        qtbot, window, files, tmp_path, said):
    said.choice = "导出草稿"
    files["save"] = str(tmp_path / "报送草稿.xlsx")
    shown = run_and_answer(qtbot, window, "export_submission", lambda d: d.reject())
    assert (tmp_path / "报送草稿.xlsx").exists() and shown["title"] == "导出完成"
    assert "正式导出会被拒绝" in said[-1][1]
    said.choice = "正式导出"
    files["save"] = str(tmp_path / "报送.xlsx")
    shown = run_and_answer(qtbot, window, "export_submission", lambda d: d.reject())
    assert shown["title"] == "不能正式导出" and not (tmp_path / "报送.xlsx").exists()
    assert {row[1] for row in shown["rows"]} >= {"走访律所数", "法院走访企业数"}


def test_a_final_export_is_recorded_and_later_changes_show_in_the_diff(qtbot, window, files, tmp_path, said):
    for finding in window.session.blocking():  # the filer explains every warning first
        window.ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    window.revalidate()
    said.choice = "正式导出"
    files["save"] = str(tmp_path / "报送.xlsx")
    shown = run_and_answer(qtbot, window, "export_submission", lambda d: d.reject())
    assert shown["title"] == "导出完成" and "已记录这次报送" in shown["summary"]
    assert submissions.latest_submission(window.ctx.store, Q3).file_name == "报送.xlsx"
    window.model.setData(window.model.index(window.model.row_of("ct_law_firm_visits"), 2), "71")
    shown = run_and_answer(qtbot, window, "show_diff", lambda d: d.reject())
    assert shown["rows"] == [("区法院", "走访律所数", "修改", "70", "71", "界面填报")]


def test_the_audit_history_of_a_cell_says_who_what_when_why(qtbot, window):
    window.jump_to("ct_close_rate")
    window.model.setData(window.model.index(window.model.row_of("ct_close_rate"), 2), "84.6%")
    shown = run_and_answer(qtbot, window, "show_audit", lambda d: d.reject())
    newest = shown["rows"][0]
    assert newest[1:5] + newest[7:8] == ("测试员", "填报", "84.61%", "84.6%", "界面填报")
    assert "结案率" in shown["summary"]


def test_the_audit_history_shows_a_note_before_and_after(qtbot, window):
    row = window.model.row_of("ct_close_rate")
    window.model.setData(window.model.index(row, 7), "含旧存")
    window.model.setData(window.model.index(row, 7), "含旧存665件")
    window.jump_to("ct_close_rate")
    shown = run_and_answer(qtbot, window, "show_audit", lambda d: d.reject())
    assert shown["rows"][0][3:7] == ("84.61%", "84.61%", "含旧存", "含旧存665件")


def test_import_of_a_locked_department_is_refused(qtbot, window, files, tmp_path):
    path = blank_for_court(qtbot, window, files, tmp_path)
    fill(path, {"ct_cases_closed": 28940})
    window.ctx.store.lock(Q3, "court", "已报送")
    files["open"] = str(path)
    shown = run_and_answer(qtbot, window, "import_workbook", lambda d: d.reject())
    assert shown["title"] == "导入被拒绝" and "锁定" in " ".join(row[2] for row in shown["rows"])
    with pytest.raises(ImportRefused):  # the same use case called straight: refused as well
        plan_import(window.ctx, path)


def test_another_database_opens_in_a_window_that_takes_over(qtbot, window, files, tmp_path, settings):
    from gui.profile_dialog import ProfileDialog

    files["save"] = str(tmp_path / "湾里管理局.db")

    def first_run(dialog):  # a new database asks for the district first
        dialog.district.setText("湾里管理局")
        dialog.save()

    asked = on_next_dialog(first_run, ProfileDialog)
    window.actions["open_database"].trigger()
    successor = window.successor
    qtbot.addWidget(successor)
    assert asked and successor.ctx.profile.district == "湾里管理局"
    assert successor.ctx.store.path == tmp_path / "湾里管理局.db" and successor.isVisible()
    assert not window.isVisible()
    assert successor.ctx.store.periods() == [] and successor.filled_label.text() == "已填 0 / 174 项"
    assert LAST_DATABASE.get(settings) == str((tmp_path / "湾里管理局.db").resolve())
    successor.close()  # the window that opened the database closes it
    with pytest.raises(sqlite3.ProgrammingError):
        successor.ctx.store.db.conn.execute("SELECT 1")


def test_the_report_cross_check_opens_from_the_menu_for_the_period_shown(qtbot, window):
    window.period_box.setCurrentIndex(window.period_box.findData("2023Q2"))
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.file_commands.crosscheck_dialog
    assert dialog.isVisible() and not dialog.isModal()
    assert (dialog.period_box.currentData(), dialog.dept_box.currentData()) == ("2023Q2", "court")
    dialog.close()


def test_the_validation_report_lists_the_findings_with_their_status(qtbot, window, files, tmp_path):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    files["save"] = str(tmp_path / "区法院校验报告.xlsx")
    shown = run_and_answer(qtbot, window, "export_report", lambda d: d.reject())
    assert shown["title"] == "已生成校验报告"
    sheet = openpyxl.load_workbook(tmp_path / "区法院校验报告.xlsx")["校验结果"]
    texts = [" ".join(str(c.value or "") for c in row) for row in sheet.iter_rows()]
    law_firms = next(t for t in texts if "走访律所数" in t)
    assert "警告" in law_firms and "待说明" in law_firms and "75%" in law_firms
    assert not any("帮代办平台受理工单数" in t for t in texts)  # 区政数局's finding: not the court's
    assert f"共 {len(window.session.all_findings())} 个问题" in shown["summary"]


def test_the_import_dialog_offers_what_office_programs_save(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **_: (asked.append(args[-1]), ("", ""))[1])
    window.actions["import_workbook"].trigger()
    (filters,) = asked
    assert filters.startswith("电子表格 (*.xlsx *.xls *.ods)")
