"""Crash-test child: one large transaction through ``store.write()``, in batches.

Forked by zygote.py as ``child_bulk:run`` with ``DATA_DIR ROWS TAG``. Emits
``progress DONE`` after each batch inside the transaction and ``done`` after
the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from commdesk.store import audit
from commdesk.store.engine import open_store
from commdesk.store.models import ServiceRecord

BATCH = 500


def run(args: list[str], emit: Callable[[str], None]) -> None:
    store = open_store(Path(args[0]))
    rows, tag = int(args[1]), args[2]
    stamp = datetime.now().replace(microsecond=0)
    day = date.today() - timedelta(days=1)
    base = {
        "service_date": day,
        "category_code": "WM01",
        "target_group_code": "ELD",
        "people_served": 1,
        "provider_kind_code": "STAFF",
        "channel_code": "SITE",
        "created_at": stamp,
        "updated_at": stamp,
        "created_by": "crash-test",
        "updated_by": "crash-test",
        "search_text": "",
    }
    with store.write() as s:
        for start in range(0, rows, BATCH):
            s.execute(
                insert(ServiceRecord),
                [base | {"description": f"{tag} {i}"} for i in range(start, start + BATCH)],
            )
            emit(f"progress {start}")
        audit.record(s, "import", "service_record", None, after={"rows": rows}, note=tag)
    emit("done")
