"""Crash-test child: commit service records one by one, emitting each committed id.

Forked by zygote.py as ``child_writer:run``; it never stops by itself — the
test kills it with SIGKILL. An id is emitted only after its transaction has
committed, so every emitted id must survive the kill.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from commdesk.store.engine import open_store
from commdesk.store.services.service_records import service_records


def run(args: list[str], emit: Callable[[str], None]) -> None:
    store = open_store(Path(args[0]))
    day = date.today() - timedelta(days=1)
    n = 0
    while True:
        n += 1
        row_id = service_records.add(
            store,
            {
                "service_date": day,
                "category_code": "WM01",
                "people_served": 1 + n % 7,
                "hours": 1.5,
                "description": f"崩溃测试记录 {n} " + "上门探访，" * 20,
            },
        )
        emit(str(row_id))
