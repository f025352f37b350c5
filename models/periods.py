"""Reporting periods: a year and a quarter, e.g. ``2023Q3``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
_CUMULATIVE_NAMES = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}

# Each pattern captures the year and something that names the quarter.
_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-_/ ]?\s*[Qq]([1-4])$"),
    re.compile(r"^(\d{4})\s*年\s*(?:第|前)?\s*([一二三四1-4])\s*季度?$"),
    re.compile(r"^(\d{4})\s*(?:年\s*)?(上半年|全年|年度)$"),
]
_HALF_AND_YEAR = {"上半年": 2, "全年": 4, "年度": 4}


class PeriodError(ValueError):
    """A text that does not name a period."""


@total_ordering
@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """One quarter of one year; ordered in time."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not (2000 <= self.year <= 2100 and 1 <= self.quarter <= 4):
            raise PeriodError(f"统计期须在 2000～2100 年的第 1～4 季度，而不是 {self.year} 年第 {self.quarter} 季度")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2023Q3``, ``2023-Q3``, ``2023年第三季度``, ``2023年前三季度`` …"""
        cleaned = str(text).strip()
        for pattern in _PATTERNS:
            match = pattern.match(cleaned)
            if match:
                year, quarter_text = match.groups()
                quarter = _HALF_AND_YEAR.get(quarter_text) or _CN_DIGITS[quarter_text]
                return cls(year=int(year), quarter=quarter)
        raise PeriodError(
            f"无法识别统计期“{text}”：请写成 2023Q3、2023-Q3 或 2023年第三季度 这样的形式"
        )

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def label(self) -> str:
        """Chinese name of the quarter alone: 2023年第三季度."""
        return f"{self.year}年{_QUARTER_NAMES[self.quarter]}"

    @property
    def cumulative_label(self) -> str:
        """Chinese name of the year-to-date span: 2023年前三季度."""
        return f"{self.year}年{_CUMULATIVE_NAMES[self.quarter]}"

    def previous(self) -> Period:
        if self.quarter == 1:
            return Period(year=self.year - 1, quarter=4)
        return Period(year=self.year, quarter=self.quarter - 1)

    def same_quarter_last_year(self) -> Period:
        return Period(year=self.year - 1, quarter=self.quarter)

    def quarters_so_far(self) -> list[Period]:
        """Q1 … this quarter of the same year."""
        return [Period(year=self.year, quarter=q) for q in range(1, self.quarter + 1)]

    def __str__(self) -> str:
        return self.code

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.year, self.quarter) < (other.year, other.quarter)
