"""Precision and recall of figure → metric matching on the hand-labelled seeds 000 and 004.

The measured figures are printed by ``bench/crosscheck_bench.py`` and quoted in the README; the
test only keeps them above sane floors.
"""

import pytest

from models.periods import Period
from tests.conftest import seed_text
from tests.crosscheck.gold import GOLD, locate, score
from validation.crosscheck import read


def test_the_labelled_list_is_large_and_every_entry_is_found_once_in_its_text():
    assert sum(len(entries) for entries in GOLD.values()) >= 60
    for seed, entries in GOLD.items():
        labels = locate(seed_text(seed), entries)
        assert len({(lab.start, lab.end) for lab in labels}) == len(labels)


@pytest.mark.parametrize("seed", sorted(GOLD))
def test_precision_and_recall_stay_above_their_floors(catalog, seed):
    text = seed_text(seed)
    result = score(locate(text, GOLD[seed]), read(text, catalog, Period.parse("2023Q3")).matches)
    assert result.precision >= 0.9, result.false_positives
    assert result.recall >= 0.85, result.missed


def test_the_score_counts_wrong_metrics_and_misses(catalog):
    text = "8.执行合同指标:结案28936件,结案率84.61%。"
    labels = locate(text, [("结案【28936件】", "ct_cases_accepted", 28936), ("结案率【84.61%】", "ct_close_rate", 84.61)])
    result = score(labels, read(text, catalog).matches)
    assert (result.true_positives, len(result.false_positives), len(result.missed)) == (1, 1, 1)
    assert (result.precision, result.recall) == (0.5, 0.5)
