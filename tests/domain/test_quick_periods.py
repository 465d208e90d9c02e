"""Quick periods with a fixed clock across month, quarter and year boundaries (issue 17)."""

from __future__ import annotations

from datetime import date

import pytest

from commdesk.domain.periods import QUICK_PERIODS, QUICK_RANGES, quick_period, quick_range

D = date


@pytest.mark.parametrize(
    ("today", "key", "span"),
    [
        # New Year's Day, a Thursday: last month, quarter and year are all of 2025.
        (D(2026, 1, 1), "today", (D(2026, 1, 1), D(2026, 1, 1))),
        (D(2026, 1, 1), "this_week", (D(2025, 12, 29), D(2026, 1, 4))),
        (D(2026, 1, 1), "this_month", (D(2026, 1, 1), D(2026, 1, 31))),
        (D(2026, 1, 1), "last_month", (D(2025, 12, 1), D(2025, 12, 31))),
        (D(2026, 1, 1), "this_quarter", (D(2026, 1, 1), D(2026, 3, 31))),
        (D(2026, 1, 1), "last_quarter", (D(2025, 10, 1), D(2025, 12, 31))),
        (D(2026, 1, 1), "this_year", (D(2026, 1, 1), D(2026, 12, 31))),
        (D(2026, 1, 1), "last_year", (D(2025, 1, 1), D(2025, 12, 31))),
        # Last day of a quarter, and of February in a leap year.
        (D(2026, 3, 31), "last_month", (D(2026, 2, 1), D(2026, 2, 28))),
        (D(2026, 3, 31), "this_quarter", (D(2026, 1, 1), D(2026, 3, 31))),
        (D(2026, 4, 1), "last_quarter", (D(2026, 1, 1), D(2026, 3, 31))),
        (D(2028, 3, 15), "last_month", (D(2028, 2, 1), D(2028, 2, 29))),
        # A Sunday ends its week; a Monday starts one.
        (D(2026, 12, 6), "this_week", (D(2026, 11, 30), D(2026, 12, 6))),
        (D(2026, 12, 7), "this_week", (D(2026, 12, 7), D(2026, 12, 13))),
    ],
)
def test_quick_range(today: date, key: str, span: tuple[date, date]) -> None:
    assert quick_range(key, today) == span


def test_quick_periods_are_reporting_periods() -> None:
    assert str(quick_period("last_month", D(2026, 1, 1))) == "2025-12"
    assert str(quick_period("last_quarter", D(2026, 1, 15))) == "2025Q4"
    assert str(quick_period("this_quarter", D(2026, 7, 1))) == "2026Q3"
    assert str(quick_period("last_year", D(2026, 1, 1))) == "2025"
    assert set(QUICK_PERIODS) <= set(QUICK_RANGES)
