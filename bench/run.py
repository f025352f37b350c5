"""Run every benchmark in bench/ (bench_*.py) one after another and print their figures.

Each benchmark is a standalone script printing a table; this runner only sequences them in
separate processes so one's memory and warm caches do not colour the next.
Usage: python bench/run.py [name …]   e.g. python bench/run.py validate excel
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cores = os.cpu_count()
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"，内存 {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return f"{platform.system()} {platform.machine()}，{cores} 核{memory}，Python {platform.python_version()}"


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    print(f"机器：{machine()}\n")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    failed = 0
    for script in scripts:
        print(f"=== {script.name} ===", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, env=env)
        failed += done.returncode != 0
        print(f"（用时 {time.perf_counter() - started:.1f} 秒）\n", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
