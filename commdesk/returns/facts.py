"""Read what a return needs from the store, in one pass per ledger.

Service records (up to millions) are aggregated in SQL by a fixed set of
dimensions; the stock ledgers (hundreds of rows) are read whole and judged
"as at the period's last day" in Python, where the date rules are readable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, exists, func, select

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.periods import Period
from commdesk.store.engine import Store
from commdesk.store.models import (
    Facility,
    ServiceRecord,
    Volunteer,
    VolunteerTeam,
    Worker,
    service_volunteer,
)
from commdesk.store.services.profile import profile_on

# Service-record columns a return may group by; category_group derives from category_code.
SERVICE_COLUMNS = ("category_code", "target_group_code", "channel_code", "provider_kind_code")


@dataclass
class Facts:
    period: Period
    profile: dict[str, Any]
    sources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    record_counts: dict[str, int] = field(default_factory=dict)


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    return value


def age_at(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _active_person(row: Mapping[str, Any], start_field: str, end: date) -> bool:
    """On the roster on ``end``: an unknown joining date counts as before every period.

    Never the day the row was entered: a roster imported today without 加入时间
    would otherwise vanish from every earlier return.
    """
    start = _as_date(row.get(start_field))
    if start is not None and start > end:
        return False
    left = _as_date(row.get("left_date"))
    if left is not None:
        return left > end
    return row.get("status_code") != "inactive"


def _joined_by(row: Mapping[str, Any], start_field: str, end: date) -> bool:
    """Joined on or before ``end`` (an unknown date counts as before every period)."""
    start = _as_date(row.get(start_field))
    return start is None or start <= end


def _facility_at(row: dict[str, Any], end: date) -> dict[str, Any] | None:
    closed = _as_date(row.get("closed_on"))
    status = row["status_code"]
    if closed is not None and closed <= end:
        return None
    if status == "closed":
        if closed is None:
            return None
        row = {**row, "status_code": "in_use"}  # closed after the period: in use then
    opened = row.get("year_opened")
    if row["status_code"] == "in_use" and opened is not None and opened > end.year:
        return None
    return row


def _record_clauses(flt: Mapping[str, Any]) -> list[Any]:
    """SQL conditions for a record-level filter (equality, lists, lt/le/gt/ge ranges)."""
    sr = ServiceRecord.__table__
    clauses: list[Any] = []
    for key, value in flt.items():
        col = sr.c[key]
        if isinstance(value, dict):
            ops = {"lt": col.__lt__, "le": col.__le__, "gt": col.__gt__, "ge": col.__ge__}
            clauses += [ops[op](bound) for op, bound in value.items()]
        elif isinstance(value, list):
            clauses.append(col.in_(value))
        else:
            clauses.append(col == value)
    return clauses


def load_facts(
    store: Store,
    period: Period,
    catalogues: Catalogues,
    *,
    dimensions: Sequence[str] = SERVICE_COLUMNS,
    record_filters: Mapping[str, Mapping[str, Any]] | None = None,
    flows: bool = True,
) -> Facts:
    """Read the period's facts; service records grouped only by ``dimensions``.

    Grouping by fewer columns is what keeps a year of a million records fast,
    so callers pass just the dimensions their definition filters on. Counts of
    records matching ``record_filters`` (record-level audit rules) come out of
    the same pass instead of one more scan each. Without ``flows`` only the
    stock ledgers and the profile are read (the plan indicators need no more).
    """
    start, end = period.first_day, period.last_day
    groups = {item.code: item.group for item in catalogues["service_category"]}
    record_filters = record_filters or {}
    with store.read() as s:
        # The counted fields as they held on the period's last day, not as they are now.
        profile = profile_on(s, end)
        sr = ServiceRecord.__table__
        wanted = [d for d in SERVICE_COLUMNS if d in dimensions]
        dims: list[Any] = [sr.c[d] for d in wanted]
        if "has_volunteers" in dimensions:
            has_vol = exists().where(service_volunteer.c.service_id == sr.c.id)
            dims.append(has_vol.label("has_volunteers"))
        rule_sums = [
            func.sum(case((and_(*_record_clauses(flt)), 1), else_=0)).label(f"rule:{code}")
            for code, flt in record_filters.items()
        ]
        stmt = select(
            *dims,
            func.count().label("_n"),
            func.coalesce(func.sum(sr.c.people_served), 0).label("people_served"),
            func.coalesce(func.sum(sr.c.hours), 0.0).label("hours"),
            func.coalesce(func.sum(sr.c.volunteer_count), 0).label("volunteer_count"),
            *rule_sums,
        ).where(sr.c.deleted_at.is_(None), sr.c.service_date.between(start, end))
        if dims:
            stmt = stmt.group_by(*dims)
        services = []
        record_counts = dict.fromkeys(record_filters, 0)
        for row in s.execute(stmt).mappings() if flows else ():
            fact = dict(row)
            if not fact["_n"]:
                continue
            for code in record_filters:
                record_counts[code] += int(fact.pop(f"rule:{code}") or 0)
            if "has_volunteers" in fact:
                fact["has_volunteers"] = bool(fact["has_volunteers"])
            if "category_code" in fact:
                fact["category_group"] = groups.get(fact["category_code"])
            services.append(fact)

        vs_stmt = (
            select(
                service_volunteer.c.volunteer_id,
                sr.c.category_code,
                sr.c.target_group_code,
                func.count().label("_n"),
                func.coalesce(func.sum(sr.c.hours), 0.0).label("hours"),
            )
            .join(sr, sr.c.id == service_volunteer.c.service_id)
            .where(sr.c.deleted_at.is_(None), sr.c.service_date.between(start, end))
            .group_by(service_volunteer.c.volunteer_id, sr.c.category_code, sr.c.target_group_code)
        )
        volunteer_service = []
        for row in s.execute(vs_stmt).mappings() if flows else ():
            fact = dict(row)
            fact["category_group"] = groups.get(fact["category_code"])
            volunteer_service.append(fact)

        def live(model: Any) -> list[dict[str, Any]]:
            t = model.__table__
            return [
                dict(r) for r in s.execute(select(t).where(t.c.deleted_at.is_(None))).mappings()
            ]

        volunteers_ever = [
            {**r, "_n": 1, "age": age_at(r["birth_date"], end)}
            for r in live(Volunteer)
            if _joined_by(r, "joined_date", end)
        ]
        volunteers = [r for r in volunteers_ever if _active_person(r, "joined_date", end)]
        workers = [
            {**r, "_n": 1, "age": age_at(r["birth_date"], end)}
            for r in live(Worker)
            if _active_person(r, "employed_since", end)
        ]
        jbzh = {item.code: item.jbzh_row for item in catalogues["facility_type"]}
        facilities = [
            {**f, "_n": 1, "jbzh_row": jbzh.get(f["type_code"])}
            for f in (_facility_at(r, end) for r in live(Facility))
            if f is not None
        ]
        teams = []
        for r in live(VolunteerTeam):
            founded = _as_date(r.get("founded_date"))  # unknown: before every period
            dissolved = _as_date(r.get("dissolved_date"))
            if (founded is None or founded <= end) and (dissolved is None or dissolved > end):
                teams.append({**r, "_n": 1})
    return Facts(
        period=period,
        profile=profile,
        record_counts=record_counts,
        sources={
            "service_record": services,
            "volunteer_service": volunteer_service,
            "volunteer": volunteers,
            "volunteer_ever": volunteers_ever,
            "worker": workers,
            "facility": facilities,
            "volunteer_team": teams,
        },
    )


def record_ids(store: Store, period: Period, flt: Mapping[str, Any], limit: int = 50) -> list[int]:
    """The first ids of service records in the period matching a record-level filter."""
    sr = ServiceRecord.__table__
    clauses = [
        sr.c.deleted_at.is_(None),
        sr.c.service_date.between(period.first_day, period.last_day),
        *_record_clauses(flt),
    ]
    with store.read() as s:
        stmt = select(sr.c.id).where(*clauses).order_by(sr.c.id).limit(limit)
        return [int(i) for i in s.execute(stmt).scalars()]
