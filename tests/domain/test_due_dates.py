"""The return calendar with a fixed clock across a year boundary (December → January →
February): which returns are due, their due dates and every state (issue 13, due dates)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from commdesk.domain.due_dates import (
    CALENDAR_FILE,
    EXPORTED,
    MODIFIED,
    NOT_STARTED,
    OVERDUE,
    SUBMITTED,
    CalendarError,
    calendar_path,
    due_returns,
    load_calendar,
)
from commdesk.domain.periods import Period


@pytest.fixture(scope="module")
def rules() -> tuple:
    return load_calendar(calendar_path(None))


def listing(rules: tuple, today: date, history: dict[str, str] | None = None) -> dict:
    """name -> (period code, due date, state, needs a notice)."""
    found = due_returns(rules, today, lambda p: (history or {}).get(p.code, "none"))
    return {d.rule.name: (d.period.code, d.due, d.state, d.needs_notice) for d in found}


def test_shipped_calendar_deadlines(rules: tuple) -> None:
    by_name = {r.name: r for r in rules}
    assert list(by_name) == ["月报", "季报", "年报快报", "年报"]
    assert by_name["月报"].due(Period.parse("2026-12")) == date(2027, 1, 15)
    assert by_name["季报"].due(Period.parse("2026Q4")) == date(2027, 1, 15)
    assert by_name["年报快报"].due(Period.parse("2026")) == date(2027, 1, 10)
    assert by_name["年报"].due(Period.parse("2026")) == date(2027, 2, 28)
    assert by_name["年报"].due(Period.parse("2027")) == date(2028, 2, 29)  # leap year


def test_mid_december_nothing_exported(rules: tuple) -> None:
    got = listing(rules, date(2026, 12, 20))
    assert got == {
        "季报": ("2026Q3", date(2026, 10, 15), OVERDUE, True),
        "月报": ("2026-11", date(2026, 12, 15), OVERDUE, True),
        "年报快报": ("2025", date(2026, 1, 10), OVERDUE, True),
        "年报": ("2025", date(2026, 2, 28), OVERDUE, True),
    }
    # Listed by due date, earliest first.
    order = [d.rule.name for d in due_returns(rules, date(2026, 12, 20), lambda p: "none")]
    assert order == ["年报快报", "年报", "季报", "月报"]


def test_december_with_history(rules: tuple) -> None:
    history = {"2026Q3": "submitted", "2026-11": "exported", "2025": "modified"}
    got = listing(rules, date(2026, 12, 20), history)
    assert got["季报"][2:] == (SUBMITTED, False)
    assert got["月报"][2:] == (OVERDUE, True)  # exported but never handed in, and late
    assert got["年报快报"][2:] == (MODIFIED, True)  # changed after submission: resend
    assert got["年报"][2:] == (MODIFIED, True)


def test_early_january_the_new_periods_come_due(rules: tuple) -> None:
    history = {"2026-12": "exported"}
    got = listing(rules, date(2027, 1, 3), history)
    assert got["月报"] == ("2026-12", date(2027, 1, 15), EXPORTED, False)  # 12 days left
    assert got["季报"] == ("2026Q4", date(2027, 1, 15), NOT_STARTED, False)
    assert got["年报快报"] == ("2026", date(2027, 1, 10), NOT_STARTED, False)  # 7 days
    assert got["年报"] == ("2026", date(2027, 2, 28), NOT_STARTED, False)
    got = listing(rules, date(2027, 1, 5), history)
    assert got["年报快报"][2:] == (NOT_STARTED, True)  # 5 days left: announced
    assert got["月报"][2:] == (EXPORTED, False)  # 10 days left


def test_due_day_itself_is_not_late_the_day_after_is(rules: tuple) -> None:
    assert listing(rules, date(2027, 1, 10))["年报快报"][2:] == (NOT_STARTED, True)
    assert listing(rules, date(2027, 1, 11))["年报快报"][2:] == (OVERDUE, True)
    history = {"2026": "submitted"}
    assert listing(rules, date(2027, 1, 11), history)["年报快报"][2:] == (SUBMITTED, False)


def test_february_the_annual_report(rules: tuple) -> None:
    history = {"2027-01": "submitted", "2026Q4": "submitted", "2026": "exported"}
    got = listing(rules, date(2027, 2, 20), history)
    assert got["月报"] == ("2027-01", date(2027, 2, 15), SUBMITTED, False)
    assert got["季报"] == ("2026Q4", date(2027, 1, 15), SUBMITTED, False)
    assert got["年报快报"][2:] == (OVERDUE, True)  # exported, not handed in by 10 January
    assert got["年报"] == ("2026", date(2027, 2, 28), EXPORTED, False)  # 8 days left
    assert listing(rules, date(2027, 2, 24), history)["年报"][2:] == (EXPORTED, True)
    assert listing(rules, date(2027, 3, 1), history)["年报"][2:] == (OVERDUE, True)
    history["2026"] = "submitted"
    assert listing(rules, date(2027, 3, 1), history)["年报"][2:] == (SUBMITTED, False)


def test_county_calendar_in_the_data_folder_replaces_the_shipped_one(tmp_path: Path) -> None:
    assert calendar_path(tmp_path).parent.name == "returns"  # none there: the shipped one
    (tmp_path / CALENDAR_FILE).write_text(
        '[[returns]]\nname = "季报"\nperiod = "quarter"\nmonths_after = 0\nday = "last"\n',
        encoding="utf-8",
    )
    rules = load_calendar(calendar_path(tmp_path))
    got = listing(rules, date(2027, 1, 3))
    assert got == {"季报": ("2026Q4", date(2026, 12, 31), OVERDUE, True)}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[[returns]]\nname = "x"\nperiod = "week"\n', "period"),
        ('[[returns]]\nname = "x"\nperiod = "month"\nday = 32\n', "day"),
        ('[[returns]]\nperiod = "month"\n', "name"),
        ('[[returns]]\nname = "x"\nperiod = "month"\nmonths_after = "one"\n', "months_after"),
        ("[[returns\n", CALENDAR_FILE),
    ],
)
def test_bad_calendar_is_refused_naming_the_problem(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / CALENDAR_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError, match=words):
        load_calendar(path)
