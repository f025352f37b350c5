"""Disk faults met by the window's tasks are said in Chinese, naming the file.

The faults are real: a workbook saved onto a full tmpfs (root and mount(8), as on the CI machine),
a write to /dev/full (ENOSPC on any Linux), a database that may not grow (SQLite's
max_page_count).
"""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.reliability.test_english import english_words


def _no_english(text: str) -> None:
    assert not english_words(text), text


def test_a_blank_workbook_onto_a_full_disk_is_refused_in_chinese(qtbot, window, said, tmp_path, monkeypatch):
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount is not allowed here ({done.stderr.strip()}); /dev/full below makes the same fault")
    try:
        (disk / "填满").write_bytes(b"\0" * 60 * 1024)
        out = disk / "区法院.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
        window.actions["export_blank"].trigger()
        qtbot.waitUntil(lambda: not window.tasks.busy and bool(said), timeout=20000)
        title, text = said[-1]
        assert title == "生成填报表未完成" and f"无法写入 {out}" in text and "磁盘空间不足" in text
        _no_english(text)
        assert not out.exists() and not list(disk.glob(".~*"))
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_task_failing_on_a_full_device_says_so_in_chinese(window, said):
    try:
        with open("/dev/full", "wb") as device:
            device.write(b"x" * 10)
    except OSError as exc:
        window.file_commands._task_failed("导出", exc)
    title, text = said[-1]
    assert title == "导出未完成" and "磁盘空间不足" in text
    _no_english(text)


def test_a_task_failing_on_a_full_database_says_so_in_chinese(window, said):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count = 2")
    try:
        conn.execute("INSERT INTO t VALUES (?)", ("长" * 100_000,))
    except sqlite3.Error as exc:
        window.file_commands._task_failed("导入", exc)
    title, text = said[-1]
    assert title == "导入未完成" and "磁盘空间不足" in text and str(window.ctx.store.path) in text
    _no_english(text)
