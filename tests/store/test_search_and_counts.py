"""Counts and searched pages answer alike on both databases, whichever plan the store takes.

On PostgreSQL the store reads the matching search keys first and fetches a few
matches through the key index before sorting (services/base.py); a filtered count
subtracts the deleted rows. These check the answers those plans give, with
deleted rows about, against what the clerk would count by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records

DAY = date(2026, 3, 1)


def _fill(store: Any) -> list[dict[str, Any]]:
    rows = []
    for i in range(60):
        row = {
            "service_date": (DAY - timedelta(days=i % 17)).isoformat(),
            "category_code": ("WM01", "WM02", "BM01")[i % 3],
            "description": "上门理发" if i % 4 == 0 else "助餐服务",
            "recipient_name": "李大爷" if i % 10 == 0 else None,
        }
        row["id"] = service_records.add(store, row)
        rows.append(row)
    gone = [r["id"] for r in rows if r["id"] % 7 == 0]
    service_records.delete(store, gone)
    for r in rows:
        r["deleted"] = r["id"] in gone
    return rows


def test_counts_with_filters_leave_the_deleted_rows_out(store: Any) -> None:
    rows = _fill(store)
    live = [r for r in rows if not r["deleted"]]
    for code in ("WM01", "WM02", "BM01", "XX99"):
        q = Query(filters={"category_code": code})
        assert service_records.count(store, q) == sum(r["category_code"] == code for r in live)
        deleted = Query(filters={"category_code": code}, deleted=True)
        expected = sum(r["category_code"] == code and r["deleted"] for r in rows)
        assert service_records.count(store, deleted) == expected
    since = Query(date_from=DAY - timedelta(days=3), filters={"category_code": "WM02"})
    assert service_records.count(store, since) == sum(
        r["category_code"] == "WM02" and r["service_date"] >= "2026-02-26" for r in live
    )
    assert service_records.count(store, Query()) == len(live)


def test_searched_pages_in_every_order_match_a_plain_reading(store: Any) -> None:
    rows = _fill(store)
    live = [r for r in rows if not r["deleted"]]
    for needle, hit in (
        ("理发", lambda r: "理发" in r["description"]),
        ("ldy", lambda r: r["recipient_name"] == "李大爷"),
        ("助餐", lambda r: "助餐" in r["description"]),
        ("没有这个", lambda r: False),
    ):
        matches = [r for r in live if hit(r)]
        for descending in (False, True):
            order = sorted(matches, key=lambda r: (r["service_date"], r["id"]), reverse=descending)
            expected = [r["id"] for r in order]
            q = Query(search=needle, sort="service_date", descending=descending, limit=None)
            assert service_records.count(store, q) == len(expected), needle
            # As the table model asks: the count known, one page at a time.
            for offset in (0, 3):
                page = replace(q, offset=offset, limit=5, expected_rows=len(expected))
                got = [r["id"] for r in service_records.query(store, page)]
                assert got == expected[offset : offset + 5], (needle, descending, offset)


def test_server_sessions_do_without_jit(store: Any) -> None:
    """PostgreSQL's JIT compiled the annual return's GROUP BY for ~1 s of its 2.6 s."""
    from sqlalchemy import text

    if not store.is_server:
        return
    with store.read() as s:
        assert s.execute(text("SHOW jit")).scalar_one() == "off"
