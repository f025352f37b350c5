"""One user action, one transaction: a command killed at any step leaves all of it or none of it.

``profile set-lead electricity power_supply --move-figures`` moves the 70 figures of 获得电力
from 区住建局 to 区供电公司 and stores the new profile; ``profile import --move-figures`` does the
same for several indicators at once; ``import`` stores a department's workbook after a backup.
Each real command runs once to the end (which lists its
steps: SQL statements, fsyncs, renames) and is then killed with SIGKILL before each turning point
(every BEGIN, COMMIT, savepoint, fsync and rename, and the step after it) and at evenly spaced
steps between.  After every kill the database passes ``integrity_check`` and holds either the
state before the command or the state the finished command left (times aside); never figures
moved while the old department still leads (they would drop out of the export).  And every
command that changes data, run for real, commits exactly once.
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from tests.reliability.killing import all_or_nothing, kill_steps, run_stepped, user_state
from tests.reliability.support import integrity

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

SET_LEAD = ["profile", "set-lead", "electricity", "power_supply", "--move-figures"]


def _profile_moving_three_indicators(db, folder):
    """A profile file giving 区法院's three indicators to 区司法局 (as a coordinator's file would)."""
    from app.context import AppContext
    from models.records import to_data

    ctx = AppContext(db)
    data = to_data(ctx.profile)
    ctx.close()
    for indicator in ("contract_enforcement", "bankruptcy", "investor_protection"):
        data["leads"][indicator] = "justice"
    path = folder / "区县配置.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _copy(db, folder):
    folder.mkdir(parents=True)
    return shutil.copyfile(db, folder / "data.db")


def _kill_everywhere(demo_db, tmp_path, argv):
    """Run ``argv`` to its end, then kill a fresh copy before each chosen step; the outcomes."""
    before = user_state(_copy(demo_db, tmp_path / "before"))
    finished = run_stepped(_copy(demo_db, tmp_path / "finished"), argv)
    assert finished.code == 0, finished.output
    whole = user_state(tmp_path / "finished" / "data.db")
    assert whole != before
    outcomes = {}
    for number in kill_steps(finished.steps):
        db = _copy(demo_db, tmp_path / f"kill-{number}")
        killed = run_stepped(db, argv, kill_before=number)
        assert killed.code is None, f"步骤 {number} 前未能终止：{killed.output}"
        assert integrity(db) == "ok"
        outcomes[f"{number} {finished.steps[number - 1]}"] = all_or_nothing(before, whole, user_state(db))
    return outcomes


def test_set_lead_moving_figures_killed_at_any_step_is_all_or_nothing(demo_db, tmp_path):
    outcomes = _kill_everywhere(demo_db, tmp_path, SET_LEAD)
    assert len(outcomes) >= 10
    assert {step: state for step, state in outcomes.items() if state not in ("none", "whole")} == {}
    assert set(outcomes.values()) == {"none", "whole"}  # kills fell both before and after the commit


def test_profile_import_moving_three_indicators_killed_at_any_step_is_all_or_nothing(demo_db, tmp_path):
    path = _profile_moving_three_indicators(demo_db, tmp_path)
    outcomes = _kill_everywhere(demo_db, tmp_path, ["profile", "import", path, "--move-figures"])
    assert {step: state for step, state in outcomes.items() if state not in ("none", "whole")} == {}
    assert set(outcomes.values()) == {"none", "whole"}


def test_a_profile_refused_after_the_figures_moved_leaves_them_where_they_were(demo_app, demo_db):
    """The move and the profile are one transaction: a profile text the store refuses (stored last)
    takes the figures' move back with it."""
    from dataclasses import replace

    from app import profile as edits
    from storage.texts import TextError

    before = user_state(demo_db)
    moved = edits.with_lead(demo_app.profile, "electricity", "power_supply")
    unstorable = replace(moved, contacts=replace(moved.contacts, filer="张三\x01"))  # as from an older file
    with pytest.raises(TextError, match="filer"):
        edits.save_profile(demo_app, unstorable, reason="测试", move_figures=True)
    assert user_state(demo_db) == before
    assert demo_app.profile.leads["electricity"] == "housing"


COMMANDS = [  # one after the other on the same database, each a user action that changes something
    ["set", "2023Q3", "ct_close_rate", "85.1%", "--note", "按结案口径"],
    ["lock", "2023Q3", "--dept", "court", "--reason", "已报送"],
    ["unlock", "2023Q3", "--dept", "court", "--reason", "更正结案率"],
    ["profile", "set-district", "红谷滩新区"],
    ["profile", "set-contact", "filer", "张三"],
    ["profile", "add-dept", "data_bureau", "区数据局"],
    ["profile", "rename-dept", "data_bureau", "区数据管理局"],
    ["profile", "retire-dept", "data_bureau"],
    ["profile", "set-lead", "electricity", "power_supply", "--move-figures"],
    ["profile", "new-year", "2024", "--targets", "empty"],
    ["blank", "2023Q3", "--dept", "court", "--out", "court.xlsx"],
    ["import", "court.xlsx"],
    ["backup"],
]
WRITE_NOTHING = (["backup"], ["blank", "2023Q3", "--dept", "court", "--out", "court.xlsx"])


def test_every_command_that_changes_data_commits_exactly_once(demo_db, tmp_path):
    """Counted on the real commands: more than one COMMIT would let a crash between them split
    one user action (the startup's own steps, a migration, are not a user's action)."""
    db = _copy(demo_db, tmp_path / "one")
    commits = {}
    for argv in COMMANDS:
        finished = run_stepped(db, argv)
        assert finished.code == 0, finished.output
        commits[" ".join(argv)] = sum(1 for step in finished.steps if step == "sql COMMIT")
    assert commits == {" ".join(argv): 0 if argv in WRITE_NOTHING else 1 for argv in COMMANDS}


def _court_workbook_changing_every_count(db, folder):
    """区法院's 2023Q3 workbook as the program writes it, every count one higher (as a filer corrects)."""
    from openpyxl import load_workbook

    from app import exchange
    from app.context import AppContext
    from models.periods import Period

    ctx = AppContext(db)
    period = Period.parse("2023Q3")
    catalog = ctx.catalog_for(period)
    path = folder / "区法院.xlsx"
    exchange.write_blank(ctx, period, catalog.department("court"), path)
    ctx.close()
    wb = load_workbook(path)
    changed = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=6):
            metric = catalog.metric(str(row[0].value))
            if metric is not None and metric.unit != "%" and metric.decimals == 0 and row[4].value not in (None, ""):
                row[4].value = str(int(str(row[4].value).replace(",", "")) + 1)
                changed += 1
    assert changed >= 5
    wb.save(path)
    return path


def test_an_import_killed_at_any_step_is_all_or_nothing(demo_db, tmp_path):
    path = _court_workbook_changing_every_count(demo_db, tmp_path)
    outcomes = _kill_everywhere(demo_db, tmp_path, ["import", path])
    assert {step: state for step, state in outcomes.items() if state not in ("none", "whole")} == {}
    assert set(outcomes.values()) == {"none", "whole"}
