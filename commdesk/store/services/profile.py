"""The community profile (社区基本情况): one live row per database.

The counted fields (households, population, committee, signatories) are also
kept in ``community_version`` with the date from which they hold: a return
reads the values in force on its period's last day, so editing the profile
never changes the figures of a period already past. The ``community`` row
always carries the latest version, for everything that shows "the profile now".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from commdesk.domain.ledgers import PROFILE
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.models import COUNTED_PROFILE_FIELDS, Community, CommunityVersion
from commdesk.store.services.base import LedgerService

_service = LedgerService(PROFILE, Community)
_versions = CommunityVersion.__table__
# The first values given hold for every earlier period: nothing earlier is known.
SINCE_ALWAYS = date(1900, 1, 1)


def _live_id(s: Session) -> int | None:
    return s.scalar(
        select(Community.id).where(Community.deleted_at.is_(None)).order_by(Community.id)
    )


def versions(s: Session, community_id: int) -> list[dict[str, Any]]:
    """Every version of the counted fields, oldest first."""
    stmt = (
        select(_versions)
        .where(_versions.c.community_id == community_id)
        .order_by(_versions.c.valid_from)
    )
    return [dict(r) for r in s.execute(stmt).mappings()]


def _in_force(rows: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """The version holding on ``day``; before the first one, the first one."""
    found = rows[0] if rows else None
    for row in rows:
        if row["valid_from"] <= day:
            found = row
    return found


def counted_on(s: Session, community_id: int, day: date) -> dict[str, Any]:
    """The counted fields in force on ``day`` (empty when no version exists)."""
    row = _in_force(versions(s, community_id), day)
    return {name: row[name] for name in COUNTED_PROFILE_FIELDS} if row else {}


def profile_on(s: Session, day: date) -> dict[str, Any]:
    """The live profile row with the counted fields in force on ``day``."""
    row_id = _live_id(s)
    if row_id is None:
        return {}
    row = s.execute(select(Community.__table__).where(Community.id == row_id)).mappings().one()
    return dict(row) | counted_on(s, row_id, day)


def get_profile(store: Store, on: date | None = None) -> dict[str, Any] | None:
    """The profile now, or with the counted fields as they held ``on`` a day."""
    with store.read() as s:
        row_id = _live_id(s)
        if row_id is None:
            return None
        current = _service._public(_service._fetch(s, row_id))
        assert current is not None
        return current | counted_on(s, row_id, on) if on is not None else current


def profile_history(store: Store) -> list[dict[str, Any]]:
    """The versions of the counted fields, oldest first (for display and tests)."""
    with store.read() as s:
        row_id = _live_id(s)
        return versions(s, row_id) if row_id is not None else []


def save_profile(
    store: Store,
    data: Mapping[str, Any],
    *,
    effective: date | None = None,
    user: str | None = None,
) -> int:
    """Create the profile or update it (validated, audited, one transaction).

    Counted fields that change hold from ``effective`` (default: today) on;
    earlier periods keep the values they had. The first profile's values hold
    for every earlier period.
    """
    effective = effective or date.today()
    user = user or audit.current_user(store)
    current = get_profile(store)
    merged = {n: current.get(n) for n in PROFILE.names()} if current else {}
    values = _service._checked(store, merged | dict(data)).values
    counted = {name: values.get(name) for name in COUNTED_PROFILE_FIELDS}
    with store.write() as s:
        if current is None:
            row_id = _service._insert(s, values, user)
            _write_version(s, row_id, SINCE_ALWAYS, counted, user)
            audit.record(
                s, "insert", PROFILE.name, row_id, after=_service._public(values), user=user
            )
            return row_id
        row_id = int(current["id"])
        changed = {k: v for k, v in counted.items() if v != current.get(k)}
        if changed:
            _change_from(s, row_id, effective, changed, user)
        latest = versions(s, row_id)[-1]
        row = _service._column_values(values) | {k: latest[k] for k in COUNTED_PROFILE_FIELDS}
        row |= {"updated_at": audit.now(), "updated_by": user, "version": Community.version + 1}
        s.execute(Community.__table__.update().where(Community.id == row_id).values(**row))
        after = _service._public(_service._fetch(s, row_id))
        note = f"counted fields from {effective.isoformat()}" if changed else None
        audit.record(
            s, "update", PROFILE.name, row_id, before=current, after=after, note=note, user=user
        )
    return row_id


def _write_version(
    s: Session, community_id: int, valid_from: date, counted: Mapping[str, Any], user: str
) -> None:
    s.execute(
        _versions.insert().values(
            community_id=community_id,
            valid_from=valid_from,
            created_at=audit.now(),
            created_by=user,
            **counted,
        )
    )


def _change_from(
    s: Session, community_id: int, effective: date, changed: Mapping[str, Any], user: str
) -> None:
    """Let ``changed`` hold from ``effective`` until the field's next own change."""
    rows = versions(s, community_id)
    base = _in_force(rows, effective)
    assert base is not None, "a profile always has a version"
    old = {k: base[k] for k in changed}
    if base["valid_from"] == effective:
        s.execute(_versions.update().where(_versions.c.id == base["id"]).values(**changed))
    else:
        snapshot = {k: base[k] for k in COUNTED_PROFILE_FIELDS} | dict(changed)
        _write_version(s, community_id, effective, snapshot, user)
    # Later versions that still carry the old value were about other fields: they
    # take the new value too; the first one that changed the field itself stops it.
    pending = dict(changed)
    for later in (r for r in rows if r["valid_from"] > effective):
        update = {k: v for k, v in pending.items() if later[k] == old[k]}
        pending = update
        if not pending:
            break
        s.execute(_versions.update().where(_versions.c.id == later["id"]).values(**update))


def has_valid_profile(store: Store) -> bool:
    from commdesk.domain.records import validate_record
    from commdesk.store.catalogue_store import load_catalogues

    current = get_profile(store)
    if current is None:
        return False
    return validate_record(PROFILE, current, load_catalogues(store)).ok
