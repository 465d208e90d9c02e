"""The export log and period state: exported, submitted (已上报, locked), modified.

Records dated inside a submitted period are locked; unlocking needs a reason,
is audited, and leaves the period "modified, needs re-submitting" until the
next export.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update

from commdesk.domain.i18n import translate
from commdesk.domain.periods import Period
from commdesk.domain.roles import SUBMIT, UNLOCK
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.models import ExportLog

NONE = "none"
EXPORTED = "exported"
SUBMITTED = "submitted"
MODIFIED = "modified"


class PeriodLocked(Exception):
    """A change touches a submitted period; the clerk must unlock it first."""

    def __init__(self, periods: Iterable[str]):
        self.periods = sorted(set(periods))
        labels = "、".join(Period.parse(p).label() for p in self.periods)
        super().__init__(
            translate("Periods", "{periods} has been submitted and is locked.").format(
                periods=labels
            )
        )


@dataclass(frozen=True)
class PeriodState:
    period: str
    status: str  # none / exported / submitted / modified
    last_export: dict[str, Any] | None


def _row(e: ExportLog) -> dict[str, Any]:
    return {c.name: getattr(e, c.name) for c in ExportLog.__table__.columns}


def log_export(
    store: Store,
    *,
    period: Period,
    definition_id: str,
    definition_version: str,
    file_name: str,
    values: dict[str, Any],
    sha256: str,
    exported_at: datetime,
    user: str | None = None,
) -> int:
    """Record an export; a new export clears the period's "modified" flag."""
    user = user or audit.current_user(store)
    with store.write() as s:
        s.execute(
            update(ExportLog)
            .where(ExportLog.period_code == period.code)
            .values(modified_after_submit=False)
        )
        entry = ExportLog(
            period_code=period.code,
            period_kind=period.kind,
            definition_id=definition_id,
            definition_version=definition_version,
            file_name=file_name,
            exported_at=exported_at,
            exported_by=user,
            status=EXPORTED,
            values_json=json.dumps(values, ensure_ascii=False, sort_keys=True),
            sha256=sha256,
        )
        s.add(entry)
        s.flush()
        audit.record(
            s,
            "export",
            "export_log",
            entry.id,
            after={"period": period.code, "file": file_name},
            user=user,
        )
        return int(entry.id)


def history(store: Store, period: Period | None = None) -> list[dict[str, Any]]:
    with store.read() as s:
        stmt = select(ExportLog).order_by(ExportLog.exported_at.desc(), ExportLog.id.desc())
        if period is not None:
            stmt = stmt.where(ExportLog.period_code == period.code)
        return [_row(e) for e in s.scalars(stmt)]


def state(store: Store, period: Period) -> PeriodState:
    rows = history(store, period)
    if not rows:
        return PeriodState(period.code, NONE, None)
    if any(r["modified_after_submit"] for r in rows):
        return PeriodState(period.code, MODIFIED, rows[0])
    if any(r["locked"] for r in rows):
        return PeriodState(period.code, SUBMITTED, rows[0])
    return PeriodState(period.code, EXPORTED, rows[0])


def previous_values(store: Store, period: Period, definition_id: str) -> dict[str, Any] | None:
    """Figures of the latest export of the previous period (for the 环比 check)."""
    prev = period.previous()
    with store.read() as s:
        entry = s.scalars(
            select(ExportLog)
            .where(ExportLog.period_code == prev.code, ExportLog.definition_id == definition_id)
            .order_by(ExportLog.exported_at.desc(), ExportLog.id.desc())
        ).first()
        if entry is None or not entry.values_json:
            return None
        return json.loads(entry.values_json)


def mark_submitted(store: Store, log_id: int, *, user: str | None = None) -> None:
    """已上报: the export was handed upward; the period's records become read-only."""
    from commdesk.store.accounts import require

    require(store, SUBMIT)
    user = user or audit.current_user(store)
    with store.write() as s:
        entry = s.get(ExportLog, log_id)
        if entry is None:
            raise LookupError(log_id)
        entry.status = SUBMITTED
        entry.submitted_at = audit.now()
        entry.locked = True
        entry.modified_after_submit = False
        audit.record(
            s, "submit", "export_log", log_id, after={"period": entry.period_code}, user=user
        )


def unlock_period(store: Store, period: Period, reason: str, *, user: str | None = None) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(translate("Periods", "A reason is required to unlock a period."))
    from commdesk.store.accounts import require

    require(store, UNLOCK)
    user = user or audit.current_user(store)
    with store.write() as s:
        entries = list(
            s.scalars(
                select(ExportLog).where(
                    ExportLog.period_code == period.code, ExportLog.locked.is_(True)
                )
            )
        )
        for entry in entries:
            entry.locked = False
            entry.modified_after_submit = True
        audit.record(
            s,
            "unlock",
            "export_log",
            entries[0].id if entries else None,
            note=reason,
            after={"period": period.code},
            user=user,
        )


def locked_periods(store: Store) -> list[Period]:
    with store.read() as s:
        codes = set(s.scalars(select(ExportLog.period_code).where(ExportLog.locked.is_(True))))
    return [Period.parse(c) for c in sorted(codes)]


def check_unlocked(store: Store, dates: Iterable[date | None]) -> None:
    """Raise :class:`PeriodLocked` if any date falls inside a submitted period."""
    periods = locked_periods(store)
    if not periods:
        return
    hit = {p.code for d in dates if d is not None for p in periods if p.contains(d)}
    if hit:
        raise PeriodLocked(hit)
