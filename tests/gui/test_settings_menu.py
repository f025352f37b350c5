"""设置 menu, backups and the validation report with a narrative: through the real window."""

import openpyxl
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app import exchange
from gui.dialogs import RecordsDialog
from gui.profile_dialog import ProfileDialog
from models.periods import Period
from storage import backup as backups
from tests.conftest import seed_text
from tests.exports.helpers import field_cell
from tests.gui.conftest import on_next_dialog


def run_profile_dialog(qtbot, window, handler):
    handled = on_next_dialog(handler, ProfileDialog)
    window.actions["edit_profile"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    return handled[0]


def close_records(qtbot):
    return on_next_dialog(lambda d: d.accept(), RecordsDialog)


def test_district_contacts_and_a_lead_with_its_figures(qtbot, window):
    def edit(dialog):
        dialog.district.setText("红谷滩新区")
        dialog.contacts["filer"].setText("张三")
        box = dialog.lead_box("electricity")
        box.setCurrentIndex(box.findData("power_supply"))
        dialog.move_figures.setChecked(True)
        dialog.save()

    dialog = run_profile_dialog(qtbot, window, edit)
    assert dialog.saved and "91 项数值由 housing 转给 power_supply" in dialog.saved[0]
    profile = window.ctx.profile
    assert (profile.district, profile.contacts.filer, profile.leads["electricity"]) == ("红谷滩新区", "张三", "power_supply")
    assert window.dept_box.findData("power_supply") >= 0  # the department list follows the new leads
    assert len(window.ctx.store.values(dept="power_supply")) == 91  # 13 获得电力 metrics × 7 demo quarters


def test_the_forms_particulars_are_set_in_the_dialog_and_printed_on_the_submission(qtbot, window, tmp_path):
    def edit(dialog):
        dialog.form["form_number"].setText("营商统1表")
        dialog.form["approval"].setText("赣营商办〔2023〕12号")
        dialog.contacts["reviewer"].setText("李四")
        dialog.save()

    assert run_profile_dialog(qtbot, window, edit).saved is not None
    form = window.ctx.profile.form
    assert (form.form_number, form.authority, form.approval) == ("营商统1表", "", "赣营商办〔2023〕12号")
    reopened = on_next_dialog(lambda d: d.reject(), ProfileDialog)
    window.actions["edit_profile"].trigger()
    qtbot.waitUntil(lambda: bool(reopened), timeout=5000)
    assert reopened[0].form["approval"].text() == "赣营商办〔2023〕12号"

    path = exchange.export_submission(window.ctx, Period.parse("2023Q3"), tmp_path / "报送.xlsx", draft=True).path
    ws = openpyxl.load_workbook(path)["执行合同"]
    assert (field_cell(ws, "表号").value, field_cell(ws, "制表机关").value) == ("营商统1表", None)
    assert field_cell(ws, "统计负责人").value == "李四"


def test_a_lead_change_that_would_hide_figures_is_refused_in_place(qtbot, window, said):
    def edit(dialog):
        box = dialog.lead_box("electricity")
        box.setCurrentIndex(box.findData("power_supply"))
        dialog.save()  # without 转移已填数值
        dialog.reject()

    dialog = run_profile_dialog(qtbot, window, edit)
    assert dialog.saved is None and "--move-figures" in dialog.problem.text()
    assert said and said[-1][0] == "未保存"
    assert window.ctx.profile.leads["electricity"] == "housing"
    assert window.ctx.store.values(dept="power_supply") == []


def test_departments_added_renamed_and_retired(qtbot, window, monkeypatch):
    answers = iter([("区商务局", True), ("commerce", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))

    def edit(dialog):
        dialog.add_department()
        dialog.departments.selectRow(len(dialog.profile.departments) - 1)
        dialog.retire_department()
        row = [d.code for d in dialog.profile.departments].index("court")
        dialog.departments.selectRow(row)
        dialog.retire_department()  # still leads: refused, shown in place
        dialog.save()

    dialog = run_profile_dialog(qtbot, window, edit)
    departments = {d.code: d for d in window.ctx.profile.departments}
    assert departments["commerce"].name == "区商务局" and departments["commerce"].retired
    assert not departments["court"].retired
    assert dialog.saved is not None


def test_a_new_year_and_the_differences(qtbot, window, monkeypatch, said):
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2024, True))
    said.choice = "沿用 2023 年的目标"
    handled = close_records(qtbot)
    window.actions["new_year"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert window.ctx.available_years() == [2023, 2024]
    years = iter([("2023", True), ("2024", True)])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: next(years))
    shown = []
    handled = on_next_dialog(lambda d: (shown.append(d.summary.text()), d.accept()), RecordsDialog)
    window.actions["compare_years"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert shown == ["2023年 → 2024年目录："]


def test_a_new_year_asks_what_becomes_of_last_years_targets(qtbot, window, monkeypatch, said):
    """湾里管理局's 2023 plan says nothing of 2024: the coordinator chooses, or cancels."""
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2024, True))
    said.choice = "取消"
    window.actions["new_year"].trigger()
    assert window.ctx.available_years() == [2023]
    assert "目标来自 2023 年的方案" in said[-1][1]
    said.choice = "不带目标"
    handled = close_records(qtbot)
    window.actions["new_year"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert window.ctx.available_years() == [2023, 2024]
    assert not [m.code for m in window.ctx.catalog(2024).metrics if m.target is not None]
    assert window.ctx.catalog(2023).metric("el_online_rate").target is not None


def test_backup_now_and_restore_from_the_menu(qtbot, window, monkeypatch):
    handled = close_records(qtbot)
    window.actions["backup_now"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    path = window.ctx.store.path
    assert [b.reason for b in backups.backups(path)][0] == "manual"
    from models.values import Entry

    window.ctx.store.set_value(Entry(period="2023Q3", dept="court", metric="ct_close_rate", number=90, raw="90%"))
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a, **k: (items[0], True))
    handled = close_records(qtbot)
    window.actions["restore_backup"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert window.ctx.store.get("2023Q3", "court", "ct_close_rate").raw == "84.61%"
    assert "restore" in [b.reason for b in backups.backups(path)]


def test_validation_report_with_the_narrative_cross_check(qtbot, window, monkeypatch, tmp_path):
    narrative = tmp_path / "报告.txt"
    narrative.write_text(seed_text("000").replace("结案28936件", "结案28836件"), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(narrative), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "校验报告.xlsx"), ""))
    handled = on_next_dialog(lambda d: d.accept(), RecordsDialog, timeout_s=20)
    window.actions["export_report_narrative"].trigger()
    qtbot.waitUntil(lambda: bool(handled) and not window.tasks.busy, timeout=20000)
    sheet = openpyxl.load_workbook(tmp_path / "校验报告.xlsx")["文字报告核对"]
    texts = [" ".join(str(c.value or "") for c in row) for row in sheet.iter_rows()]
    assert any("28836" in t and "28936" in t for t in texts)


def test_a_damaged_database_is_offered_its_newest_backup(tmp_path, said):
    from app.context import AppContext
    from gui.app import open_or_recover
    from models.values import Entry
    from storage import Store

    path = tmp_path / "data.db"
    with Store(path) as store:
        store.set_value(Entry(period="2023Q3", dept="court", metric="ct_close_rate", number=84.61, raw="84.61%"))
        store.backup("manual")
    path.write_bytes(b"damaged" * 1000)
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    ctx = open_or_recover(path, opener=AppContext)
    try:
        assert ctx is not None and ctx.store.get("2023Q3", "court", "ct_close_rate").raw == "84.61%"
        assert said[-1][0] == "数据库已损坏"
    finally:
        ctx.close()


def test_a_damaged_database_without_backup_says_so(tmp_path, said):
    from app.context import AppContext
    from gui.app import open_or_recover

    path = tmp_path / "data.db"
    path.write_bytes(b"damaged" * 1000)
    assert open_or_recover(path, opener=AppContext) is None
    assert said[-1][0] == "无法打开数据库" and "不是有效的数据库文件" in said[-1][1]


def test_a_metric_filed_by_another_department_than_the_lead(qtbot, window, monkeypatch):
    """获得电力 stays with 区住建局; 线上办电率 goes to 区供电公司, with its figures, and shows in its grid."""
    answers = iter([("线上办电率（el_online_rate）", True), ("区供电公司", True)])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: next(answers))

    def edit(dialog):
        dialog.choose_filer()
        dialog.move_figures.setChecked(True)
        dialog.save()

    dialog = run_profile_dialog(qtbot, window, edit)
    assert [dialog.filers.item(0, c).text() for c in range(3)] == ["线上办电率（el_online_rate）", "区住建局", "区供电公司"]
    assert dialog.saved and "el_online_rate：7 项数值由 housing 转给 power_supply" in dialog.saved[0]
    assert window.ctx.profile.filers == {"el_online_rate": "power_supply"}
    window.dept_box.setCurrentIndex(window.dept_box.findData("power_supply"))  # listed: it files a metric now
    shown = [row.metric.code for row in window.model.rows()]
    assert shown == ["el_online_rate"]
    window.dept_box.setCurrentIndex(window.dept_box.findData("housing"))
    shown = [row.metric.code for row in window.model.rows()]
    assert "el_online_rate" not in shown and "el_approval_low_days" in shown


def test_the_leads_tab_lists_indicators_of_every_year(qtbot, window, tmp_path):
    """An indicator 2024 retires keeps its lead for 2023, and the dialog still lets it change."""
    import json

    from app import profile as edits
    from models.records import to_data

    edits.new_year(window.ctx, 2024)
    data = to_data(window.ctx.catalog(2024).definitions, exclude_defaults=True)
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "investor_protection"]
    path = tmp_path / "2024.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    edits.import_catalog(window.ctx, path)

    def edit(dialog):
        rows = [dialog.leads.item(r, 0).text() for r in range(dialog.leads.rowCount())]
        assert rows[-1] == "保护中小投资者（仅2023年目录）" and len(rows) == 17
        box = dialog.lead_box("investor_protection")
        box.setCurrentIndex(box.findData("justice"))
        dialog.move_figures.setChecked(True)
        dialog.save()

    dialog = run_profile_dialog(qtbot, window, edit)
    assert dialog.saved is not None and window.ctx.profile.leads["investor_protection"] == "justice"
