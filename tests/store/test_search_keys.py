"""Service-record search through distinct search keys: same answers as a LIKE scan, fast plans."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from commdesk.importing.commit import commit_import
from commdesk.importing.plan import plan_import
from commdesk.store.demo import generate
from commdesk.store.engine import Store, db_path, open_store
from commdesk.store.search_keys import mismatched
from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records

TODAY = date(2026, 3, 15)


def _mismatched(store: Store) -> int:
    with store.read() as s:
        return mismatched(s)


def _keys(store: Store) -> list[tuple[str, str]]:
    with store.read() as s:
        rows = s.execute(text("SELECT text, id_number FROM service_search_key ORDER BY id"))
        return [tuple(row) for row in rows]


def test_add_update_keep_every_record_linked_to_its_own_key(store: Store) -> None:
    data = {"service_date": "2026-03-01", "category_code": "WM01", "description": "上门理发"}
    first = service_records.add(store, data)
    second = service_records.add(store, data)  # same text: shares the key
    third = service_records.add(
        store, data | {"recipient_name": "李大爷", "recipient_id_number": "110105194501010014"}
    )
    assert _mismatched(store) == 0
    assert _keys(store) == [
        ("上门理发", ""),
        ("李大爷 ldy lidaye 上门理发", "110105194501010014"),
    ]
    service_records.update(store, second, {"description": "助餐服务"})
    assert _mismatched(store) == 0
    ids = lambda text: [r["id"] for r in service_records.query(store, Query(search=text))]  # noqa: E731
    assert ids("助餐") == [second]
    assert ids("理发") == [first, third]
    assert ids("ldy") == [third] and ids("0014") == [third] and ids("001x") == []
    service_records.delete(store, [first])
    assert ids("理发") == [third]
    assert service_records.count(store, Query(search="理发", deleted=True)) == 1
    # keys never reach the UI or the audit log
    assert "search_key_id" not in service_records.get(store, third)  # type: ignore[operator]


def test_import_links_the_rows_it_writes(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "services.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(["服务日期", "服务类别", "服务对象姓名", "服务内容", "服务人次"])
        out.writerow(["2026-03-01", "养老服务", "王芳", "送餐上门", "1"])
        out.writerow(["2026-03-02", "养老服务", "王芳", "送餐上门", "1"])
        out.writerow(["2026-03-03", "养老服务", "", "集中用餐", "20"])
    plan = plan_import(store, "services", path, today=TODAY)
    result = commit_import(store, plan)
    assert result.added == 3
    assert _mismatched(store) == 0
    assert len(_keys(store)) == 2
    assert service_records.count(store, Query(search="wf")) == 2


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("keys"))
    generate(store, records=6000, seed=3, today=TODAY)
    yield store
    store.close()


def _reference(store: Store, needle: str) -> list[int]:
    """What the search means: a LIKE over every live record (text, or the ID's tail)."""
    con = sqlite3.connect(db_path(store.data_dir))
    try:
        rows = con.execute(
            "SELECT id, search_text, recipient_id_number FROM service_record "
            "WHERE deleted_at IS NULL ORDER BY service_date DESC, id DESC"
        ).fetchall()
    finally:
        con.close()
    n = needle.lower()
    tail = 3 <= len(n) <= 18 and n.rstrip("x").isdigit()
    return [
        i for i, text, number in rows if n in text or (tail and (number or "").endswith(n.upper()))
    ]


def _needles(store: Store) -> list[str]:
    con = sqlite3.connect(db_path(store.data_dir))
    try:
        text, name, number = con.execute(
            "SELECT description, recipient_name, recipient_id_number FROM service_record "
            "WHERE recipient_id_number IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    from commdesk.domain.initials import initials

    return [text[:2], "服", name, initials(name), number[-6:], "x", "社区", "zzzz"]


def test_demo_keys_match_what_the_linker_would_assign(demo_store: Store) -> None:
    assert _mismatched(demo_store) == 0
    keys = _keys(demo_store)
    assert len(keys) == len(set(keys))
    assert len(keys) < 6000  # far fewer keys than records: the point of them


def _ids(store: Store, q: Query, *, walk: bool) -> list[int]:
    with store.read() as s:
        return [r.id for r in s.execute(service_records._select(q, walk=walk))]


def test_keyed_search_equals_a_like_scan_in_both_plans(demo_store: Store) -> None:
    for needle in _needles(demo_store):
        expected = _reference(demo_store, needle)
        q = Query(search=needle, sort="service_date", descending=True, limit=None)
        assert [r["id"] for r in service_records.query(demo_store, q)] == expected, needle
        assert _ids(demo_store, q, walk=False) == expected, needle
        assert _ids(demo_store, q, walk=True) == expected, needle
        assert service_records.count(demo_store, q) == len(expected)
        page = replace(q, offset=5, limit=7, expected_rows=len(expected))
        assert [r["id"] for r in service_records.query(demo_store, page)] == expected[5:12]


def test_plan_choice_walks_the_sort_index_only_where_it_is_cheaper(demo_store: Store) -> None:
    rows = 6000  # the demo store's records, all live
    walk = service_records._walk_sort_index

    def choice(matches: int, offset: int = 0, **changes: Any) -> bool:
        q = Query(search="x", limit=200, offset=offset, expected_rows=matches, **changes)
        with demo_store.read() as s:
            return walk(s, q)

    assert choice(rows // 10)  # a common word: the first page is a short walk
    assert not choice(rows // 10, offset=400)  # further into it: fetch and sort
    assert choice(rows // 2, offset=rows // 2 - 200)  # half of all rows: always walk
    assert not choice(50)  # a rare word: fetch its few rows
    assert not choice(rows // 10, sort="people_served")  # no index to walk
    assert not choice(rows // 10, deleted=True)
    assert not choice(0)


def _plan(store: Store, stmt: Any) -> str:
    sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    con = sqlite3.connect(db_path(store.data_dir))
    try:
        return " | ".join(row[-1] for row in con.execute(f"EXPLAIN QUERY PLAN {sql}"))
    finally:
        con.close()


def test_search_plans_use_the_key_index_or_the_sort_index(demo_store: Store) -> None:
    from sqlalchemy import and_, func, select

    service = service_records
    q = Query(search="助餐", sort="service_date", descending=True, limit=200)
    count = select(func.count()).select_from(service.table).where(and_(*service._where(q)))
    count_plan = _plan(demo_store, count)
    assert "ix_service_record_search_key" in count_plan
    assert "SCAN service_record " not in count_plan + " "
    assert "ix_service_record_search_key" in _plan(demo_store, service._select(q))
    walk_plan = _plan(demo_store, service._select(q, walk=True))
    assert "ix_service_record_date" in walk_plan
    assert "TEMP B-TREE FOR ORDER BY" not in walk_plan
    # queries without a search never go through the search index (random row order)
    for other in (Query(), Query(filters={"target_group_code": "ELD"}), Query(sort="hours")):
        stmt = service._select(other)
        assert "ix_service_record_search_key" not in _plan(demo_store, stmt)
        totals = select(func.sum(service.table.c.hours)).where(and_(*service._where(other)))
        assert "ix_service_record_search_key" not in _plan(demo_store, totals)
