"""Which ledgers get a page, with which service and which filters.

This is configuration, not code per ledger: :class:`LedgerPage` and the form
are generated from the ledger's field description and these few extras.
"""

from __future__ import annotations

from dataclasses import dataclass

from commdesk.domain.ledgers import (
    FACILITIES,
    SERVICES,
    TEAMS,
    VOLUNTEERS_LEDGER,
    WORKERS,
    Ledger,
)
from commdesk.store.services.base import LedgerService
from commdesk.store.services.facilities import facilities
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.store.services.workers import workers


@dataclass(frozen=True)
class PageSpec:
    key: str
    ledger: Ledger
    service: LedgerService
    filter_fields: tuple[str, ...] = ()  # catalogue fields offered as filter combos

    @property
    def has_date_filter(self) -> bool:
        return self.ledger.date_field is not None


SERVICES_SPEC = PageSpec(
    "services", SERVICES, service_records, ("category_code", "target_group_code")
)
FACILITIES_SPEC = PageSpec("facilities", FACILITIES, facilities, ("type_code", "status_code"))
VOLUNTEERS_SPEC = PageSpec("volunteers", VOLUNTEERS_LEDGER, volunteers, ("status_code",))
TEAMS_SPEC = PageSpec("teams", TEAMS, teams)
WORKERS_SPEC = PageSpec("workers", WORKERS, workers, ("position_codes", "status_code"))

ALL_SPECS: tuple[PageSpec, ...] = (
    SERVICES_SPEC,
    FACILITIES_SPEC,
    VOLUNTEERS_SPEC,
    TEAMS_SPEC,
    WORKERS_SPEC,
)
