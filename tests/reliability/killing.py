"""Killing the real ``import`` command mid-way, and judging what it left behind.

Used by ``test_import_crash.py`` and ``bench/bench_crash.py``.  A database gets a catalog of
many districts' metrics all filed by 区法院 (stored in the database, as a district's own catalog
is), figures from before (2023Q2 and some of 2023Q3) and a filled department workbook that
changes every 2023Q3 figure.  ``python main.py --db X import big.xlsx`` runs in a child process;
the parent watches the database folder (the backup taken before the import, the write-ahead log
growing at the commit) and sends SIGKILL at a chosen point.  Afterwards the database must pass
``PRAGMA integrity_check`` and hold either the whole import (every figure and audit row) or none
of it, and no figure stored before may be missing.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from tests.reliability.support import AUDIT_SOURCE, TABLES, dump, integrity

ROOT = Path(__file__).resolve().parents[2]
Q2, Q3 = "2023Q2", "2023Q3"


@dataclass(frozen=True)
class BigImport:
    base_db: Path
    workbook: Path
    before: dict  # dump of the database before the import
    new: dict[str, float]  # metric → the figure the workbook holds for 2023Q3


@dataclass(frozen=True)
class Timeline:
    """Seconds after the child started: the import backup appears, the log grows, the child ends."""

    backup: float
    commit: float
    end: float


@dataclass(frozen=True)
class KillPoint:
    name: str
    after: str  # "start", "backup" or "commit": the event the delay counts from
    delay: float  # seconds, or a fraction of the gap to the next event when negative (-0.5 = halfway)


@dataclass(frozen=True)
class Outcome:
    killed: bool  # False: the child had finished before the point came
    integrity: str
    state: str  # "none", "whole" or a description of what is wrong
    lost: int  # figures stored before the import that are gone


def prepare(folder: Path, districts: int = 25, existing: int = 300) -> BigImport:
    """The database and the filled workbook (25 districts: 3,950 metrics, all changed by the import)."""
    from app.context import AppContext
    from exports.department import TABLE_HEADER_ROW, DepartmentBook, department_workbook
    from exports.files import save_atomically
    from models.periods import Period
    from models.records import to_data
    from models.values import Entry
    from storage import settings as stored

    folder.mkdir(parents=True, exist_ok=True)
    ctx = AppContext(folder / "base.db", who="准备")
    definitions, profile = _many_districts(districts)
    stored.save_setting(ctx.store, stored.PROFILE_KEY, to_data(profile), "测试：区法院牵头全部指标")
    stored.save_catalog_definition(ctx.store, 2023, to_data(definitions, exclude_defaults=True), "测试")
    ctx.reload()
    catalog = ctx.catalog(2023)
    metrics = catalog.metrics[:existing]
    for period in (Q2, Q3):
        ctx.store.set_values([Entry(period=period, dept="court", metric=m.code, number=_figure(m, 2),
                                    raw=_typed(m, 2)) for m in metrics], reason="此前已填")
    new = {m.code: _figure(m, 3) for m in catalog.metrics}
    period = Period.parse(Q3)
    book = DepartmentBook(catalog=catalog, period=period, dept=catalog.department("court"), current={},
                          last_year={}, contacts=profile.contacts, written_at="")
    wb = department_workbook(book)
    for ws in wb.worksheets[:-1]:
        for row in ws.iter_rows(min_row=TABLE_HEADER_ROW + 1):
            metric = catalog.metric(row[0].value or "")  # not the signatures below the table
            if metric is not None:
                row[4].value = _typed(metric, 3)
    workbook = folder / "big.xlsx"
    save_atomically(wb, workbook)
    ctx.close()
    return BigImport(base_db=folder / "base.db", workbook=workbook, before=dump(folder / "base.db"), new=new)


def province_year(districts: int):
    """The 2023 indicators, each with every district's copy of its metrics (one district's departments)."""
    from models.catalog import CatalogYear
    from models.loader import load_catalog

    base = load_catalog(2023)
    indicators = []
    for indicator in base.indicators:
        metrics = [replace(m, code=f"{m.code}_d{d:03d}", name=f"{m.name}（区县{d:03d}）")
                   for d in range(1, districts + 1) for m in indicator.metrics]
        indicators.append(replace(indicator, metrics=tuple(metrics)))
    return CatalogYear(year=2023, title=base.title, indicators=tuple(indicators))


def _many_districts(districts: int):
    from models.loader import load_catalog

    base = load_catalog(2023)
    profile = replace(base.profile, leads={code: "court" for code in base.profile.leads}, years={})
    return province_year(districts), profile


def _figure(metric, level: int) -> float:
    return {"%": 10.0 * level}.get(metric.unit, float(level) if metric.decimals == 0 else level + 0.5)


def _typed(metric, level: int) -> str:
    number = _figure(metric, level)
    return f"{number:g}%" if metric.unit == "%" else f"{number:g}"


# ---- running and killing ------------------------------------------------------------------

def start(big: BigImport, folder: Path) -> tuple[subprocess.Popen, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    db = shutil.copyfile(big.base_db, folder / "data.db")
    with (folder / "output.txt").open("w") as output:  # a file, never a pipe that could fill up
        child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(big.workbook)],
                                 stdout=output, stderr=subprocess.STDOUT, cwd=folder)
    return child, Path(db)


def _events(db: Path) -> dict[str, bool]:
    backups = db.parent / "backups"
    wal = db.with_name(db.name + "-wal")
    return {"backup": backups.is_dir() and any(p.name.endswith("-import.db") for p in backups.iterdir()),
            "commit": _size(wal) > 0}


def _size(path: Path) -> int:
    """The file's size, 0 when it is not there (the import's last checkpoint may remove it meanwhile)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def calibrate(big: BigImport, folder: Path) -> Timeline:
    """One import run to its end, noting when each event happened."""
    child, db = start(big, folder)
    started, seen = time.monotonic(), {}
    while child.poll() is None:
        for event, happened in _events(db).items():
            if happened and event not in seen:
                seen[event] = time.monotonic() - started
        time.sleep(0.0005)
    end = time.monotonic() - started
    assert child.returncode == 0, (folder / "output.txt").read_text(encoding="utf-8")
    return Timeline(backup=seen.get("backup", end), commit=seen.get("commit", end), end=end)


def kill_at(big: BigImport, point: KillPoint, timeline: Timeline, folder: Path) -> Outcome:
    child, db = start(big, folder)
    started = time.monotonic()
    due = _due(point, timeline)
    happened_at = 0.0 if point.after == "start" else None
    while child.poll() is None:
        now = time.monotonic() - started
        if happened_at is None and _events(db)[point.after]:
            happened_at = now
        if happened_at is not None and now >= happened_at + due:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            return judge(big, db, killed=True)
        time.sleep(0.0005)
    return judge(big, db, killed=False)


def _due(point: KillPoint, timeline: Timeline) -> float:
    if point.delay >= 0:
        return point.delay
    start = {"start": 0.0, "backup": timeline.backup, "commit": timeline.commit}[point.after]
    following = {"start": timeline.backup, "backup": timeline.commit, "commit": timeline.end}[point.after]
    return -point.delay * max(following - start, 0.0)


def judge(big: BigImport, db: Path, killed: bool) -> Outcome:
    checked = integrity(db)
    from storage import Store

    Store(db).close()  # opens after the crash (the log is recovered), as the next start of the program does
    after = dump(db)
    return Outcome(killed=killed, integrity=checked, state=_state(big, after), lost=_lost(big.before, after))


def _state(big: BigImport, after: dict) -> str:
    before = big.before
    if after["figures"] == before["figures"] and after["audit"] == before["audit"]:
        return "none"
    q3 = {row[2]: row[3] for row in after["figures"] if row[0] == Q3}
    others = [row for row in after["figures"] if row[0] != Q3]
    new_audit = after["audit"][len(before["audit"]):]
    whole = (q3 == big.new and others == [r for r in before["figures"] if r[0] != Q3]
             and after["audit"][:len(before["audit"])] == before["audit"] and len(new_audit) == len(big.new)
             and all("big.xlsx sha256:" in row[AUDIT_SOURCE] for row in new_audit))
    if whole:
        return "whole"
    return f"partial: {len(q3)} of {len(big.new)} figures, {len(new_audit)} new audit rows"


def _lost(before: dict, after: dict) -> int:
    kept = {row[:3] for row in after["figures"]}
    return sum(1 for row in before["figures"] if row[:3] not in kept)


KILL_POINTS = [
    KillPoint("starting-python", "start", 0.05),
    KillPoint("loading-the-program", "start", 0.3),
    KillPoint("reading-the-workbook", "start", -0.6),
    KillPoint("checking-rows", "start", -0.9),
    KillPoint("during-the-backup", "backup", 0.0),
    KillPoint("just-after-the-backup", "backup", -0.1),
    KillPoint("writing-the-transaction", "backup", -0.5),
    KillPoint("transaction-nearly-built", "backup", -0.9),
    KillPoint("commit-writing-the-log", "commit", 0.0),
    KillPoint("commit-fsync", "commit", 0.001),
    KillPoint("checkpoint", "commit", -0.4),
    KillPoint("closing", "commit", -0.9),
]


# ---- any command killed before a chosen step ------------------------------------------------
#
# The timed kills above fall where the clock says; a window of a few microseconds (between two
# commits of one command, between writing a file and recording it) is almost never hit that way.
# Here the child counts its steps — every SQL statement any of its connections runs, every
# fsync, rename and replace — and kills itself with SIGKILL just before step N.  A first run to
# the end lists the steps; the kill points are chosen from that list.  Nothing of the program is
# replaced: the steps are observed (sqlite's trace callback, a counting wrapper around the os
# call) and the program runs on unchanged until the kill.

STEPPER = """
import os, signal, sqlite3, sys
root, log, kill_before, *argv = sys.argv[1:]
sys.path.insert(0, root)
kill_before, done = int(kill_before), [0]
listing = open(log, "w", encoding="utf-8") if kill_before == 0 else None

def step(what):
    done[0] += 1
    if done[0] == kill_before:
        os.kill(os.getpid(), signal.SIGKILL)
    if listing is not None:
        listing.write(" ".join(str(what).split())[:120] + "\\n")
        listing.flush()

def counted(name, call):
    def run(*args, **kwargs):
        step(name + " " + " ".join(os.path.basename(str(a)) for a in args if not isinstance(a, int)))
        return call(*args, **kwargs)
    return run

connect = sqlite3.connect
def traced_connect(*args, **kwargs):
    conn = connect(*args, **kwargs)
    if str(args[0] if args else kwargs.get("database")) != ":memory:":  # files only: no user's data is in memory
        conn.set_trace_callback(lambda sql: step("sql " + sql))
    return conn

sqlite3.connect = traced_connect
for name in ("fsync", "replace", "rename"):
    setattr(os, name, counted(name, getattr(os, name)))
from main import main
code = main(argv)
step("exit")  # the database is closed: a kill now finds the command's work done
sys.exit(code)
"""


@dataclass(frozen=True)
class StepRun:
    code: int | None  # the exit status; None when killed
    output: str
    steps: list[str]


def run_stepped(db: Path, argv: list[str], kill_before: int = 0) -> StepRun:
    """``main.py --db DB ARGV`` in a child, killed just before step ``kill_before`` (0: never)."""
    folder = db.parent
    log, output = folder / "steps.txt", folder / "output.txt"
    with output.open("w") as out:
        child = subprocess.run([sys.executable, "-c", STEPPER, str(ROOT), str(log), str(kill_before),
                                "--db", str(db), *map(str, argv)], stdout=out, stderr=subprocess.STDOUT,
                               cwd=folder, timeout=300)
    killed = child.returncode == -signal.SIGKILL
    steps = log.read_text(encoding="utf-8").splitlines() if kill_before == 0 else []
    return StepRun(None if killed else child.returncode, output.read_text(encoding="utf-8"), steps)


_TURNS = ("sql BEGIN", "sql COMMIT", "sql ROLLBACK", "sql SAVEPOINT", "sql RELEASE", "fsync", "replace", "rename")


def kill_steps(steps: list[str], spread: int = 6) -> list[int]:
    """Steps to kill before: each turning point (transaction boundaries, fsync, rename) and the step
    after it, the first and last, and ``spread`` more evenly spaced; numbered from 1."""
    chosen = {1, len(steps)}
    for number, text in enumerate(steps, 1):
        if text.startswith(_TURNS):
            chosen |= {number, min(number + 1, len(steps))}
    chosen |= {1 + (len(steps) - 1) * k // (spread + 1) for k in range(1, spread + 1)}
    return sorted(chosen)


def user_state(db: Path) -> dict[str, list[tuple]]:
    """What a user's data is, without times and file checksums: figures, audit, explanations, locks, submissions,
    settings and catalogs, opened as the next start of the program opens it (the log recovered)."""
    from storage import Store

    Store(db).close()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {table: _timeless(conn, table) for table in TABLES}
    finally:
        conn.close()


_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")


def _timeless(conn, table: str) -> list[tuple]:
    """Rows without their times, nor the checksums of files (a workbook records when it was written)."""
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    keep = [i for i, column in enumerate(cursor.description) if column[0] not in ("at", "sha256")]
    return [tuple(_DIGEST.sub("sha256:…", row[i]) if isinstance(row[i], str) else row[i] for i in keep)
            for row in cursor]


def all_or_nothing(before: dict, whole: dict, after: dict) -> str:
    """"none", "whole", or which tables hold a mix."""
    if after == before:
        return "none"
    if after == whole:
        return "whole"
    mixed = [t for t in TABLES if after[t] not in (before[t], whole[t])]
    parts = [t for t in TABLES if after[t] == whole[t] != before[t]]
    return f"partial: done {parts}, mixed {mixed}"
