"""Two programs writing one database: a filer's ``set`` commands while ``import`` stores a workbook.

No corruption, no lost update (every acknowledged ``set`` is in the audit trail, each change of
a figure saw the one before it), the import stored whole; and when another program keeps the
database locked longer than the wait, both commands say so in Chinese and store nothing.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from tests.reliability.killing import Q3, ROOT, prepare
from tests.reliability.support import AUDIT_SOURCE, copy_database, dump, integrity

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process handling")

SET_LOOP = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from main import main
    metrics = {metrics!r}
    for n in range({rounds}):
        metric = metrics[n % len(metrics)]
        status = main(["--db", {db!r}, "set", "2023Q3", metric, str(100 + n), "--note", f"第{{n}}次"])
        print("ACK" if status == 0 else "REFUSED", n, metric, flush=True)
""")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """1,580 metrics filed by 区法院 and a workbook changing all of them."""
    return prepare(tmp_path_factory.mktemp("small"), districts=10, existing=100)


def test_set_commands_and_an_import_at_the_same_time(small, tmp_path):
    db = copy_database(small.base_db, tmp_path / "data.db")
    shared = sorted(small.new)[:4]  # figures both programs write
    loop = subprocess.Popen([sys.executable, "-c", SET_LOOP.format(root=str(ROOT), db=str(db), metrics=shared,
                                                                    rounds=40)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)  # the loop is writing when the import starts
    imported = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(small.workbook)],
                              capture_output=True, text=True, timeout=120)
    out, err = loop.communicate(timeout=120)
    assert imported.returncode == 0, imported.stderr
    assert loop.returncode == 0 and "Traceback" not in err, err
    said = [line.split() for line in out.splitlines() if line.startswith(("ACK ", "REFUSED "))]
    acks = [line for line in said if line[0] == "ACK"]
    assert len(acks) == len(said) == 40
    assert integrity(db) == "ok"
    after = dump(db)
    _every_acknowledged_set_is_audited(after, acks)
    _every_change_saw_the_one_before(after, shared)
    _the_import_is_whole(after, small, shared)
    typed_ids = [row[0] for row in after["audit"] if row[11] == "命令行填报"]
    import_ids = [row[0] for row in after["audit"] if "big.xlsx sha256:" in row[AUDIT_SOURCE]]
    assert min(typed_ids) < min(import_ids) and max(import_ids) < max(typed_ids)  # they did overlap


def _every_acknowledged_set_is_audited(after, acks) -> None:
    typed = {(row[6], row[8], row[11]) for row in after["audit"]}  # metric, new_raw, reason
    for _, n, metric in acks:
        assert (metric, str(100 + int(n)), "命令行填报") in typed


def _every_change_saw_the_one_before(after, shared) -> None:
    figures = {row[2]: row for row in after["figures"] if row[0] == Q3}
    for metric in shared:
        history = [row for row in after["audit"] if row[6] == metric and row[4] == Q3]
        for before, later in zip(history, history[1:], strict=False):
            assert later[7] == before[8]  # old_raw of each change is the new_raw of the previous one
        assert figures[metric][4] == history[-1][8]  # the figure is the last change


def _the_import_is_whole(after, small, shared) -> None:
    from_file = [row for row in after["audit"] if "big.xlsx sha256:" in row[AUDIT_SOURCE]]
    assert {row[6] for row in from_file} | set(shared) >= set(small.new)
    figures = {row[2]: row[3] for row in after["figures"] if row[0] == Q3}
    assert all(figures[code] == number for code, number in small.new.items() if code not in shared)


def test_a_database_locked_too_long_is_said_and_nothing_is_stored(small, tmp_path):
    db = copy_database(small.base_db, tmp_path / "data.db")
    before = dump(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a long write
    try:
        commands = [[sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
                    for args in (["import", str(small.workbook)], ["set", Q3, sorted(small.new)[0], "7"])]
        children = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
        results = [child.communicate(timeout=60) for child in children]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for child, (_out, err) in zip(children, results, strict=True):
        assert child.returncode == 1, err
        assert "正被其他程序写入，等待后仍未释放。请稍后重试。" in err and "Traceback" not in err
    assert integrity(db) == "ok"
    assert dump(db) == before
