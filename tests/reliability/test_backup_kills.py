"""The real ``backup`` and ``restore`` commands killed with SIGKILL part-way: nothing is lost.

A database of 30,000 figures (and as many audit rows) is backed up, then changed; the child is
``python main.py --db X backup`` or ``… restore B``.  The parent watches the backups folder and
kills the child when the backup's temporary file appears, and at fractions of the time from
then to the end.  Afterwards:
- backup: the database is unchanged, and every file under a backup's name is a good backup
  (a killed backup leaves no file that could be offered or restored);
- restore: the database passes ``integrity_check`` and holds either what it held before (no
  restore row in the audit) or what the backup held plus every audit row it had before and the
  restore row; never a mix, never an audit row less.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.values import Entry
from storage import Store
from storage import backup as backups
from tests.reliability.support import dump, integrity

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
FIGURES = 30000
FRACTIONS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The database as it was backed up, the backup, and the database after more work."""
    folder = tmp_path_factory.mktemp("kills")
    db = folder / "data.db"
    with Store(db, who="准备") as store:
        store.set_values(_entries("2023Q2", 2), reason="二季度")
        saved = store.backup("manual")
        then = dump(db)
        store.set_values(_entries("2023Q3", 3), reason="三季度")
    return db, saved, then


def _entries(period: str, level: int) -> list[Entry]:
    return [Entry(period=period, dept="court", metric=f"m{n:05d}", number=n * level, raw=str(n * level))
            for n in range(FIGURES)]


def _copy(prepared, folder: Path) -> tuple[Path, Path]:
    db, saved, _ = prepared
    folder.mkdir(parents=True, exist_ok=True)
    copy = Path(shutil.copyfile(db, folder / "data.db"))
    (folder / "backups").mkdir()
    for path in (saved, backups.manifest_path(saved)):
        shutil.copyfile(path, folder / "backups" / path.name)
    return copy, folder / "backups" / saved.name


def _run(args: list[str], folder: Path) -> subprocess.Popen:
    with (folder / "output.txt").open("w") as output:
        return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], stdout=output,
                                stderr=subprocess.STDOUT, cwd=folder)


def _started_writing(folder: Path) -> bool:
    return any(p.name.endswith(".partial") for p in (folder / "backups").iterdir())


def _timed(args: list[str], folder: Path) -> tuple[float, float]:
    """One run left alone: when its first temporary file appeared and when it ended."""
    child, started, seen = _run(args, folder), time.monotonic(), None
    while child.poll() is None:
        if seen is None and _started_writing(folder):
            seen = time.monotonic() - started
        time.sleep(0.0005)
    end = time.monotonic() - started
    assert child.returncode == 0, (folder / "output.txt").read_text(encoding="utf-8")
    return seen if seen is not None else end, end


def _kill_when(args: list[str], folder: Path, delay: float) -> bool:
    """Kill the child ``delay`` seconds after its first temporary file appears; False if it ended first."""
    child, seen = _run(args, folder), None
    while child.poll() is None:
        now = time.monotonic()
        if seen is None and _started_writing(folder):
            seen = now
        if seen is not None and now >= seen + delay:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            return True
        time.sleep(0.0005)
    return False


@pytest.fixture(scope="module")
def backup_time(prepared, tmp_path_factory):
    db, _ = _copy(prepared, tmp_path_factory.mktemp("calibrate-backup"))
    return _timed(["--db", str(db), "backup"], db.parent)


@pytest.fixture(scope="module")
def restore_time(prepared, tmp_path_factory):
    db, saved = _copy(prepared, tmp_path_factory.mktemp("calibrate-restore"))
    return _timed(["--db", str(db), "restore", str(saved)], db.parent)


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_a_killed_backup_leaves_no_file_that_could_be_taken_for_a_backup(prepared, backup_time, tmp_path,
                                                                          fraction):
    db, _ = _copy(prepared, tmp_path)
    before = dump(db)
    first, end = backup_time
    killed = _kill_when(["--db", str(db), "backup"], tmp_path, fraction * (end - first))
    assert killed or fraction > 0  # the first point always comes before the end
    assert integrity(db) == "ok"
    for found in backups.backups(db):
        assert found.problem() == "", f"{found.path.name}: {found.problem()}"
    assert dump(db) == before


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_a_killed_restore_leaves_all_of_it_or_none_and_every_audit_row(prepared, restore_time, tmp_path,
                                                                        fraction):
    db, saved = _copy(prepared, tmp_path)
    before, then = dump(db), prepared[2]
    first, end = restore_time
    killed = _kill_when(["--db", str(db), "restore", str(saved)], tmp_path, fraction * (end - first))
    assert killed or fraction > 0
    assert integrity(db) == "ok"
    Store(db).close()  # the next start of the program recovers the log
    after = dump(db)
    assert after["audit"][:len(before["audit"])] == before["audit"]  # no audit row is ever lost
    restored = [row for row in after["audit"][len(before["audit"]):] if row[3] == "restore"]
    if restored:
        assert after["figures"] == then["figures"] and len(after["audit"]) == len(before["audit"]) + 1
    else:
        assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing hidden beside the database


def test_programs_backing_up_at_the_same_moment_each_get_a_good_backup_of_their_own(prepared, tmp_path):
    db, _ = _copy(prepared, tmp_path)
    children = [subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "backup"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(4)]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert [child.returncode for child in children] == [0] * 4, outputs
    manual = [b for b in backups.backups(db) if b.reason == "manual"]
    assert len(manual) == 5  # the one prepared and one for each program
    assert [b.problem() for b in manual] == [""] * 5


def test_a_restore_killed_before_any_of_its_steps_is_all_or_nothing(demo_db, tmp_path):
    """The stepped kills of ``killing.py``: before every statement that begins or ends a transaction,
    every fsync and rename (and the step after each), and at evenly spaced steps between."""
    from tests.reliability.killing import all_or_nothing, kill_steps, run_stepped, user_state

    saved = shutil.copyfile(demo_db, tmp_path / "备份.db")
    with Store(demo_db) as store:
        store.set_value(Entry(period="2023Q3", dept="court", metric="ct_cases_accepted", number=34300,
                              raw="34300"), reason="更正")

    def state(db: Path) -> dict:  # the restore row names the safety copy, whose name has the time in it
        found = user_state(db)
        found["audit"] = [row[:10] + ("…",) + row[11:] if row[2] == "restore" else row for row in found["audit"]]
        return found

    def fresh(name: str) -> Path:
        (tmp_path / name).mkdir()
        return Path(shutil.copyfile(demo_db, tmp_path / name / "data.db"))

    argv = ["restore", str(saved)]
    before, finished = state(fresh("before")), run_stepped(fresh("finished"), argv)
    assert finished.code == 0, finished.output
    whole = state(tmp_path / "finished" / "data.db")
    outcomes = {}
    for number in kill_steps(finished.steps):
        db = fresh(f"kill-{number}")
        assert run_stepped(db, argv, kill_before=number).code is None
        assert integrity(db) == "ok"
        outcomes[f"{number} {finished.steps[number - 1]}"] = all_or_nothing(before, whole, state(db))
    assert {step: found for step, found in outcomes.items() if found not in ("none", "whole")} == {}
    assert set(outcomes.values()) == {"none", "whole"}
