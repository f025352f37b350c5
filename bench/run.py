"""Run every benchmark in bench/ (bench_*.py), each in its own process, then print one summary.

Each benchmark is a standalone script printing its own tables; this runner sequences them in
separate processes (one's memory and warm caches do not colour the next), passes each a file
to record its headline figures in, and ends with one table: every measurement, its baseline
measured in the same run, the ratio and the goal.
Usage: python bench/run.py [name …]   e.g. python bench/run.py validate excel
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import common  # noqa: E402

VERDICTS = {True: "达标", False: "未达标", None: "—"}


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    print(f"机器：{common.machine()}\n")
    with tempfile.TemporaryDirectory(prefix="bench_run_") as folder:
        results = Path(folder) / "results.jsonl"
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   **{common.RESULTS_ENV: str(results)})
        failed = [script.name for script in scripts if not run(script, env)]
        print(summary(common.read_results(results)))
    if failed:
        print(f"\n运行失败：{'、'.join(failed)}")
    return 1 if failed else 0


def run(script: Path, env: dict) -> bool:
    print(f"=== {script.name} ===", flush=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, env=env)
    print(f"（用时 {time.perf_counter() - started:.1f} 秒）\n", flush=True)
    return done.returncode == 0


def summary(results: list[common.Result]) -> str:
    """One line per measurement, in the order of the issue's list (1. start-up … 7. growth)."""
    rows = [[r.name, r.ours, r.baseline, f"{r.ratio:.2f}×" if r.ratio is not None else "", r.goal, VERDICTS[r.met]]
            for r in sorted(results, key=lambda r: r.name.split(" ", 1)[0])]
    header = ["测量", "本程序", "基线", "倍数", "目标", "结果"]
    return "=== 汇总 ===\n" + common.table(header, rows) if rows else "=== 汇总 ===\n（没有记录任何结果）"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
