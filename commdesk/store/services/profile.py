"""The community profile (社区基本情况): one live row per database."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from commdesk.domain.ledgers import PROFILE
from commdesk.store.engine import Store
from commdesk.store.models import Community
from commdesk.store.services.base import LedgerService

_service = LedgerService(PROFILE, Community)


def get_profile(store: Store) -> dict[str, Any] | None:
    with store.read() as s:
        row_id = s.scalar(
            select(Community.id).where(Community.deleted_at.is_(None)).order_by(Community.id)
        )
    return _service.get(store, row_id) if row_id is not None else None


def save_profile(store: Store, data: Mapping[str, Any], *, user: str | None = None) -> int:
    """Create the profile or update the existing one (validated, audited)."""
    current = get_profile(store)
    if current is None:
        return _service.add(store, data, user=user)
    _service.update(store, current["id"], data, user=user)
    return int(current["id"])


def has_valid_profile(store: Store) -> bool:
    from commdesk.domain.records import validate_record
    from commdesk.store.catalogue_store import load_catalogues

    current = get_profile(store)
    if current is None:
        return False
    return validate_record(PROFILE, current, load_catalogues(store)).ok
