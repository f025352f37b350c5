"""Killing the process mid-work never corrupts the database nor loses an acknowledged edit.

A child process writes through the real Store and prints a line after each commit returns;
the parent kills it with SIGKILL at several points and inspects what survived.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storage import DatabaseBusyError, Store

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

BURST = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from models.values import Entry
    from storage import Store
    store = Store({db!r}, who="burst")
    for n in range(100000):
        store.set_value(Entry(period="2023Q3", dept="court", metric=f"m{{n % 50}}", number=n, raw=str(n)))
        print("ACK", n, flush=True)
""")

BATCH = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from models.values import Entry
    from storage import Store
    store = Store({db!r}, who="batch")
    entries = [Entry(period="2023Q3", dept="court", metric=f"m{{n}}", number=n, raw=str(n)) for n in range({size})]
    print("START", flush=True)
    store.set_values(entries, reason="import", source="big.xlsx")
    print("DONE", flush=True)
""")


def start(script: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)


def kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("kill_after", [1, 37, 250, 800])
def test_every_acknowledged_edit_survives_sigkill(tmp_path, kill_after):
    db = tmp_path / "burst.db"
    child = start(BURST.format(root=str(ROOT), db=str(db)))
    acked = []
    for line in child.stdout:
        acked.append(int(line.split()[1]))
        if len(acked) == kill_after:
            break
    kill(child)
    assert integrity(db) == "ok"
    with Store(db) as store:
        last = acked[-1]
        # every metric holds its newest acknowledged value (or a later, unacknowledged one)
        for metric in {f"m{n % 50}" for n in acked}:
            newest_acked = max(n for n in acked if f"m{n % 50}" == metric)
            assert store.get("2023Q3", "court", metric).number >= newest_acked
        assert len(store.audit()) >= last + 1


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.4, 1.5])
def test_a_large_batch_is_stored_whole_or_not_at_all(tmp_path, delay):
    db = tmp_path / "batch.db"
    size = 20000
    Store(db).close()
    child = start(BATCH.format(root=str(ROOT), db=str(db), size=size))
    assert child.stdout.readline().strip() == "START"
    time.sleep(delay)
    kill(child)
    assert integrity(db) == "ok"
    with Store(db) as store:
        stored, audited = len(store.values()), len(store.audit())
    assert (stored, audited) in ((0, 0), (size, size))


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from models.values import Entry
    from storage import Store
    store = Store({db!r}, who={who!r})
    for n in range(200):
        store.set_value(Entry(period="2023Q3", dept="court", metric="shared", number=n, raw=f"{who}-{{n}}"))
        store.set_value(Entry(period="2023Q3", dept="court", metric=f"{who}-{{n}}", number=n, raw=str(n)))
""")


def test_two_processes_writing_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    Store(db).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), db=str(db), who=who)],
                                stderr=subprocess.PIPE, text=True) for who in ("甲", "乙")]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert integrity(db) == "ok"
    with Store(db) as store:
        assert len(store.values()) == 401  # 2 × 200 own figures + the shared one
        history = store.audit(metric="shared")
    assert len(history) == 400
    for before, after in zip(history, history[1:], strict=False):
        assert after.old_raw == before.new_raw  # each change saw the one before it: no lost update


def test_a_busy_database_gives_a_clear_message(tmp_path):
    db = tmp_path / "busy.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(db, busy_timeout_ms=200) as store:
            from models.values import Entry

            with pytest.raises(DatabaseBusyError, match="正被其他程序写入"):
                store.set_value(Entry(period="2023Q3", dept="court", metric="x", number=1, raw="1"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
