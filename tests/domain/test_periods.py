"""Tests for commdesk.domain.periods."""

from __future__ import annotations

import contextlib
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commdesk.domain import i18n
from commdesk.domain.periods import PERIOD_KINDS, Period, PeriodError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10", Period("month", 2026, 10)),
        ("2026-1", Period("month", 2026, 1)),
        ("2026-01", Period("month", 2026, 1)),
        ("2026/3", Period("month", 2026, 3)),
        ("2026Q3", Period("quarter", 2026, 3)),
        ("2026q3", Period("quarter", 2026, 3)),
        ("2026-Q4", Period("quarter", 2026, 4)),
        ("2026H1", Period("half", 2026, 1)),
        ("2026h2", Period("half", 2026, 2)),
        ("2026", Period("year", 2026, 1)),
        ("  2026-10  ", Period("month", 2026, 10)),
        ("２０２６－１０", Period("month", 2026, 10)),
        ("２０２６Ｑ３", Period("quarter", 2026, 3)),
        ("2026年10月", Period("month", 2026, 10)),
        ("2026年1月", Period("month", 2026, 1)),
        ("２０２６年１０月", Period("month", 2026, 10)),
        ("2026年第3季度", Period("quarter", 2026, 3)),
        ("2026年第三季度", Period("quarter", 2026, 3)),
        ("2026年上半年", Period("half", 2026, 1)),
        ("2026年下半年", Period("half", 2026, 2)),
        ("2026年", Period("year", 2026, 1)),
        ("2026年度", Period("year", 2026, 1)),
        ("2000", Period("year", 2000, 1)),
        ("2100-12", Period("month", 2100, 12)),
    ],
)
def test_parse(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "2026-13",
        "2026-0",
        "2026Q5",
        "2026Q0",
        "2026H3",
        "1999",
        "2101-01",
        "26-10",
        "2026-10-01",
        "2026年第5季度",
        "2026年13月",
        "10/2026",
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        Period.parse(text)
    assert str(info.value)


def test_period_error_is_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


def test_invalid_construction() -> None:
    with pytest.raises(PeriodError):
        Period("week", 2026, 1)
    with pytest.raises(PeriodError):
        Period("year", 2026, 2)
    with pytest.raises(PeriodError):
        Period("month", 1999, 1)


def test_codes_and_str() -> None:
    assert Period("month", 2026, 1).code == "2026-01"
    assert Period("month", 2026, 10).code == "2026-10"
    assert Period("quarter", 2026, 3).code == "2026Q3"
    assert Period("half", 2026, 1).code == "2026H1"
    assert Period("year", 2026, 1).code == "2026"
    assert str(Period("quarter", 2026, 3)) == "2026Q3"


def test_labels() -> None:
    assert Period("month", 2026, 10).label_zh == "2026年10月"
    assert Period("quarter", 2026, 3).label_zh == "2026年第3季度"
    assert Period("half", 2026, 1).label_zh == "2026年上半年"
    assert Period("half", 2026, 2).label_zh == "2026年下半年"
    assert Period("year", 2026, 1).label_zh == "2026年"
    assert Period("month", 2026, 10).label_en == "October 2026"
    assert Period("month", 2026, 1).label_en == "January 2026"
    assert Period("quarter", 2026, 3).label_en == "Q3 2026"
    assert Period("half", 2026, 1).label_en == "H1 2026"
    assert Period("year", 2026, 1).label_en == "2026"


def test_label_follows_ui_language() -> None:
    period = Period("quarter", 2026, 3)
    i18n.install(None, "en")
    try:
        assert period.label() == "Q3 2026"
    finally:
        i18n.install(None, "zh_CN")
    assert period.label() == "2026年第3季度"


@pytest.mark.parametrize(
    ("month", "last"),
    [(1, 31), (2, 28), (3, 31), (4, 30), (6, 30), (9, 30), (11, 30), (12, 31)],
)
def test_month_lengths(month: int, last: int) -> None:
    period = Period("month", 2026, month)
    assert period.first_day == date(2026, month, 1)
    assert period.last_day == date(2026, month, last)


def test_leap_february() -> None:
    assert Period.parse("2028-02").last_day == date(2028, 2, 29)
    assert Period.parse("2100-02").last_day == date(2100, 2, 28)  # century, not leap
    assert Period.parse("2000-02").last_day == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026H1", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026H2", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_boundaries(text: str, first: date, last: date) -> None:
    period = Period.parse(text)
    assert period.first_day == first
    assert period.last_day == last


@pytest.mark.parametrize(
    ("text", "previous", "following"),
    [
        ("2026-01", "2025-12", "2026-02"),
        ("2026-12", "2026-11", "2027-01"),
        ("2026Q1", "2025Q4", "2026Q2"),
        ("2026Q4", "2026Q3", "2027Q1"),
        ("2026H1", "2025H2", "2026H2"),
        ("2026H2", "2026H1", "2027H1"),
        ("2026", "2025", "2027"),
    ],
)
def test_previous_and_next(text: str, previous: str, following: str) -> None:
    period = Period.parse(text)
    assert period.previous() == Period.parse(previous)
    assert period.next() == Period.parse(following)
    assert period.previous().kind == period.kind


def test_navigation_beyond_range_raises() -> None:
    with pytest.raises(PeriodError):
        Period.parse("2000-01").previous()
    with pytest.raises(PeriodError):
        Period.parse("2100").next()


def test_contains() -> None:
    q3 = Period.parse("2026Q3")
    assert q3.contains(date(2026, 7, 1))
    assert q3.contains(date(2026, 9, 30))
    assert not q3.contains(date(2026, 6, 30))
    assert not q3.contains(date(2026, 10, 1))
    assert not q3.contains(date(2025, 8, 1))
    assert q3.contains(datetime(2026, 9, 30, 23, 59))


@pytest.mark.parametrize(
    ("kind", "day", "code"),
    [
        ("month", date(2026, 2, 28), "2026-02"),
        ("quarter", date(2026, 3, 31), "2026Q1"),
        ("quarter", date(2026, 4, 1), "2026Q2"),
        ("quarter", date(2026, 12, 31), "2026Q4"),
        ("half", date(2026, 6, 30), "2026H1"),
        ("half", date(2026, 7, 1), "2026H2"),
        ("year", date(2026, 5, 5), "2026"),
    ],
)
def test_containing(kind: str, day: date, code: str) -> None:
    assert Period.containing(kind, day).code == code


def test_containing_unknown_kind() -> None:
    with pytest.raises(PeriodError):
        Period.containing("week", date(2026, 1, 1))


def test_months() -> None:
    assert [p.code for p in Period.parse("2026Q2").months()] == ["2026-04", "2026-05", "2026-06"]
    assert len(Period.parse("2026").months()) == 12
    assert Period.parse("2026-05").months() == (Period.parse("2026-05"),)


def test_ordering_within_kind() -> None:
    periods = [Period.parse(t) for t in ("2026-03", "2025-12", "2026-01")]
    assert [p.code for p in sorted(periods)] == ["2025-12", "2026-01", "2026-03"]


def test_period_kinds() -> None:
    assert PERIOD_KINDS == ("month", "quarter", "half", "year")


_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}


@st.composite
def periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(PERIOD_KINDS))
    year = draw(st.integers(min_value=2001, max_value=2099))
    index = draw(st.integers(min_value=1, max_value=_PER_YEAR[kind]))
    return Period(kind, year, index)


@given(periods())
def test_round_trips(period: Period) -> None:
    assert Period.parse(period.code) == period
    assert Period.parse(period.label_zh) == period
    assert period.previous().next() == period
    assert period.next().previous() == period
    assert period.previous().last_day.toordinal() + 1 == period.first_day.toordinal()
    assert period.next().first_day.toordinal() - 1 == period.last_day.toordinal()
    assert Period.containing(period.kind, period.first_day) == period
    assert Period.containing(period.kind, period.last_day) == period


@given(st.text())
def test_parse_only_raises_period_error(text: str) -> None:
    with contextlib.suppress(PeriodError):
        Period.parse(text)
