"""Overview figures against hand-counted records: ranges, deleted rows, returns due."""

from __future__ import annotations

from datetime import date
from typing import Any

from commdesk.store.services import periods
from commdesk.store.services.overview import overview, returns_due
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams

TODAY = date(2026, 11, 20)


def _service(store: Any, day: str, people: int, hours: float) -> int:
    return service_records.add(
        store,
        {"service_date": day, "category_code": "WM01", "people_served": people, "hours": hours},
    )


def test_overview_counts_this_month_last_month_and_the_year(store: Any) -> None:
    _service(store, "2026-11-01", 3, 1.5)  # this month
    _service(store, "2026-11-20", 4, 2.0)  # this month, today
    gone = _service(store, "2026-11-05", 50, 9.0)  # deleted: not counted
    _service(store, "2026-10-31", 5, 0.5)  # last month
    _service(store, "2026-10-01", 1, 1.0)  # last month
    _service(store, "2026-01-01", 2, 3.0)  # this year
    _service(store, "2025-12-31", 7, 7.0)  # last year: in no figure
    service_records.delete(store, [gone])
    teams.add(store, {"name": "党员先锋队"})
    o = overview(store, TODAY)
    assert (o.this_month.records, o.this_month.people_served, o.this_month.hours) == (2, 7, 3.5)
    assert o.this_month.first_day == date(2026, 11, 1) and o.this_month.last_day == TODAY
    assert (o.last_month.records, o.last_month.people_served, o.last_month.hours) == (2, 6, 1.5)
    assert (o.year_to_date.records, o.year_to_date.people_served) == (5, 15)
    assert o.year_to_date.hours == 8.0
    assert (o.volunteers, o.teams, o.workers, o.facilities) == (0, 1, 0, 0)


def test_returns_due_are_the_periods_just_ended_with_their_state(
    store: Any, submit_period: Any
) -> None:
    submit_period(store, "2026Q3")
    due = {d.period.code: d.status for d in returns_due(store, TODAY)}
    assert due == {"2026-10": periods.NONE, "2026Q3": periods.SUBMITTED, "2025": periods.NONE}
    # on the first day of a quarter the quarter just ended is due
    due = [d.period.code for d in returns_due(store, date(2027, 1, 1))]
    assert due == ["2026-12", "2026Q4", "2026"]
