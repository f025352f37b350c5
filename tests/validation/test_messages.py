"""Every case a rule kind can report has its Chinese message, and every message belongs to a case."""

import pytest

from models.catalog import RuleKind
from validation.messages import CASES, MESSAGES
from validation.parsing import EntryError, parse_entry


@pytest.mark.parametrize("kind", list(RuleKind))
def test_every_case_of_a_rule_kind_has_its_message(kind):
    assert set(MESSAGES[kind]) == set(CASES[kind])


@pytest.mark.parametrize(("code", "text"), [
    ("ct_cases_accepted", "XX"), ("ct_cases_accepted", "约1000"), ("ct_cases_accepted", ""),
    ("ct_cases_accepted", "一万二"), ("ct_cases_accepted", "-5"), ("ct_cases_accepted", "12.5"),
    ("ct_close_rate", "100.5"), ("bs_equity_growth", "-101"), ("pc_emall_amount", "160kVA"),
    ("ct_close_rate", "5天"), ("ct_close_rate", "3万"), ("ct_cases_accepted", "9" * 20),
])
def test_a_refused_entry_names_a_case_of_its_rule_kind(catalog, code, text):
    with pytest.raises(EntryError) as info:
        parse_entry(text, catalog.metric(code))
    kind = RuleKind(info.value.rule)
    assert CASES[kind](info.value.case) in MESSAGES[kind]
