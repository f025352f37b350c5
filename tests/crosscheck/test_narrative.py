"""Reading report files: .txt in UTF-8 / GBK / UTF-16, .docx, and clear refusals of the rest."""

import zipfile

import pytest
from docx import Document

from app.demo import load_anchors
from exports.narrative import NarrativeError, read_narrative
from models.periods import Period
from tests.conftest import seed_text
from validation.crosscheck import crosscheck

SAMPLE = "8.执行合同指标(区法院牵头):结案28936件,结案率84.61%。\n9.办理破产指标:执转破立案12件。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_files_in_the_encodings_chinese_pcs_save(tmp_path, encoding):
    path = tmp_path / "报告.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    assert read_narrative(path) == SAMPLE


def test_windows_line_ends_become_newlines(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("gbk"))
    assert read_narrative(path) == SAMPLE


def write_docx(path, paragraphs, table_rows=()):
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, values in zip(table.rows, table_rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(path)
    return path


def test_a_docx_gives_the_same_cross_check_as_the_txt(tmp_path, catalog):
    text = seed_text("000").replace("结案28936件", "结案28836件")
    txt = tmp_path / "报告.txt"
    txt.write_text(text, encoding="utf-8")
    docx = write_docx(tmp_path / "报告.docx", text.split("\n"))
    from_docx, from_txt = read_narrative(docx), read_narrative(txt)
    assert from_docx == from_txt
    filed, last_year = load_anchors()  # the demo's figures: seed 000's
    period = Period.parse("2023Q3")
    reports = [crosscheck(t, catalog, period=period, filed=filed, last_year=last_year) for t in (from_docx, from_txt)]
    assert reports[0].findings == reports[1].findings
    assert [f.kind.value for f in reports[0].findings] == ["mismatch", "arithmetic"]


def test_docx_tables_are_read_row_by_row(tmp_path):
    path = write_docx(tmp_path / "t.docx", ["8.执行合同指标"], [("指标", "本期"), ("结案率", "84.61%")])
    assert read_narrative(path) == "8.执行合同指标\n指标\t本期\n结案率\t84.61%"


@pytest.mark.parametrize("name,content,words", [
    ("报告.doc", b"\xd0\xcf\x11\xe0", "另存为"),
    ("报告.pdf", b"%PDF-1.4", ".txt 或 .docx"),
    ("报告", b"abc", "无扩展名"),
    ("空.txt", b"  \n ", "没有文字"),
    ("二进制.txt", b"\x00\x01\x02abc", "不是纯文本"),
    ("乱码.txt", b"\x81\x30\xff\xfe\x80", "编码"),
    ("坏.docx", b"PK\x03\x04 not really a zip", "不是有效的 .docx"),
])
def test_unreadable_files_are_refused_with_a_reason(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NarrativeError, match=words) as refused:
        read_narrative(path)
    assert name in str(refused.value)


def test_a_zip_that_is_no_word_file(tmp_path):
    path = tmp_path / "假.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "不是 Word")
    with pytest.raises(NarrativeError, match="无法打开这个 Word 文件"):
        read_narrative(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(NarrativeError, match="找不到文件"):
        read_narrative(tmp_path / "没有.txt")
    folder = tmp_path / "文件夹.txt"
    folder.mkdir()
    with pytest.raises(NarrativeError, match="文件夹"):
        read_narrative(folder)
