"""Reliability figures: how fast and in how little memory hostile workbooks are refused, and how
many SIGKILL points a real import survives.

1. Hostile files (generated as in tests/reliability/corpus/workbooks.py) through the import's
   planning step: seconds to refuse (best of three) and the peak of Python's traced memory.
   The real 区法院 workbook is the yardstick.
2. The real ``python main.py import`` of a 3,950-metric workbook killed with SIGKILL at the
   twelve named points of the tests plus ``--spread`` points evenly spaced over the whole run:
   integrity, all-or-nothing, figures lost.

Run: ``.venv/bin/python bench/bench_reliability.py [--spread N]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import exchange  # noqa: E402
from app.commands.demo import load_demo  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.errors import UsageError  # noqa: E402
from models.periods import Period  # noqa: E402
from tests.reliability.corpus.workbooks import CASES  # noqa: E402
from tests.reliability.killing import KILL_POINTS, KillPoint, calibrate, kill_at, prepare  # noqa: E402

HOSTILE = ("million-rows", "zip-bomb-declared", "zip-bomb-lying-sizes", "entity-bomb-in-sheet",
           "entity-bomb-in-shared-strings", "over-20-mb", "password-protected")


def measured(ctx: AppContext, path: Path) -> tuple[float, float, str]:
    """Best of three seconds (untraced), the peak traced MB of one more run, and how it ended."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        said = attempt(ctx, path)
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    attempt(ctx, path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, said


def attempt(ctx: AppContext, path: Path) -> str:
    try:
        exchange.plan_import(ctx, path)
    except (UsageError, exchange.ImportRefused) as exc:
        return str(exc).split("：", 1)[-1][:28]
    return "读入"


def hostile_files(folder: Path) -> None:
    ctx = AppContext(folder / "demo.db", who="bench")
    load_demo(ctx)
    period = Period.parse("2023Q3")
    blank = exchange.write_blank(ctx, period, ctx.catalog_for(period).department("court"), folder / "区法院.xlsx").path
    print(f"{'文件':<34}{'大小 MB':>9}{'秒':>8}{'峰值内存 MB':>12}  结果")
    rows = [("real-court-workbook", blank)]
    for case in (c for c in CASES if c.name in HOSTILE):
        path = folder / f"{case.name}.xlsx"
        shutil.copyfile(blank, path)
        case.make(path)
        rows.append((case.name, path))
    for name, path in rows:
        seconds, peak, said = measured(ctx, path)
        print(f"{name:<34}{path.stat().st_size / 2**20:>9.2f}{seconds:>8.3f}{peak:>12.1f}  {said}")
    ctx.close()


def kill_points(folder: Path, spread: int) -> None:
    big = prepare(folder / "big")
    timeline = calibrate(big, folder / "calibration")
    print(f"\n导入 {len(big.new):,} 项指标（python main.py import）：备份出现于 {timeline.backup:.2f} 秒，"
          f"提交写日志于 {timeline.commit:.2f} 秒，结束于 {timeline.end:.2f} 秒")
    points = KILL_POINTS + [KillPoint(f"spread-{n}", "start", timeline.end * n / (spread + 1))
                            for n in range(1, spread + 1)]
    states, killed, lost, damaged = Counter(), 0, 0, 0
    for number, point in enumerate(points):
        outcome = kill_at(big, point, timeline, folder / f"kill-{number}")
        killed += outcome.killed
        states[outcome.state] += 1
        lost += outcome.lost
        damaged += outcome.integrity != "ok"
    print(f"SIGKILL 点 {len(points)} 个（实际在运行中杀死 {killed} 个）：完整性检查失败 {damaged} 个；"
          f"结果全无 {states['none']} 个、全部 {states['whole']} 个、其他 {len(points) - states['none'] - states['whole']} 个；"
          f"丢失已保存数值 {lost} 项")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spread", type=int, default=24, help="额外均匀分布的 SIGKILL 点数")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    hostile_files(folder)
    if sys.platform != "win32":
        kill_points(folder, args.spread)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
