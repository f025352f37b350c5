"""The report cross-check dialog: open or paste a report, findings listed and highlighted, a click
selects the sentence.  Offscreen, over the demo district (its 2023Q3 figures are seed 000's)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gui.crosscheck_view import COLOURS, READ_FIGURE, Column, CrossCheckDialog, CrossFindingsModel
from tests.conftest import seed_text
from validation.crosscheck import Kind

EDITED = seed_text("000").replace("结案28936件", "结案28836件")


@pytest.fixture
def dialog(qtbot, demo_ctx):
    shown = CrossCheckDialog(demo_ctx, period="2023Q3")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def write(tmp_path, text, name="报告.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(dialog):
    model = dialog.model
    return [tuple(model.index(r, c).data() for c in Column) for r in range(model.rowCount())]


def click_row(qtbot, dialog, row):
    rect = dialog.table.visualRect(dialog.model.index(row, Column.METRIC))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def colours_at(dialog, start, end):
    return {s.format.background().color().name() for s in dialog.editor.extraSelections()
            if s.cursor.selectionStart() <= start and end <= s.cursor.selectionEnd()}


def test_opening_a_report_lists_its_findings(dialog, tmp_path):
    assert dialog.open_path(write(tmp_path, EDITED))
    assert rows(dialog) == [("与填报不符", "结案数", "28836件", "28936件"), ("文中算术不符", "结案率", "84.61%", "84.61%")]
    assert "报告.txt" in dialog.windowTitle()
    assert "发现 2 处" in dialog.summary.text() and "识别数字" in dialog.summary.text()


def test_findings_and_read_figures_are_highlighted(dialog, tmp_path):
    dialog.open_path(write(tmp_path, EDITED))
    mismatch = dialog.model.finding(0)
    assert COLOURS[Kind.MISMATCH][1] in colours_at(dialog, *mismatch.span)
    assert COLOURS[Kind.MISMATCH][0] in colours_at(dialog, *mismatch.sentence_span)
    bold = [s for s in dialog.editor.extraSelections() if s.format.fontWeight() > 400]
    assert len(bold) == 2
    figure = EDITED.index("197场")  # read, in a sentence without problem
    assert colours_at(dialog, figure, figure + 4) == {QColor(READ_FIGURE).name()}
    assert len(dialog.editor.extraSelections()) == len(dialog.report.reading.matches) + 2 * 2


def test_clicking_a_finding_selects_and_shows_its_sentence(qtbot, dialog, tmp_path):
    dialog.resize(900, 500)
    dialog.open_path(write(tmp_path, EDITED))
    click_row(qtbot, dialog, 1)
    ratio = dialog.model.finding(1)
    assert dialog.selected_text() == EDITED[ratio.sentence_span[0]:ratio.sentence_span[1]]
    assert "结案率84.61%" in dialog.selected_text()
    assert dialog.editor.viewport().rect().contains(dialog.editor.cursorRect())
    assert "84.32" in dialog.detail.text() and "建议" in dialog.detail.text()


def test_pasted_text_is_checked_after_a_pause(qtbot, demo_ctx):
    dialog = CrossCheckDialog(demo_ctx, period="2023Q1")
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText(seed_text("001"))
    assert dialog.model.rowCount() == 0  # not yet: the check waits for typing to pause
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=3000)
    assert [row[0] for row in rows(dialog)].count("占位符") == 15
    dialog.editor.setPlainText("")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=3000)
    assert dialog.summary.text() == "还没有报告文字。"


def test_the_department_and_period_choices_recheck(dialog):
    dialog.set_text(EDITED.replace("共216场", "共218场"))
    assert dialog.model.rowCount() == 4
    dialog.dept_box.setCurrentIndex(dialog.dept_box.findData("hr_social"))
    assert {dialog.model.finding(r).metric for r in range(dialog.model.rowCount())} == {"lb_fairs_total"}
    dialog.dept_box.setCurrentIndex(0)
    dialog.period_box.setCurrentIndex(dialog.period_box.findData("2023Q2"))
    assert dialog.model.rowCount() > 4  # the third quarter's report against the second quarter's figures


def test_an_unreadable_file_is_explained_and_the_text_kept(dialog, tmp_path, said):
    dialog.set_text("已上传信用承诺XX条。")
    bad = tmp_path / "报告.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    assert not dialog.open_path(bad)
    assert said and said[-1][0] == "无法读取报告" and "另存为" in said[-1][1]
    assert dialog.editor.toPlainText() == "已上传信用承诺XX条。" and dialog.model.rowCount() == 1


def test_a_docx_report_opens_like_the_text(dialog, tmp_path):
    from docx import Document

    document = Document()
    for line in EDITED.split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "报告.docx")
    assert dialog.open_path(tmp_path / "报告.docx")
    assert [row[1] for row in rows(dialog)] == ["结案数", "结案率"]


def test_characters_beyond_the_basic_plane_keep_highlights_in_place(qtbot, dialog):
    text = "𠀀𠀁报告\n8.执行合同指标:受理案件34200件,结案28836件。"
    dialog.set_text(text)
    mismatch = dialog.model.finding(0)
    click_row(qtbot, dialog, 0)
    assert dialog.selected_text() == text[mismatch.sentence_span[0]:mismatch.sentence_span[1]]


def test_the_findings_model_passes_the_model_tester(qtmodeltester, demo_ctx):
    from app.narrative_check import check_text
    from models.periods import Period

    model = CrossFindingsModel()
    model.set_report(check_text(demo_ctx, Period.parse("2023Q3"), EDITED), demo_ctx.catalog(2023))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).count("建议") == 1
