"""Cross-check figures: matching quality on the labelled seeds and the time it takes.

Run: .venv/bin/python bench/crosscheck_bench.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.loader import load_catalog  # noqa: E402
from models.periods import Period  # noqa: E402
from tests.conftest import seed_text  # noqa: E402
from tests.crosscheck.gold import GOLD, locate, score  # noqa: E402
from validation.crosscheck import crosscheck, read  # noqa: E402

PERIOD = Period.parse("2023Q3")


def quality(catalog) -> None:
    print("figure → metric matching against the hand-labelled list")
    total_tp = total_fp = total_missed = 0
    for seed, entries in GOLD.items():
        text = seed_text(seed)
        result = score(locate(text, entries), read(text, catalog, PERIOD).matches)
        total_tp += result.true_positives
        total_fp += len(result.false_positives)
        total_missed += len(result.missed)
        print(f"  seed {seed}: {len(entries):3d} labels  precision {result.precision:.3f}  recall {result.recall:.3f}")
        for label in result.missed:
            print(f"    missed: {text[label.start - 12:label.end]} → {label.metric}")
        for match in result.false_positives:
            print(f"    wrong:  {text[match.figure.start - 12:match.figure.end]} → {match.metric}")
    precision = total_tp / (total_tp + total_fp)
    recall = total_tp / (total_tp + total_missed)
    print(f"  both:     {total_tp + total_missed:3d} labels  precision {precision:.3f}  recall {recall:.3f}")


def timing(catalog) -> None:
    print("time of one cross-check (read + check), best of 5")
    filed = {m.code: 1.0 for m in catalog.metrics}
    for seed in ("000", "001", "004"):
        text = seed_text(seed)
        _report(f"seed {seed}", text, catalog, filed)
    big = "\n".join(seed_text(seed) for seed in ("000", "004") for _ in range(5))
    _report("seeds 000+004 ×5", big, catalog, filed)
    print("unusual texts (a table pasted as one line, a report left full of XX)")
    _report("5000 figures, 1 line", "结案28936件 " * 5000, catalog, filed)
    _report("3000 in one (aside)", "(" + "旧存665件," * 3000 + ")", catalog, filed)
    _report("3000 placeholders", "XX条" * 3000, catalog, filed)


def _report(name: str, text: str, catalog, filed) -> None:
    best = min(_seconds(text, catalog, filed) for _ in range(5))
    print(f"  {name:<18} {len(text):7d} characters  {best * 1000:7.1f} ms  {len(text) / best / 1000:6.0f} k characters/s")


def _seconds(text: str, catalog, filed) -> float:
    start = time.perf_counter()
    crosscheck(text, catalog, period=PERIOD, filed=filed)
    return time.perf_counter() - start


if __name__ == "__main__":
    loaded = load_catalog(2023)
    quality(loaded)
    timing(loaded)
