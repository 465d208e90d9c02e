"""Edit conflicts between clerks, and the cheap counter that tells a page to reload.

A save names the row version it was edited from; when another clerk saved the
row in between, the store raises :class:`EditConflict` with both versions so the
clerk can choose — nothing is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from commdesk.domain.i18n import translate
from commdesk.store.engine import Store
from commdesk.store.models import AuditEntry


class EditConflict(Exception):
    """Another clerk saved this row after ``expected_version`` was loaded."""

    def __init__(
        self,
        ledger: str,
        row_id: int,
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any] | None,
        *,
        expected_version: int,
        current_version: int | None,
    ) -> None:
        self.ledger = ledger
        self.row_id = row_id
        self.mine = dict(mine)
        # None: the other clerk deleted the row.
        self.theirs = dict(theirs) if theirs is not None else None
        self.expected_version = expected_version
        self.current_version = current_version
        super().__init__(
            translate(
                "Conflicts",
                "Record {row} was changed by {user} (version {theirs}) after you opened it "
                "(version {mine}).",
            ).format(
                row=row_id,
                user=(theirs or {}).get("updated_by") or "?",
                theirs=current_version if current_version is not None else "-",
                mine=expected_version,
            )
        )


def change_counter(store: Store) -> int:
    """Grows with every audited write by anyone: one indexed look-up, cheap to poll."""
    with store.read() as s:
        return int(s.execute(select(func.max(AuditEntry.id))).scalar() or 0)
