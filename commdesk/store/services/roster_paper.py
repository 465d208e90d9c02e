"""The rows of a ledger's current view as printed text (花名册 on paper).

The same values and the same privacy rule as the xlsx roster export
(:mod:`commdesk.store.services.roster_export`): catalogue labels not codes, ID
numbers masked unless the clerk asks for them in full — and that request is
written to the audit log before any full number is put on a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.ledgers import ID_NUMBER, Field
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.services.base import LedgerService, Query

# One rule for both outputs: the xlsx export's value conversion and name look-ups.
from commdesk.store.services.roster_export import PAGE, _cell_value, _names

MAX_PRINTED_ROWS = 20_000  # a printout beyond this is not a roster anyone reads


def printed_text(value: Any) -> str:
    """A value as text on paper: dates as 2026-03-01, times to the minute, no 'None'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def roster_rows(
    store: Store,
    service: LedgerService,
    query: Query,
    fields: Sequence[Field],
    catalogues: Catalogues,
    *,
    include_full_ids: bool = False,
    printout: str = "",
    user: str | None = None,
) -> list[list[str]]:
    """Every row matching ``query`` (all pages, up to MAX_PRINTED_ROWS) as text per field.

    ``printout`` names the printout in the audit row written when full IDs are asked for.
    """
    total = min(service.count(store, query), MAX_PRINTED_ROWS)
    teams, people = _names(store)
    if include_full_ids and any(f.kind == ID_NUMBER for f in fields):
        with store.write() as s:
            audit.record(
                s, "reveal_id", service.ledger.name, None,
                after={"print": printout or service.ledger.zh, "rows": total},
                note="roster printed with full IDs", user=user,
            )  # fmt: skip
    rows: list[list[str]] = []

    def text(f: Field, row: dict[str, Any]) -> str:
        value = _cell_value(
            f, row.get(f.name), catalogues, full_ids=include_full_ids, teams=teams, people=people
        )
        return printed_text(value)

    while len(rows) < total:
        page = service.query(store, replace(query, offset=len(rows), limit=PAGE))
        if not page:
            break
        rows += [[text(f, row) for f in fields] for row in page[: total - len(rows)]]
    return rows
