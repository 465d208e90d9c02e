"""The four ledgers that can be imported, by the name the CLI uses."""

from __future__ import annotations

from dataclasses import dataclass

from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import FACILITIES, SERVICES, VOLUNTEERS_LEDGER, WORKERS, Ledger
from commdesk.importing.errors import ImportFileError
from commdesk.store.services.base import LedgerService
from commdesk.store.services.facilities import facilities
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import volunteers
from commdesk.store.services.workers import workers


@dataclass(frozen=True)
class Kind:
    cli: str
    ledger: Ledger
    service: LedgerService

    @property
    def person(self) -> bool:
        return self.ledger.person


KINDS: dict[str, Kind] = {
    "volunteers": Kind("volunteers", VOLUNTEERS_LEDGER, volunteers),
    "workers": Kind("workers", WORKERS, workers),
    "facilities": Kind("facilities", FACILITIES, facilities),
    "services": Kind("services", SERVICES, service_records),
}


def kind_for(name: str) -> Kind:
    """Accept the CLI name (volunteers) or the ledger/table name (volunteer)."""
    if name in KINDS:
        return KINDS[name]
    for kind in KINDS.values():
        if kind.ledger.name == name:
            return kind
    raise ImportFileError(
        translate("Import", "Unknown ledger “{name}”; choose one of {choices}.").format(
            name=name, choices=", ".join(KINDS)
        )
    )
