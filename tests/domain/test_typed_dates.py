"""Dates as a clerk types them into a form: every common spelling, nothing guessed."""

from __future__ import annotations

from datetime import date

import pytest

from commdesk.domain.validators import Checked, TypedDate, check_date, read_typed_date

MARCH_1 = date(2026, 3, 1)

SPELLINGS = (
    "2026-03-01",
    "2026-3-1",
    "2026/3/1",
    "2026/03/01",
    "2026.3.1",
    "20260301",
    "2026年3月1日",
    "2026年03月01日",
    "2026年3月1号",
    "２０２６－０３－０１",
    "２０２６／３／１",
    "２０２６．３．１",
    "２０２６０３０１",
    "２０２６年３月１日",
    "  2026-03-01  ",
)


@pytest.mark.parametrize("text", SPELLINGS)
def test_each_spelling_reads_as_the_same_day(text: str) -> None:
    assert read_typed_date(text) == Checked(MARCH_1)


def test_day_and_month_are_never_swapped() -> None:
    assert read_typed_date("2026-10-05").value == date(2026, 10, 5)
    assert read_typed_date("2026-12-03").value == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-02-30", "not a real calendar date"),
        ("2026-13-01", "not a real calendar date"),
        ("20261301", "not a real calendar date"),
        ("2026年2月30日", "not a real calendar date"),
        ("abc", "Cannot read this as a date"),
        ("2026-3", "Cannot read this as a date"),
        ("2026-03", "Cannot read this as a date"),
        ("26-3-1", "Cannot read this as a date"),
        ("2026", "year only"),
        # digits a spreadsheet would hold as an Excel serial are not a typed date
        ("20260", "Cannot read this as a date"),
        ("45000", "Cannot read this as a date"),
        ("2026.5", "Cannot read this as a date"),
        ("2026030", "Cannot read this as a date"),
    ],
)
def test_unreadable_text_is_refused_with_a_message(text: str, words: str) -> None:
    result = read_typed_date(text)
    assert result.value is None
    assert len(result.errors) == 1 and words in result.errors[0]


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_blank_is_empty_not_an_error(text: str) -> None:
    assert read_typed_date(text) == Checked(None)


def test_check_date_reads_typed_text_with_the_same_parser() -> None:
    """The form's message comes from check_date: typed text gets no serial reading."""
    assert check_date("45000").value == date(2023, 3, 15)  # a spreadsheet cell may
    typed = check_date(TypedDate("45000"))
    assert typed.value is None and "Cannot read" in typed.errors[0]
    assert "not a real calendar date" in check_date(TypedDate("2026-02-30")).errors[0]
    assert "year only" in check_date(TypedDate("2026")).errors[0]
