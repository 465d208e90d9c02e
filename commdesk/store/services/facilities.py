"""Service facilities (服务设施台账)."""

from __future__ import annotations

from commdesk.domain.ledgers import FACILITIES
from commdesk.store.models import Facility
from commdesk.store.services.base import LedgerService

facilities = LedgerService(
    FACILITIES, Facility, text_fields=("address", "notes"), pinyin_fields=("name",)
)
