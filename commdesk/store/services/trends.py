"""What the overview's charts draw: monthly series over the last 24 months.

One grouped query per chart over the summaries the database keeps on every write
(migration 0012: per day and category, per month and volunteer); the months
come back as ``YYYY-MM`` keys and every month of the window is present (a month
without records is a zero, not a gap), so a chart's points and its table agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.periods import Period
from commdesk.store.engine import Store
from commdesk.store.models import service_day_summary, volunteer_month_summary

MONTHS = 24
# The four groups of the service catalogue, in the order the charts show them.
GROUPS = ("WM", "BM", "AM", "ZY")


def month_window(end: date, months: int = MONTHS) -> tuple[str, ...]:
    """The ``months`` months ending with ``end``'s month, oldest first, as YYYY-MM."""
    out: list[str] = []
    year, month = end.year, end.month
    for _ in range(months):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(reversed(out))


def _first_day(key: str) -> date:
    return date(int(key[:4]), int(key[5:7]), 1)


@dataclass(frozen=True)
class ServiceTrend:
    """Services per month and group: records, people served (人次) and hours."""

    months: tuple[str, ...]
    records: dict[str, list[int]] = field(default_factory=dict)
    people: dict[str, list[float]] = field(default_factory=dict)
    hours: dict[str, list[float]] = field(default_factory=dict)


@dataclass(frozen=True)
class VolunteerTrend:
    """Volunteers who took part in a service each month, and their hours."""

    months: tuple[str, ...]
    active: list[int]
    hours: list[float]


def _month_key(store: Store, column: Any) -> Any:
    """YYYY-MM of a date column in SQL (SQLite keeps dates as ISO text)."""
    if store.engine.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.substr(column, 1, 7)


def _bounds(months: tuple[str, ...]) -> tuple[date, date]:
    return _first_day(months[0]), Period.parse(months[-1]).last_day


def service_trend(store: Store, catalogues: Catalogues, end: date) -> ServiceTrend:
    months = month_window(end)
    index = {m: i for i, m in enumerate(months)}
    group_of = {item.code: item.group for item in catalogues["service_category"]}
    sd = service_day_summary
    month = _month_key(store, sd.c.service_date).label("month")
    # One grouped query over the day summary kept by triggers (migration 0012): a few
    # thousand rows for 24 months, however many records there are.
    stmt = (
        select(
            month,
            sd.c.category_code,
            func.sum(sd.c.records),
            func.sum(sd.c.people_served),
            func.sum(sd.c.hours),
        )
        .where(sd.c.service_date.between(*_bounds(months)))
        .group_by(month, sd.c.category_code)
    )
    trend = ServiceTrend(
        months,
        {g: [0] * len(months) for g in GROUPS},
        {g: [0.0] * len(months) for g in GROUPS},
        {g: [0.0] * len(months) for g in GROUPS},
    )
    with store.read() as s:
        for key, code, n, people, hours in s.execute(stmt):
            group = group_of.get(code)
            i = index.get(key)
            if group not in trend.records or i is None:
                continue
            trend.records[group][i] += int(n)
            trend.people[group][i] += float(people)
            trend.hours[group][i] = round(trend.hours[group][i] + float(hours), 6)
    return trend


def volunteer_trend(store: Store, end: date) -> VolunteerTrend:
    """Distinct volunteers named on a service in each month, and the hours of their
    parts (a service's hours once for each volunteer on it)."""
    months = month_window(end)
    index = {m: i for i, m in enumerate(months)}
    vm = volunteer_month_summary
    stmt = (
        select(vm.c.month, func.count(), func.sum(vm.c.hours))
        .where(vm.c.month.between(months[0], months[-1]))
        .group_by(vm.c.month)
    )
    active, hours = [0] * len(months), [0.0] * len(months)
    with store.read() as s:
        for key, n, h in s.execute(stmt):
            i = index.get(key)
            if i is not None:
                active[i], hours[i] = int(n), round(float(h), 6)
    return VolunteerTrend(months, active, hours)


def day_totals(store: Store, first_day: date, last_day: date) -> tuple[int, float, float]:
    """Live services, people served and hours from ``first_day`` to ``last_day``."""
    sd = service_day_summary
    stmt = select(
        func.coalesce(func.sum(sd.c.records), 0),
        func.coalesce(func.sum(sd.c.people_served), 0),
        func.coalesce(func.sum(sd.c.hours), 0.0),
    ).where(sd.c.service_date.between(first_day, last_day))
    with store.read() as s:
        n, people, hours = s.execute(stmt).one()
    return int(n), float(people), round(float(hours), 6)
