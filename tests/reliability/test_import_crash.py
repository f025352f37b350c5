"""The real ``import`` command killed with SIGKILL at twelve points: all of the import or none of it.

The child is ``python main.py --db X import big.xlsx`` on a workbook of 3,950 metrics that
changes every 2023Q3 figure (300 of them filed before).  The points run from Python's start-up
through reading the workbook, the backup before the import, building the transaction, the
commit writing the log, to the checkpoint when the program closes the database.  After each
kill the database passes ``integrity_check``, opens, and holds the whole import (every figure
and its audit row) or none of it; no figure stored before is lost.
"""

from __future__ import annotations

import sys

import pytest

from tests.reliability.killing import KILL_POINTS, calibrate, kill_at, prepare

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return prepare(tmp_path_factory.mktemp("big"))


@pytest.fixture(scope="module")
def timeline(big, tmp_path_factory):
    return calibrate(big, tmp_path_factory.mktemp("calibration"))


def test_an_import_left_alone_stores_everything(big, timeline):
    assert 0 < timeline.backup <= timeline.commit <= timeline.end


@pytest.mark.parametrize("point", KILL_POINTS, ids=[p.name for p in KILL_POINTS])
def test_a_killed_import_leaves_all_or_nothing(big, timeline, tmp_path, point):
    outcome = kill_at(big, point, timeline, tmp_path)
    assert outcome.integrity == "ok"
    assert outcome.state in ("none", "whole")
    assert outcome.lost == 0
    if point.after == "start" and point.delay >= 0:
        assert outcome.killed and outcome.state == "none"  # killed long before anything could be written
