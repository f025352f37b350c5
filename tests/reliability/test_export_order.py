"""A file at the target of a final export is always a recorded submission.

The real ``export 2023Q3 --out 报送/报送.xlsx`` (the demo district, every warning explained) runs
once to its end, listing its steps, and is then killed with SIGKILL before each turning point:
the fsync of the workbook, the backup, the submission's transaction, the rename into place.
After every kill: the database is sound and holds the submission whole or not at all; a file at
the target is one ``verify`` recognises; and the next export leaves nothing in the user's folder
but its own file (no ``.~…`` temporaries).  Faults that are not kills — the database busy when
the submission is to be recorded — leave no file either.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys

import pytest

from main import main
from storage import submissions
from storage.store import Store
from tests.reliability.killing import all_or_nothing, kill_steps, run_stepped, user_state
from tests.reliability.support import copy_database, integrity

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")
EXPORT = ["export", "2023Q3", "--out", "报送/报送.xlsx"]


@pytest.fixture(scope="module")
def explained_once(demo_db_once, tmp_path_factory):
    """The demo district with every blocking finding of 2023Q3 explained: a final export may go out."""
    from app.checking import validate_period
    from app.context import AppContext
    from models.periods import Period

    ctx = AppContext(copy_database(demo_db_once, tmp_path_factory.mktemp("explained") / "demo.db"))
    for finding in validate_period(ctx, Period.parse("2023Q3"), final=True).blocking:
        ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    ctx.close()
    return ctx.store.path


def _copy(db, folder):
    folder.mkdir(parents=True)
    return shutil.copyfile(db, folder / "data.db")


def _recorded(db, path) -> bool:
    from exports.files import sha256_of

    with Store(db) as store:
        return bool(submissions.find_by_sha256(store, sha256_of(path)))


def test_a_final_export_killed_at_any_step_leaves_no_unrecorded_file_and_no_temporaries(explained_once, tmp_path):
    before = user_state(_copy(explained_once, tmp_path / "before"))
    finished = run_stepped(_copy(explained_once, tmp_path / "finished"), EXPORT)
    assert finished.code == 0, finished.output
    whole = user_state(tmp_path / "finished" / "data.db")
    points = kill_steps(finished.steps)
    assert len(points) >= 12 and any(step.startswith("replace") for step in finished.steps)
    outcomes = {}
    for number in points:
        db = _copy(explained_once, tmp_path / f"kill-{number}")
        target = db.parent / EXPORT[-1]
        assert run_stepped(db, EXPORT, kill_before=number).code is None
        assert integrity(db) == "ok"
        state = all_or_nothing(before, whole, user_state(db))
        unrecorded = target.exists() and not _recorded(db, target)
        again = run_stepped(db, EXPORT)
        assert again.code == 0, again.output
        left = sorted(p.name for p in target.parent.iterdir())
        outcomes[f"{number} {finished.steps[number - 1]}"] = (state, unrecorded, left)
    expected = ("报送.xlsx",)
    wrong = {step: o for step, o in outcomes.items() if o[0] not in ("none", "whole") or o[1] or tuple(o[2]) != expected}
    assert wrong == {}
    assert {o[0] for o in outcomes.values()} == {"none", "whole"}


def test_a_submission_that_cannot_be_recorded_leaves_no_file(explained_once, tmp_path):
    """Another program holds the database when the submission is to be recorded (the workbook is
    already written): the export fails with a message and no file appears, recorded or not."""
    import sqlite3

    from app import exchange
    from app.context import AppContext
    from models.periods import Period
    from storage import DatabaseBusyError

    db = _copy(explained_once, tmp_path / "busy")
    ctx = AppContext(db)
    ctx.store.conn.execute("PRAGMA busy_timeout = 200")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    out = tmp_path / "用户文件夹" / "报送.xlsx"
    try:
        with pytest.raises(DatabaseBusyError, match="正被其他程序写入"):
            exchange.export_submission(ctx, Period.parse("2023Q3"), out)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        ctx.close()
    assert list(out.parent.iterdir()) == []
    with Store(db) as store:
        assert submissions.submissions(store) == []


def test_temporaries_of_killed_saves_are_removed_and_nothing_else(explained_once, tmp_path, capsys):
    """What killed saves left (this version's and older versions' names) goes with the next save
    into the folder; a save still in progress, the user's files and Office's own lock files stay."""
    from openpyxl import Workbook

    from exports.files import stage_workbook

    db = _copy(explained_once, tmp_path / "db")
    folder = tmp_path / "报送"
    folder.mkdir()
    left_by_kills = [".~报送.xlsx.k3j9_x2a.tmp", ".~上季度.xlsx.a1b2c3d4.tmp", ".~q8w2e4r6.xlsx"]
    users = [".~lock.报送.xlsx#", "~$报送.xlsx", ".~笔记.txt", "说明.tmp"]
    for name in left_by_kills + users:
        (folder / name).write_bytes(b"PK\x03\x04")
    in_progress = stage_workbook(Workbook(), folder / "另一份.xlsx")
    try:
        assert main(["--db", str(db), *EXPORT[:-1], str(folder / "报送.xlsx")]) == 0
        assert in_progress.temporary.exists()
    finally:
        in_progress.put_in_place()
    assert sorted(p.name for p in folder.iterdir()) == sorted([*users, "报送.xlsx", "另一份.xlsx"])
    assert "已记录报送件 #1" in capsys.readouterr().out


def test_a_target_that_cannot_be_replaced_is_refused_before_anything_is_recorded(explained_once, tmp_path, capsys):
    """A folder where the file should go: refused in Chinese before the backup and the record."""
    db = _copy(explained_once, tmp_path / "db")
    target = tmp_path / "报送" / "报送.xlsx"
    target.mkdir(parents=True)
    assert main(["--db", str(db), *EXPORT[:-1], str(target)]) == 2
    err = capsys.readouterr().err
    assert f"无法写入 {target}：同名的文件夹已存在" in err and "未记录报送件" in err
    assert sorted(p.name for p in target.parent.iterdir()) == ["报送.xlsx"] and target.is_dir()
    with Store(db) as store:
        assert submissions.submissions(store) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_exported_workbook_gets_the_permissions_any_new_file_gets(demo_db, tmp_path, capsys):
    """Others in the office (the coordinator on a shared folder) must be able to open what was exported."""
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "报送.xlsx"
    assert main(["--db", str(demo_db), "export", "2023Q3", "--out", str(out), "--draft"]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
