"""Building figures for engine tests the way a filer types them."""

from __future__ import annotations

from models.periods import Period
from models.values import Value
from validation.parsing import parse_entry


def typed(catalog, period: str, figures: dict[str, str]) -> list[Value]:
    """Values for ``period`` from typed texts, read by the real parser (raw kept as typed)."""
    values = []
    for code, text in figures.items():
        parsed = parse_entry(text, catalog.metric(code))
        values.append(Value(period=Period.parse(period).code, dept=catalog.department_of(code), metric=code,
                            number=parsed.number, raw=parsed.raw))
    return values


def stored(catalog, period: str, code: str, number: float, raw: str | None = None) -> Value:
    """A value as an import or an older version may have stored it, bypassing the parser."""
    return Value(period=period, dept=catalog.department_of(code), metric=code, number=number,
                 raw=str(number) if raw is None else raw)


def rules_found(findings, metric: str | None = None) -> set[str]:
    return {f.rule for f in findings if metric is None or f.metric == metric}
