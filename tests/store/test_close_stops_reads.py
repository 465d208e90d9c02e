"""Closing the store stops a long read running on another thread (a page's totals over
a million rows must not hold the program's exit), but never a transaction that wrote."""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

import pytest
from sqlalchemy import text

from commdesk.store.services.volunteers import teams

# sqlite3's interrupt() of a read running on a worker.
pytestmark = pytest.mark.sqlite_only

SLOW = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000000) "
    "SELECT count(*) FROM n"
)


def test_close_interrupts_a_running_read(store: Any) -> None:
    outcome: list[object] = []
    started = threading.Event()

    def read() -> None:
        try:
            with store.read() as s:
                started.set()
                outcome.append(s.execute(text(SLOW)).scalar())
        except Exception as exc:
            outcome.append(exc)

    worker = threading.Thread(target=read)
    worker.start()
    assert started.wait(10)
    time.sleep(0.2)
    begun = time.monotonic()
    store.close()
    worker.join(30)
    assert not worker.is_alive()
    assert time.monotonic() - begun < 10  # the count alone takes far longer
    assert "interrupted" in str(outcome[0])


def test_close_leaves_a_write_to_finish(store: Any) -> None:
    teams.add(store, {"name": "甲队"})
    outcome: list[object] = []
    started = threading.Event()

    def write() -> None:
        try:
            with store.write() as s:
                s.execute(text("UPDATE volunteer_team SET leader = '王'"))
                started.set()
                outcome.append(s.execute(text(SLOW.replace("200000000", "2000000"))).scalar())
        except Exception as exc:
            outcome.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    assert started.wait(10)
    store.close()
    worker.join(120)
    assert outcome == [2000000]
    con = sqlite3.connect(store.path)
    try:
        assert con.execute("SELECT leader FROM volunteer_team").fetchone()[0] == "王"
    finally:
        con.close()
