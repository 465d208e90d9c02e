"""Service records (服务台账) and the volunteers who took part in each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import SERVICES
from commdesk.domain.records import ValidationError
from commdesk.store.engine import Store
from commdesk.store.models import ServiceRecord, ServiceSearchKey, Volunteer, service_volunteer
from commdesk.store.services.base import LedgerService
from commdesk.store.services.periods import check_unlocked


class ServiceRecordService(LedgerService):
    def __init__(self) -> None:
        super().__init__(
            SERVICES,
            ServiceRecord,
            text_fields=("description", "place"),
            pinyin_fields=("recipient_name",),
            id_field="recipient_id_number",
            search_keys=ServiceSearchKey.__table__,  # type: ignore[arg-type]
        )

    def _guard(self, store: Store, rows: Sequence[Mapping[str, Any]]) -> None:
        check_unlocked(store, [row.get("service_date") for row in rows])

    def _write_links(self, s: Session, row_id: int, values: Mapping[str, Any]) -> None:
        wanted = sorted(set(values.get("volunteers") or ()))
        if wanted:
            found = set(
                s.scalars(
                    select(Volunteer.id).where(
                        Volunteer.id.in_(wanted), Volunteer.deleted_at.is_(None)
                    )
                )
            )
            missing = [i for i in wanted if i not in found]
            if missing:
                raise ValidationError(
                    {
                        "volunteers": [
                            translate("Validators", "A selected volunteer no longer exists.")
                        ]
                    }
                )
        s.execute(delete(service_volunteer).where(service_volunteer.c.service_id == row_id))
        if wanted:
            s.execute(
                insert(service_volunteer),
                [{"service_id": row_id, "volunteer_id": vid} for vid in wanted],
            )

    def _links(self, s: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {i: {"volunteers": []} for i in ids}
        rows = s.execute(
            select(service_volunteer.c.service_id, service_volunteer.c.volunteer_id)
            .where(service_volunteer.c.service_id.in_(list(ids)))
            .order_by(service_volunteer.c.volunteer_id)
        )
        for service_id, volunteer_id in rows:
            out[service_id]["volunteers"].append(volunteer_id)
        return out


service_records = ServiceRecordService()


def recipient_names(store: Store, limit: int = 5000) -> list[str]:
    """Names of earlier recipients, most recent first (the batch sheet completes them)."""
    latest = func.max(ServiceRecord.service_date)
    with store.read() as s:
        rows = s.execute(
            select(ServiceRecord.recipient_name)
            .where(ServiceRecord.deleted_at.is_(None), ServiceRecord.recipient_name.is_not(None))
            .group_by(ServiceRecord.recipient_name)
            .order_by(latest.desc())
            .limit(limit)
        )
        return [str(name) for (name,) in rows if name]
