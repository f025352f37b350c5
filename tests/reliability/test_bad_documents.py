"""Broken and hostile narrative reports through ``crosscheck``: refused in Chinese, bounded, nothing stored.

Each case of ``corpus.documents`` goes through the real command: exit status 2, a message that
names the file and the reason, no traceback, no "未发现问题", and the database unchanged.  Then
the limits themselves: what used to take gigabytes or minutes is refused (or checked) in seconds
and megabytes, and text in every encoding a Chinese PC saves is read exactly.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from exports.narrative import MAX_FIGURES, read_narrative
from main import main
from models.loader import load_catalog
from models.periods import Period
from tests.reliability.corpus.documents import DENSE, DOCUMENTS, REPORT, big_document, paragraphs
from tests.reliability.support import dump
from validation.crosscheck import crosscheck


@pytest.mark.parametrize("case", DOCUMENTS, ids=[c.name for c in DOCUMENTS])
def test_the_crosscheck_command_refuses_in_chinese_and_stores_nothing(demo_db, tmp_path, capsys, case):
    path = tmp_path / case.file
    case.make(path)
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "crosscheck", "2023Q3", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"错误：{case.file}：") or captured.err.startswith(f"错误：{path.name}"), captured.err
    for words in case.words:
        assert words in captured.err, captured.err[:1000]
    assert "Traceback" not in captured.err and "未发现问题" not in captured.out
    assert dump(demo_db) == before


def test_the_corpus_is_large_enough():
    assert len(DOCUMENTS) >= 30


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16-be", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read_exactly(tmp_path, encoding):
    """UTF-32 was read as UTF-16 (its mark begins with UTF-16's) and checked as garbage."""
    path = tmp_path / "报告.txt"
    data = REPORT.encode(encoding)
    if encoding == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert read_narrative(path) == REPORT


def test_a_megabyte_docx_of_text_is_refused_in_little_memory_and_time(tmp_path):
    """Text counted while expat streams the XML: refused before python-docx builds anything."""
    path = tmp_path / "报告.docx"
    big_document(paragraphs(REPORT * 50, 4000))(path)  # ~26 MB of text, ~1 MB zipped
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValueError, match="文字太长"):
            read_narrative(path)
        seconds, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 2**20 and seconds < 10, (peak, seconds)


def test_the_worst_text_within_the_limits_is_checked_in_seconds():
    """One sentence of 4,900 figures with no punctuation: every figure's neighbourhood is read in
    a window, not the whole sentence (minutes before), and each finding holds an excerpt of the
    sentence, not all of it (gigabytes before)."""
    catalog = load_catalog(2023)
    text = DENSE * (MAX_FIGURES - 100)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        report = crosscheck(text, catalog, period=Period.parse("2023Q3"), filed={"ct_cases_accepted": 2.0})
        seconds, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(report.findings) == MAX_FIGURES - 100  # every figure read and compared
    assert all(len(f.sentence) <= 502 for f in report.findings)
    assert seconds < 30 and peak < 256 * 2**20, (seconds, peak)


def test_no_figure_is_not_reported_as_no_problem(demo_db, tmp_path, capsys):
    path = tmp_path / "报告.txt"
    path.write_text("本季度各项工作稳步推进。\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "crosscheck", "2023Q3", str(path)]) == 0
    out = capsys.readouterr().out
    assert "没有识别到任何数字" in out and "未发现问题：" not in out
