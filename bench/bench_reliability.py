"""Reliability figures: how fast and in how little memory hostile workbooks are refused, and how
many SIGKILL points a real import survives.

1. Hostile files (generated as in tests/reliability/corpus/workbooks.py) through the import's
   planning step: seconds to refuse (best of three) and the peak of Python's traced memory.
   The real 区法院 workbook is the yardstick.
2. Hostile and oversized reports (tests/reliability/corpus/documents.py, plus the largest text
   the limits let through) through the real ``python main.py crosscheck``, one process each:
   seconds and the peak resident memory (lxml's memory included), exit status and message.
   ``--code DIR`` runs the main.py of another checkout on the same files (before → after).
3. The real ``python main.py import`` of a 3,950-metric workbook killed with SIGKILL at the
   twelve named points of the tests plus ``--spread`` points evenly spaced over the whole run:
   integrity, all-or-nothing, figures lost.

Run: ``.venv/bin/python bench/bench_reliability.py [--spread N] [--code DIR] [--reports-only]``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import exchange  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.demo import load_demo  # noqa: E402
from app.errors import UsageError  # noqa: E402
from models.periods import Period  # noqa: E402
from tests.reliability.corpus.documents import DENSE, DOCUMENTS, big_document, paragraphs, text  # noqa: E402
from tests.reliability.corpus.workbooks import CASES  # noqa: E402
from tests.reliability.killing import KILL_POINTS, KillPoint, calibrate, kill_at, prepare  # noqa: E402

HOSTILE = ("million-rows", "zip-bomb-declared", "zip-bomb-lying-sizes", "entity-bomb-in-sheet",
           "entity-bomb-in-shared-strings", "over-20-mb", "password-protected", "dtd-behind-element-like-comment",
           "dtd-in-utf16-without-bom", "million-cells-in-utf16", "row-number-beyond-any-sheet")


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


REPORTS = ("entity-bomb-in-attribute", "dtd-in-utf16-without-bom", "text-past-the-limit", "a-million-empty-runs",
           "dense-figures-docx", "dense-figures-txt", "utf32-without-bom")
ROOT = Path(__file__).resolve().parents[1]


def report_files(folder: Path) -> list[tuple[str, Path]]:
    """The hostile reports, then texts just inside the limits: the costliest that are checked."""
    made = [(c.name, folder / f"{c.name}{Path(c.file).suffix}", c.make) for c in DOCUMENTS if c.name in REPORTS]
    made += [("dense-4900-figures-txt", folder / "dense.txt", text((DENSE * 4900).encode())),
             ("dense-4900-figures-docx", folder / "dense.docx", big_document(paragraphs(DENSE * 4900, 1))),
             ("dense-33000-figures-docx", folder / "dense-33000.docx", big_document(paragraphs(DENSE * 33000, 1)))]
    for _, path, make in made:
        make(path)
    return [(name, path) for name, path, _ in made]


def crosscheck_run(code: Path, db: Path, path: Path, timeout: float) -> tuple[float, float, str]:
    """Seconds, peak resident MB and outcome of one ``crosscheck`` process (killed at ``timeout``)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(code / "main.py"), "--db", str(db), "crosscheck", "2023Q3",
                                str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=code,
                               preexec_fn=_limit_memory)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        outcome = f"超时（{timeout:.0f} 秒时终止）"
    else:
        said = (err or out).decode("utf-8", "replace").strip().splitlines()
        outcome = f"退出 {process.returncode}：" + (said[-1] if process.returncode else said[0])[:40]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, outcome


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (8 * 2**30, 8 * 2**30))  # an old checkout must not take the machine


def reports(folder: Path, code: Path, timeout: float) -> None:
    db = folder / "demo.db"
    files = report_files(folder)
    print(f"\n{'报告文件':<30}{'大小 KB':>9}{'秒':>8}{'峰值内存 MB':>12}  结果（{code}）")
    for name, path in files:
        # ru_maxrss of children is a maximum over all of them: a fresh helper process per file
        row = subprocess.run([sys.executable, __file__, "--one-report", str(code), str(db), str(path), str(timeout)],
                             capture_output=True, text=True, check=True).stdout.rstrip("\n")
        print(f"{name:<30}{path.stat().st_size / 1024:>9.0f}{row}")


def one_report(code: str, db: str, path: str, timeout: str) -> None:
    seconds, peak, outcome = crosscheck_run(Path(code), Path(db), Path(path), float(timeout))
    print(f"{seconds:>8.2f}{peak:>12.0f}  {outcome}")


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
    parser.add_argument("--code", type=Path, default=ROOT, help="运行哪一份代码的 main.py 核对报告（默认本目录）")
    parser.add_argument("--timeout", type=float, default=300, help="每份报告最多运行的秒数")
    parser.add_argument("--reports-only", action="store_true", help="只测报告核对")
    parser.add_argument("--one-report", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_report:
        one_report(*args.one_report)
        return
    folder = Path(tempfile.mkdtemp())
    hostile_files(folder)
    if sys.platform != "win32":
        reports(folder, args.code.resolve(), args.timeout)
        if not args.reports_only:
            kill_points(folder, args.spread)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
