"""The audit log: every change to a ledger row, with before and after."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from commdesk.store.lock import os_user
from commdesk.store.models import AuditEntry


def current_user(store: Any = None) -> str:
    """Who is writing: the signed-in person, else the OS account name of this PC."""
    account = None
    if store is not None:
        from commdesk.store.accounts import who

        account = who(store)
    if account is not None:
        return str(account.name)
    return os_user()


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return sorted(value)
    return str(value)


def to_json(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, default=_default, sort_keys=True)


def record(
    session: Session,
    action: str,
    table: str,
    row_id: int | None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
    user: str | None = None,
) -> None:
    """Add an audit row inside the caller's transaction, so both commit or neither."""
    session.add(
        AuditEntry(
            at=now(),
            user=user or current_user(),
            action=action,
            table_name=table,
            row_id=row_id,
            before=to_json(before),
            after=to_json(after),
            note=note,
        )
    )
