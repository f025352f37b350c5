"""Bundle size and start-up time of the PyInstaller build next to running from source.

Measures the one-folder bundle when ``make bundle`` has built it (``--build`` builds it first:
minutes, so ``make bench`` does not); the one-file variant when ``make bundle-onefile`` has.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONEDIR = ROOT / "build" / "dist" / "yingshang-tianbao"
ONEFILE = ROOT / "build" / "dist-onefile" / "yingshang-tianbao"


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def median_seconds(command: list[str], env: dict, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    if "--build" in sys.argv[1:] and not ONEDIR.exists():
        subprocess.run([str(Path(sys.executable).parent / "pyinstaller"), "--noconfirm", "--log-level", "WARN",
                        "--distpath", "build/dist", "--workpath", "build/work", "packaging/yingshang.spec"],
                       cwd=ROOT, check=True)
    rows = [("源码运行 python main.py", None, [sys.executable, "main.py"])]
    if ONEDIR.exists():
        rows.append(("单文件夹打包", size_mb(ONEDIR), [str(ONEDIR / "yingshang-tianbao")]))
    else:
        print("（未找到 build/dist/：先 make bundle，或加 --build，才测打包后的程序）")
    if ONEFILE.exists():
        rows.append(("单文件打包", size_mb(ONEFILE), [str(ONEFILE)]))
    print(f"{'方式':<24}{'大小 MB':>10}{'--version 秒':>14}{'catalog --json 秒':>20}")
    for name, size, command in rows:
        data = tempfile.mkdtemp()  # each its own database: an older build refuses a newer one's schema
        env = dict(os.environ, XDG_DATA_HOME=data, HOME=data)
        version = median_seconds(command + ["--version"], env)
        catalog = median_seconds(command + ["catalog", "--json"], env)
        shown = f"{size:.0f}" if size is not None else "—"
        print(f"{name:<24}{shown:>10}{version:>14.2f}{catalog:>20.2f}")


if __name__ == "__main__":
    main()
