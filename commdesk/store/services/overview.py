"""What the overview page shows: recent activity, the ledgers' size, and the returns due
(the latter for the overview's list when the return calendar cannot be read).

One call gathers it all, so the page can run it on a worker thread; the totals are
read from the day summary the database keeps (migration 0012), not the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commdesk.domain.periods import Period, PeriodError
from commdesk.store.engine import Store
from commdesk.store.services import periods as period_log
from commdesk.store.services.facilities import facilities
from commdesk.store.services.trends import day_totals
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.store.services.workers import workers

# The returns a committee sends: monthly, quarterly and yearly.
RETURN_KINDS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Activity:
    """Service records in a date range (live rows only)."""

    first_day: date
    last_day: date
    records: int
    people_served: float
    hours: float


@dataclass(frozen=True)
class ReturnDue:
    """The latest finished period of one kind and where its return stands."""

    period: Period
    status: str  # periods.NONE / EXPORTED / SUBMITTED / MODIFIED


@dataclass(frozen=True)
class Overview:
    today: date
    this_month: Activity
    last_month: Activity
    year_to_date: Activity
    volunteers: int
    teams: int
    workers: int
    facilities: int


def activity(store: Store, first_day: date, last_day: date) -> Activity:
    """From the day summary kept on write: a year's totals without reading its records."""
    return Activity(first_day, last_day, *day_totals(store, first_day, last_day))


def returns_due(store: Store, today: date) -> list[ReturnDue]:
    """For each kind, the period that ended most recently (the one to send now)."""
    out: list[ReturnDue] = []
    for kind in RETURN_KINDS:
        try:
            period = Period.containing(kind, today).previous()
        except PeriodError:  # before the first year periods exist for
            continue
        out.append(ReturnDue(period, period_log.state(store, period).status))
    return out


def overview(store: Store, today: date | None = None) -> Overview:
    today = today or date.today()
    month = Period.containing("month", today)
    previous = month.previous()
    return Overview(
        today=today,
        this_month=activity(store, month.first_day, today),
        last_month=activity(store, previous.first_day, previous.last_day),
        year_to_date=activity(store, date(today.year, 1, 1), today),
        volunteers=volunteers.count(store),
        teams=teams.count(store),
        workers=workers.count(store),
        facilities=facilities.count(store),
    )
