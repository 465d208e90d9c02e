"""Volunteers (志愿者) and volunteer teams (志愿服务队).

Service hours are never stored here: :func:`volunteer_hours` derives them from
the service records the volunteer is linked to.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select

from commdesk.domain.ledgers import TEAMS, VOLUNTEERS_LEDGER
from commdesk.store.engine import Store
from commdesk.store.models import ServiceRecord, Volunteer, VolunteerTeam, service_volunteer
from commdesk.store.services.base import LedgerService

volunteers = LedgerService(
    VOLUNTEERS_LEDGER,
    Volunteer,
    text_fields=("skills", "mobile"),
    pinyin_fields=("name",),
    id_field="id_number",
    unique_id=True,
)

teams = LedgerService(TEAMS, VolunteerTeam, text_fields=("leader",), pinyin_fields=("name",))


def volunteer_hours(
    store: Store, volunteer_id: int, start: date | None = None, end: date | None = None
) -> tuple[int, float]:
    """(number of services, hours) for one volunteer, from live service records."""
    stmt = (
        select(func.count(), func.coalesce(func.sum(ServiceRecord.hours), 0.0))
        .select_from(service_volunteer)
        .join(ServiceRecord, ServiceRecord.id == service_volunteer.c.service_id)
        .where(
            service_volunteer.c.volunteer_id == volunteer_id,
            ServiceRecord.deleted_at.is_(None),
        )
    )
    if start:
        stmt = stmt.where(ServiceRecord.service_date >= start)
    if end:
        stmt = stmt.where(ServiceRecord.service_date <= end)
    with store.read() as s:
        count, hours = s.execute(stmt).one()
    return int(count), float(hours)


def team_choices(store: Store) -> list[tuple[int, str]]:
    """(id, name) of live teams, for pickers."""
    with store.read() as s:
        rows = s.execute(
            select(VolunteerTeam.id, VolunteerTeam.name)
            .where(VolunteerTeam.deleted_at.is_(None))
            .order_by(VolunteerTeam.name)
        )
        return [(int(i), str(n)) for i, n in rows]


def teams_in_use(store: Store, team_ids: Sequence[int]) -> set[int]:
    """The teams among ``team_ids`` that a live volunteer or service record names.

    Undoing a paste removes the teams it created only when nothing else refers
    to them any more.
    """
    if not team_ids:
        return set()
    wanted = list(team_ids)
    with store.read() as s:
        used = set(
            s.scalars(
                select(Volunteer.team_id).where(
                    Volunteer.team_id.in_(wanted), Volunteer.deleted_at.is_(None)
                )
            )
        )
        used |= set(
            s.scalars(
                select(ServiceRecord.team_id).where(
                    ServiceRecord.team_id.in_(wanted), ServiceRecord.deleted_at.is_(None)
                )
            )
        )
    return {int(i) for i in used if i is not None}
