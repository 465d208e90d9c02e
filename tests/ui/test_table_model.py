"""The lazy table model without any window: paging, sorting, roles, 100k rows."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from ui_helpers import make_id, service_row

from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import volunteers
from commdesk.ui.specs import SERVICES_SPEC, VOLUNTEERS_SPEC
from commdesk.ui.table_model import PAGE_SIZE, RAW_VALUE_ROLE, ROW_ID_ROLE, LedgerTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole


def bulk_services(store: Any, count: int) -> None:
    """Fast fixture data straight into the store's file (the services are row-by-row)."""
    start = date(2020, 1, 1)
    stamp = "2024-01-01 00:00:00"
    rows = [
        (
            (start + timedelta(days=i % 2000)).isoformat(),
            "WM01" if i % 2 else "BM01",
            "ELD",
            1 + i % 5,
            1.0,
            "STAFF",
            "SITE",
            f"服务{i}",
            f"服务{i}",
            stamp,
            stamp,
            "test",
            "test",
        )
        for i in range(count)
    ]
    con = sqlite3.connect(store.path)
    with con:
        con.executemany(
            "INSERT INTO service_record (service_date, category_code, target_group_code,"
            " people_served, hours, provider_kind_code, channel_code, description, search_text,"
            " created_at, updated_at, created_by, updated_by)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    con.close()


def test_rowcount_and_paging_with_100k_rows(ctx: Any) -> None:
    bulk_services(ctx.store, 100_000)
    model = LedgerTableModel(ctx, SERVICES_SPEC)
    assert model.rowCount() == 100_000
    assert model.fetches == 0  # counting does not load rows
    last = model.index(99_999, 0)
    assert model.data(last, DISPLAY)  # jump to the end fetches one page
    assert model.fetches == 1
    model.data(model.index(99_998, 1), DISPLAY)
    assert model.fetches == 1  # same page: cached
    model.data(model.index(0, 0), DISPLAY)
    assert model.fetches == 2
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree


def test_page_cache_is_bounded(ctx: Any) -> None:
    bulk_services(ctx.store, PAGE_SIZE * 12)
    model = LedgerTableModel(ctx, SERVICES_SPEC)
    for page in range(12):
        model.data(model.index(page * PAGE_SIZE, 0), DISPLAY)
    assert len(model._pages) <= 8
    assert model.fetches == 12


def test_default_order_is_newest_first_and_header_sort_changes_it(ctx: Any) -> None:
    service_records.add(ctx.store, service_row(service_date=date(2024, 1, 5), people_served=9))
    service_records.add(ctx.store, service_row(service_date=date(2024, 3, 1), people_served=1))
    service_records.add(ctx.store, service_row(service_date=date(2023, 7, 1), people_served=5))
    model = LedgerTableModel(ctx, SERVICES_SPEC)
    dates = [model.index(r, 0).data() for r in range(3)]
    assert dates == ["2024-03-01", "2024-01-05", "2023-07-01"]
    people = model.column_of("people_served")
    model.sort(people, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, people).data(RAW_VALUE_ROLE) for r in range(3)] == [1, 5, 9]
    model.sort(people, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, people).data(RAW_VALUE_ROLE) for r in range(3)] == [9, 5, 1]
    assert model.query.sort == "people_served"


def test_display_roles_labels_masking_booleans_and_row_id(ctx: Any) -> None:
    vid = volunteers.add(
        ctx.store,
        {"name": "李四", "id_number": make_id(3), "platform_registered": True},
    )
    model = LedgerTableModel(ctx, VOLUNTEERS_SPEC)
    row = {f.name: model.index(0, i) for i, f in enumerate(model.fields)}
    assert row["name"].data() == "李四"
    masked = row["id_number"].data()
    assert masked.startswith("110105") and "********" in masked
    assert masked != make_id(3)
    assert row["id_number"].data(RAW_VALUE_ROLE) == make_id(3)
    assert row["status_code"].data() == "在册"  # code shown as its label
    assert row["platform_registered"].data() == "Yes"
    assert row["gender"].data() in ("Male", "Female")
    assert row["name"].data(ROW_ID_ROLE) == vid
    header = model.headerData(0, Qt.Orientation.Horizontal, DISPLAY)
    assert header == "姓名"


def test_search_filters_and_deleted_view_requery(ctx: Any) -> None:
    keep = service_records.add(ctx.store, service_row(description="理发服务"))
    gone = service_records.add(ctx.store, service_row(category_code="BM01"))
    model = LedgerTableModel(ctx, SERVICES_SPEC)
    model.set_query(search="理发")
    assert model.rowCount() == 1 and model.row_id(0) == keep
    model.set_query(search="", filters={"category_code": "BM01"})
    assert model.rowCount() == 1 and model.row_id(0) == gone
    service_records.delete(ctx.store, [gone])
    model.set_query(filters={}, deleted=True)
    assert model.rowCount() == 1 and model.row_id(0) == gone
    assert model.data(QModelIndex()) is None


def test_far_pages_read_from_the_other_end_match_offset_order(ctx: Any) -> None:
    """Pages past the middle are fetched in reverse and flipped: same rows, same order."""
    count = PAGE_SIZE * 5 + 37  # a short last page too
    bulk_services(ctx.store, count)
    service_records.delete(ctx.store, [3, 4, 5])  # deleted rows must not shift anything
    model = LedgerTableModel(ctx, SERVICES_SPEC)
    assert model.rowCount() == count - 3
    expected = [
        r["id"]
        for r in service_records.query(
            ctx.store, Query(sort="service_date", descending=True, limit=None)
        )
    ]
    got = [model.row_id(r) for r in range(model.rowCount())]
    assert got == expected


def test_a_new_sort_does_not_count_the_rows_again(ctx: Any, monkeypatch: Any) -> None:
    """Another order holds the same rows; on a server a count of a million takes 0.1 s."""
    service_records.add(ctx.store, service_row(people_served=3))
    model = LedgerTableModel(ctx, SERVICES_SPEC)
    counted: list[Query] = []
    real = service_records.count
    monkeypatch.setattr(
        service_records, "count", lambda store, q=None: counted.append(q) or real(store, q)
    )
    model.sort(model.column_of("people_served"), Qt.SortOrder.AscendingOrder)
    assert counted == [] and model.rowCount() == 1
    model.set_query(search="探访")
    assert len(counted) == 1 and model.rowCount() == 1
