"""Community workers (社区工作者)."""

from __future__ import annotations

from commdesk.domain.ledgers import WORKERS
from commdesk.store.models import Worker
from commdesk.store.services.base import LedgerService

workers = LedgerService(
    WORKERS,
    Worker,
    text_fields=("mobile", "notes"),
    pinyin_fields=("name",),
    id_field="id_number",
    unique_id=True,
)
