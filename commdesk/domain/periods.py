"""Reporting periods (报告期): month, quarter, half-year and year.

Returns are filed per period and ledgers are filtered by it, so the same
value object parses what the clerk types, names the period on screen and in
the workbook, and answers which dates fall inside it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from commdesk.domain.i18n import is_chinese, translate
from commdesk.domain.validators import to_halfwidth

PERIOD_KINDS = ("month", "quarter", "half", "year")

_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}
_MONTHS_PER_UNIT = {"month": 1, "quarter": 3, "half": 6, "year": 12}
MIN_YEAR = 2000
MAX_YEAR = 2100

# Fixed English names: calendar.month_name follows the C locale setting.
_MONTH_NAMES_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_HALF_ZH = {"上": 1, "下": 2}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month", re.compile(r"^(?P<y>\d{4})[-/.](?P<i>\d{1,2})$")),
    ("month", re.compile(r"^(?P<y>\d{4})年(?P<i>\d{1,2})月份?$")),
    ("quarter", re.compile(r"^(?P<y>\d{4})-?Q(?P<i>\d)$", re.IGNORECASE)),
    ("quarter", re.compile(r"^(?P<y>\d{4})年第?(?P<i>[1-4一二三四])季度$")),
    ("half", re.compile(r"^(?P<y>\d{4})-?H(?P<i>\d)$", re.IGNORECASE)),
    ("half", re.compile(r"^(?P<y>\d{4})年(?P<i>[上下])半年$")),
    ("year", re.compile(r"^(?P<y>\d{4})(?:年度?)?$")),
)


class PeriodError(ValueError):
    """Raised with a user-readable message when a period is invalid."""


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period; ``index`` is the month, quarter or half (1 for a year)."""

    kind: str
    year: int
    index: int = 1

    def __post_init__(self) -> None:
        if self.kind not in _PER_YEAR:
            raise PeriodError(
                translate("Periods", "Unknown period type: {kind}.").format(kind=self.kind)
            )
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(
                translate("Periods", "The year must be between {first} and {last}.").format(
                    first=MIN_YEAR, last=MAX_YEAR
                )
            )
        if not 1 <= self.index <= _PER_YEAR[self.kind]:
            messages = {
                "month": translate("Periods", "The month must be between 1 and 12."),
                "quarter": translate("Periods", "The quarter must be between 1 and 4."),
                "half": translate("Periods", "The half-year must be 1 (first) or 2 (second)."),
                "year": translate("Periods", "A year period has no sub-number."),
            }
            raise PeriodError(messages[self.kind])

    # -- construction -----------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read 2026-10, 2026Q3, 2026H1, 2026 or their Chinese labels."""
        cleaned = re.sub(r"\s", "", to_halfwidth(str(text)))
        for kind, pattern in _PATTERNS:
            match = pattern.match(cleaned)
            if match is None:
                continue
            year = int(match["y"])
            index_text = match.groupdict().get("i")
            if index_text is None:
                index = 1
            elif index_text in _CN_DIGITS:
                index = _CN_DIGITS[index_text]
            elif index_text in _HALF_ZH:
                index = _HALF_ZH[index_text]
            else:
                index = int(index_text)
            return cls(kind, year, index)
        raise PeriodError(
            translate(
                "Periods",
                "Cannot read “{text}” as a period. Use e.g. 2026-10, 2026Q3, 2026H1 or 2026.",
            ).format(text=str(text).strip())
        )

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        """The period of ``kind`` that ``day`` falls in."""
        if kind not in _MONTHS_PER_UNIT:
            raise PeriodError(
                translate("Periods", "Unknown period type: {kind}.").format(kind=kind)
            )
        index = (day.month - 1) // _MONTHS_PER_UNIT[kind] + 1
        return cls(kind, day.year, index)

    # -- dates -------------------------------------------------------------

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _MONTHS_PER_UNIT[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.index * _MONTHS_PER_UNIT[self.kind]

    @property
    def first_day(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def last_day(self) -> date:
        month = self.last_month
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def contains(self, day: date) -> bool:
        """True when ``day`` (a date or datetime) lies inside the period."""
        if isinstance(day, datetime):
            day = day.date()
        return self.first_day <= day <= self.last_day

    def months(self) -> tuple[Period, ...]:
        """The month periods that make up this period, in order."""
        return tuple(
            Period("month", self.year, m) for m in range(self.first_month, self.last_month + 1)
        )

    # -- navigation --------------------------------------------------------

    def _shift(self, step: int) -> Period:
        per_year = _PER_YEAR[self.kind]
        year, index0 = divmod(self.year * per_year + self.index - 1 + step, per_year)
        return Period(self.kind, year, index0 + 1)

    def previous(self) -> Period:
        """The period of the same kind just before (raises PeriodError before 2000)."""
        return self._shift(-1)

    def next(self) -> Period:
        """The period of the same kind just after (raises PeriodError after 2100)."""
        return self._shift(1)

    # -- names ---------------------------------------------------------------

    @property
    def code(self) -> str:
        """Canonical stored form: 2026-10, 2026Q3, 2026H1 or 2026."""
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.index}"
        if self.kind == "half":
            return f"{self.year}H{self.index}"
        return str(self.year)

    @property
    def label_zh(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.index}月"
        if self.kind == "quarter":
            return f"{self.year}年第{self.index}季度"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        return f"{self.year}年"

    @property
    def label_en(self) -> str:
        if self.kind == "month":
            return f"{_MONTH_NAMES_EN[self.index - 1]} {self.year}"
        if self.kind == "quarter":
            return f"Q{self.index} {self.year}"
        if self.kind == "half":
            return f"H{self.index} {self.year}"
        return str(self.year)

    def label(self) -> str:
        """Human label in the current UI language."""
        return self.label_zh if is_chinese() else self.label_en

    def __str__(self) -> str:
        return self.code


# Quick periods beside the date filters and on the returns page (issue 17): each key
# with the calendar span it means for a given today. Weeks run Monday to Sunday.
QUICK_RANGES = (
    "today",
    "this_week",
    "this_month",
    "last_month",
    "this_quarter",
    "last_quarter",
    "this_year",
    "last_year",
)
# The quick choices that are whole reporting periods (the returns page offers these).
QUICK_PERIODS = {
    "this_month": ("month", 0),
    "last_month": ("month", -1),
    "this_quarter": ("quarter", 0),
    "last_quarter": ("quarter", -1),
    "this_year": ("year", 0),
    "last_year": ("year", -1),
}


def quick_period(key: str, today: date) -> Period:
    """本月, 上月, 本季度, 上季度, 本年, 上年 as a reporting period, for ``today``."""
    kind, step = QUICK_PERIODS[key]
    period = Period.containing(kind, today)
    return period.previous() if step else period


def quick_range(key: str, today: date) -> tuple[date, date]:
    """First and last day of 今天, 本周 … 上年 for ``today`` (both inclusive)."""
    if key == "today":
        return today, today
    if key == "this_week":
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    period = quick_period(key, today)
    return period.first_day, period.last_day
