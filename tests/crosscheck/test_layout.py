"""Indicator sections, sentences and clauses of the seed reports."""

from tests.conftest import seed_text
from validation.crosscheck.layout import clauses, headings, sections, sentences

SEED_000_SECTIONS = [
    None, None, "gov_service",  # 一、主要做法, 二、各指标部工作开展情况, 1.政务服务指标
    "construction_permit", "electricity", "bidding", "water_gas",
    "taxation", "credit", "contract_enforcement", "bankruptcy", "labor_market", "procurement",
    "business_start", "intellectual_property", "market_supervision",
    None, "taxation", None, None,  # 三、特色亮点 and its items: only 10. names an indicator (纳税)
]


def indicators(text, catalog):
    return [s.indicator for s in sections(text, catalog)]


def test_seed_000_is_organised_by_numbered_indicator_headings(catalog):
    text = seed_text("000")
    assert indicators(text, catalog) == SEED_000_SECTIONS
    court = next(s for s in sections(text, catalog) if s.indicator == "contract_enforcement")
    assert text[court.start:].startswith("8.执行合同指标(区法院牵头)")
    assert "结案28936件" in text[court.start:court.end] and "破产" not in text[court.start:court.end][:60]


def test_seed_004_headings_in_parentheses_including_one_with_a_typo(catalog):
    found = indicators(seed_text("004"), catalog)
    # "(十劳动力市场监管。" lacks its closing parenthesis and still opens labour-market supervision
    assert found[1:19] == [
        "business_start", "construction_permit", "electricity", "water_gas", "property_registration",
        "taxation", "bankruptcy", "credit", "investor_protection", "contract_enforcement", "labor_market",
        "bidding", "procurement", "gov_service", "intellectual_property", "market_supervision",
        "inclusive_innovation", None,
    ]
    assert found.count("labor_market") == 1


def test_a_sub_item_without_indicator_stays_in_its_section(catalog):
    text = "8.执行合同指标(区法院牵头):\n(一)审判工作。结案28936件。\n9.办理破产指标:执转破立案12件。"
    assert indicators(text, catalog) == ["contract_enforcement", "bankruptcy"]


def test_a_heading_of_the_same_level_without_indicator_closes_the_section(catalog):
    text = "(八)执行合同。结案28936件。(九)其他工作。走访企业150家。"
    assert indicators(text, catalog) == ["contract_enforcement", None]


def test_unclosed_parenthesis_is_a_heading_only_before_an_indicator_name(catalog):
    assert [h.indicator for h in headings("。(十劳动力市场监管。", catalog)] == ["labor_market"]
    assert headings("。(一些工作。", catalog) == []


def test_seed_001_sections_name_indicators_within_the_title(catalog):
    found = indicators(seed_text("001"), catalog)
    assert "procurement" in found and "gov_service" in found  # (四)全面优化政府采购, (九)提升政务服务质效


def test_sentences_end_at_full_stops_semicolons_and_headings(catalog):
    text = "二、情况 1.政务服务指标:网上可办率100%;全程网办率99.38%。2.获得电力指标:线上办电率达99.98%"
    found = sentences(text, sections(text, catalog))
    assert [text[s.start:s.end] for s in found] == [
        "二、情况 ", "1.政务服务指标:网上可办率100%;", "全程网办率99.38%。", "2.获得电力指标:线上办电率达99.98%"]
    assert [s.section for s in found] == [0, 1, 1, 2]


def test_commas_inside_parentheses_do_not_cut_a_clause():
    text = "已引进53家企业(清退企业15家,现有企业38家),实现营收近6亿元"
    assert [text[a:b] for a, b in clauses(text, 0, len(text))] == [
        "已引进53家企业(清退企业15家,现有企业38家)", "实现营收近6亿元"]


def test_a_text_without_headings_has_no_sections(catalog):
    text = "今年结案28936件。结案率84.61%。"
    assert sections(text, catalog) == []
    assert [s.section for s in sentences(text, [])] == [-1, -1]
