"""What the benchmarks share: timing, peak memory in a child process, the machine, and the
results that ``bench/run.py`` gathers into one summary table.

A benchmark prints its own tables (it runs alone too).  When ``BENCH_RESULTS`` names a file,
each ``record`` also appends one JSON line to it; ``run.py`` sets it and prints the summary.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_ENV = "BENCH_RESULTS"
MEMORY_MARK = "peak_rss_kib"


def machine() -> str:
    cores = os.cpu_count()
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"，内存 {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    cpu = _cpu_name()
    return f"{platform.system()} {platform.machine()}{cpu}，{cores} 核{memory}，Python {platform.python_version()}"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"（{line.split(':', 1)[1].strip()}）"
    except OSError:
        pass
    return ""


# ---- timing ------------------------------------------------------------------------------

def run_times(work: Callable[[], object], runs: int) -> list[float]:
    """Seconds of each of ``runs`` calls, each after a full collection (no pause for earlier garbage)."""
    seconds = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def median_time(work: Callable[[], object], runs: int) -> float:
    return statistics.median(run_times(work, runs))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def alternate(works: dict[str, Callable[[], object] | tuple[Callable[[], object], Callable]],
              runs: int) -> dict[str, float]:
    """Median seconds of each work, run in turn (a, b, a, b …) so that all see the same machine load.

    A work may be a pair ``(setup, work)``: ``setup()`` runs untimed before each run and its
    result is passed to ``work``.
    """
    seconds: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            if isinstance(work, tuple):
                setup, timed = work
                prepared = setup()
                seconds[name] += run_times(lambda timed=timed, prepared=prepared: timed(prepared), 1)
            else:
                seconds[name] += run_times(work, 1)
    return {name: statistics.median(found) for name, found in seconds.items()}


# ---- memory ------------------------------------------------------------------------------

def report_peak_memory() -> None:
    """Called by a child at its end: print this process's peak resident set size.

    Linux's ``ru_maxrss`` carries the parent's peak over ``exec`` (the child starts as a copy
    of a large benchmark process), so the kernel's high-water mark of this very process
    (``VmHWM``) is read where there is one.
    """
    print(f"{MEMORY_MARK} {_high_water_kib()}", flush=True)


def _high_water_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_memory_mib(script: Path, *args: str) -> float:
    """Peak RSS of a fresh process running ``script`` with ``args`` (it calls ``report_peak_memory``)."""
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=True,
                          cwd=ROOT, timeout=900)
    for line in done.stdout.splitlines():
        if line.startswith(MEMORY_MARK):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{script.name} {' '.join(args)}: no peak memory reported: {done.stderr[-500:]}")


# ---- results for the summary table ---------------------------------------------------------

@dataclass(frozen=True)
class Result:
    name: str  # what was measured, in Chinese
    ours: str  # the figure, formatted with its unit
    baseline: str  # the baseline's figure ("" when the goal is absolute)
    ratio: float | None  # ours ÷ baseline
    goal: str  # e.g. "≤ 2×", "p95 ≤ 2 ms", "" (none set)
    met: bool | None  # None when there is no goal


def record(result: Result) -> None:
    path = os.environ.get(RESULTS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")


def record_ratio(name: str, ours: float, baseline: float, unit: str, goal_ratio: float | None = None) -> None:
    """A measurement against its baseline, optionally with a goal on the ratio."""
    ratio = ours / baseline
    record(Result(name, figure(ours, unit), figure(baseline, unit), ratio,
                  f"≤ {goal_ratio:g}×" if goal_ratio else "", None if goal_ratio is None else ratio <= goal_ratio))


def record_growth(name: str, sizes: list[int], ours: list[float], baseline: list[float], unit: str) -> None:
    """Milliseconds per unit (district, file) at each size: linear growth keeps them level."""
    def per(times: list[float]) -> str:
        return " / ".join(f"{t / size * 1000:.3g}" for size, t in zip(sizes, times, strict=True))

    sizes_text = "/".join(str(size) for size in sizes)
    record(Result(f"{name}（{sizes_text} {unit}）", per(ours), per(baseline), None, "", None))


def figure(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.2f} ms"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    return f"{value:g} {unit}"


def width(text: str) -> int:
    """Columns a text takes in a terminal: two for a Chinese character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def left(text: str, columns: int) -> str:
    return text + " " * max(columns - width(text), 0)


def right(text: str, columns: int) -> str:
    return " " * max(columns - width(text), 0) + text


def table(header: list[str], rows: list[list[str]], indent: str = "") -> str:
    """Rows of texts as columns: the first left-aligned, the others right-aligned."""
    columns = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [left(row[0], columns[0])] + [right(text, size) for text, size in zip(row[1:], columns[1:], strict=True)]
        lines.append(indent + "  ".join(cells).rstrip())
    return "\n".join(lines)


def read_results(path: Path) -> list[Result]:
    if not path.exists():
        return []
    return [Result(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
