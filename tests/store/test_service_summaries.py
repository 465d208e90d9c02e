"""The service summaries (migration 0012) equal the ledger after every kind of write.

The overview's charts and figures read ``service_day_summary`` and
``volunteer_month_summary``, kept by triggers. Each test writes one way (form,
edit, delete, undo, import, raw SQL, demo, restore of an old backup, migration
from 0011 with data, push to a server) and compares the summaries with the sums
worked out from the ledger rows themselves.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from test_trends import _id, service

from commdesk.store.engine import Store, db_path, open_store
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import volunteers

TODAY = date(2026, 6, 15)


def _month(store_or_dialect: str) -> str:
    if store_or_dialect == "postgresql":
        return "to_char(sr.service_date, 'YYYY-MM')"
    return "substr(sr.service_date, 1, 7)"


def _ledger(conn: Any, dialect: str) -> tuple[dict, dict]:
    days = {
        (str(d), c): (n, p, round(h, 6))
        for d, c, n, p, h in conn.execute(
            text(
                "SELECT service_date, category_code, count(*), sum(people_served), "
                "sum(coalesce(hours, 0)) FROM service_record WHERE deleted_at IS NULL "
                "GROUP BY service_date, category_code"
            )
        )
    }
    month = _month(dialect)
    people = {
        (m, v): (n, round(h, 6))
        for m, v, n, h in conn.execute(
            text(
                f"SELECT {month}, sv.volunteer_id, count(*), sum(coalesce(sr.hours, 0)) "
                "FROM service_volunteer AS sv JOIN service_record AS sr ON sr.id = sv.service_id "
                f"WHERE sr.deleted_at IS NULL GROUP BY {month}, sv.volunteer_id"
            )
        )
    }
    return days, people


def _kept(conn: Any) -> tuple[dict, dict]:
    days = {
        (str(d), c): (n, p, round(h, 6))
        for d, c, n, p, h in conn.execute(
            text(
                "SELECT service_date, category_code, records, people_served, hours "
                "FROM service_day_summary"
            )
        )
    }
    people = {
        (m, v): (n, round(h, 6))
        for m, v, n, h in conn.execute(
            text("SELECT month, volunteer_id, services, hours FROM volunteer_month_summary")
        )
    }
    return days, people


def assert_summaries_match(engine: Any) -> tuple[dict, dict]:
    with engine.connect() as conn:
        ledger, kept = _ledger(conn, engine.dialect.name), _kept(conn)
    assert kept == ledger
    return kept


@pytest.fixture
def people(store: Store) -> list[int]:
    return [
        volunteers.add(store, {"name": n, "id_number": _id(i), "joined_date": date(2024, 1, 1)})
        for i, n in enumerate(("甲", "乙", "丙"), start=1)
    ]


def test_forms_edits_deletes_and_undo_keep_the_summaries(store: Store, people: list[int]) -> None:
    v1, v2, v3 = people
    a = service(store, "2026-05-01", "WM01", 4, 1.5, [v1, v2])
    b = service(store, "2026-05-01", "WM01", 2, None, [v1])
    c = service(store, "2026-05-20", "BM01", 3, 0.3, [v3])
    kept = assert_summaries_match(store.engine)
    assert kept[0][("2026-05-01", "WM01")] == (2, 6, 1.5)
    assert kept[1][("2026-05", v1)] == (2, 1.5)  # two services, one without hours
    # Edits: another day and month, another category, other hours, other volunteers.
    service_records.update(store, a, {"service_date": date(2026, 4, 30), "hours": 2.25})
    service_records.update(store, b, {"category_code": "AM02", "volunteers": [v2, v3]})
    service_records.update(store, c, {"people_served": 7, "hours": 0.1})
    service_records.update(store, c, {"description": "只改了说明"})  # nothing summed moved
    assert_summaries_match(store.engine)
    # Delete (a soft delete), then undo it (a restore), then delete again.
    service_records.delete(store, [a, c])
    kept = assert_summaries_match(store.engine)
    assert ("2026-04-30", "WM01") not in kept[0]  # a day with nothing left goes
    service_records.restore(store, [a])  # the undo of the delete
    assert_summaries_match(store.engine)
    service_records.update(store, a, {"service_date": date(2026, 5, 1), "hours": 1.5})  # undo
    assert_summaries_match(store.engine)
    service_records.delete(store, [b])  # the undo of an add
    kept = assert_summaries_match(store.engine)
    assert kept[0] == {("2026-05-01", "WM01"): (1, 4, 1.5)}
    assert kept[1] == {("2026-05", v1): (1, 1.5), ("2026-05", v2): (1, 1.5)}


def test_raw_sql_writers_keep_the_summaries(store: Store, people: list[int]) -> None:
    """Another program writing the database directly (links, hard deletes, cascades)."""
    v1, v2, _ = people
    a = service(store, "2026-03-03", "ZY01", 5, 2.0, [v1])
    b = service(store, "2026-03-04", "ZY01", 1, 1.0, [v1, v2])
    with store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO service_volunteer (service_id, volunteer_id) VALUES (:s, :v)"),
            {"s": a, "v": v2},
        )
        conn.execute(text("UPDATE service_record SET hours = 4.5 WHERE id = :a"), {"a": a})
    assert_summaries_match(store.engine)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE service_volunteer SET volunteer_id = :v WHERE service_id = :a AND "
                 "volunteer_id = :old"),
            {"v": people[2], "a": a, "old": v2},
        )  # fmt: skip
        conn.execute(text("DELETE FROM service_record WHERE id = :b"), {"b": b})  # cascade
    kept = assert_summaries_match(store.engine)
    assert kept[1] == {("2026-03", v1): (1, 4.5), ("2026-03", people[2]): (1, 4.5)}
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM service_volunteer"))
        conn.execute(text("DELETE FROM service_record"))
    assert assert_summaries_match(store.engine) == ({}, {})


def test_an_import_keeps_the_summaries(store: Store, tmp_path: Path) -> None:
    from commdesk.importing import commit_import, plan_import

    path = tmp_path / "services.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(["服务日期", "服务类别", "服务对象姓名", "服务内容", "服务人次", "服务时长"])
        for day in range(1, 29):
            out.writerow([f"2026-02-{day:02d}", "养老服务", "王芳", "送餐上门", day, "0.5"])
            out.writerow([f"2026-03-{day:02d}", "养老服务", "", "集中用餐", 20, ""])
    result = commit_import(store, plan_import(store, "services", path, today=TODAY))
    assert result.added == 56
    kept = assert_summaries_match(store.engine)
    assert sum(n for n, _, _ in kept[0].values()) == 56


def test_migration_from_0011_with_data_fills_the_summaries(
    backend: str, data_dir: Path, pg_server_if_needed: Any
) -> None:
    from commdesk.store.migrate import upgrade, upgrade_server

    if backend == "sqlite":
        path = db_path(data_dir)
        upgrade(path, "0011")
        engine = create_engine(f"sqlite:///{path}")
    else:
        url = pg_server_if_needed.create_database(empty=True)
        engine = create_engine(url)
        upgrade_server(engine, url, "0011")
    _old_rows(engine)
    if backend == "sqlite":
        engine.dispose()
        store = open_store(data_dir)
    else:
        store = open_store(data_dir, database=url)
    try:
        kept = assert_summaries_match(store.engine)
        assert kept[0][("2026-01-05", "WM01")] == (2, 3, 2.5)  # the deleted one left out
        assert kept[1] == {("2026-01", 1): (2, 2.5), ("2026-02", 2): (1, 0.0)}
        # and the triggers work from there on
        service_records.update(store, 3, {"service_date": date(2026, 1, 5)})
        assert assert_summaries_match(store.engine)[1][("2026-01", 2)] == (1, 0.0)
    finally:
        store.close()
        engine.dispose()


def _old_rows(engine: Any) -> None:
    """Rows written at revision 0011 (before the summaries existed)."""
    stamp = "2026-01-01 08:00:00"
    with engine.begin() as conn:
        for vid, name, seq in ((1, "甲", 1), (2, "乙", 2)):
            conn.execute(
                text(
                    "INSERT INTO volunteer (id, name, id_number, joined_date, platform_registered, "
                    "status_code, search_text, created_at, updated_at, created_by, updated_by) "
                    "VALUES (:id, :n, :i, '2024-01-01', false, 'active', '', :t, :t, 'c', 'c')"
                ),
                {"id": vid, "n": name, "i": _id(seq), "t": stamp},
            )
        for rid, day, people, hours, deleted in (
            (1, "2026-01-05", 1, 1.0, None),
            (2, "2026-01-05", 2, 1.5, None),
            (3, "2026-02-01", 4, None, None),
            (4, "2026-01-05", 9, 9.0, stamp),
        ):
            conn.execute(
                text(
                    "INSERT INTO service_record (id, service_date, category_code, "
                    "target_group_code, people_served, hours, provider_kind_code, channel_code, "
                    "search_text, created_at, updated_at, created_by, updated_by, deleted_at) "
                    "VALUES (:id, :d, 'WM01', 'GEN', :p, :h, 'STAFF', 'SITE', '', :t, :t, "
                    "'c', 'c', :x)"
                ),
                {"id": rid, "d": day, "p": people, "h": hours, "t": stamp, "x": deleted},
            )
        for sid, vid in ((1, 1), (2, 1), (3, 2), (4, 1)):
            conn.execute(
                text("INSERT INTO service_volunteer (service_id, volunteer_id) VALUES (:s, :v)"),
                {"s": sid, "v": vid},
            )


@pytest.fixture
def pg_server_if_needed(backend: str, request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue("pg_server") if backend == "postgresql" else None


@pytest.mark.sqlite_only
def test_demo_data_and_a_restored_old_backup_have_right_summaries(tmp_path: Path) -> None:
    from commdesk.store.demo import generate
    from commdesk.store.maintenance import restore
    from commdesk.store.migrate import upgrade

    folder = tmp_path / "demo"
    store = open_store(folder)
    try:
        generate(store, records=3000, seed=5, today=TODAY)
        kept = assert_summaries_match(store.engine)
        assert sum(n for n, _, _ in kept[0].values()) == 3000 and kept[1]
        generate(store, records=500, seed=6, today=TODAY, replace=True)
        kept = assert_summaries_match(store.engine)
        assert sum(n for n, _, _ in kept[0].values()) == 500
        # the triggers are back after the demo's bulk load
        first = service_records.query(store)[0]["id"]
        service_records.delete(store, [first])
        assert_summaries_match(store.engine)
    finally:
        store.close()
    # A backup made before 0012 (no summaries in it) restored over this folder.
    old = tmp_path / "old" / "commdesk.sqlite"
    old.parent.mkdir()
    upgrade(old, "0011")
    engine = create_engine(f"sqlite:///{old}")
    _old_rows(engine)
    engine.dispose()
    backup = tmp_path / "old-backup.sqlite"
    shutil.copy(old, backup)
    restore(folder, backup)
    store = open_store(folder)
    try:
        kept = assert_summaries_match(store.engine)
        assert kept[0][("2026-01-05", "WM01")] == (2, 3, 2.5)
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_push_to_a_server_has_the_servers_own_right_summaries(
    pg_server: Any, data_dir: Path, tmp_path: Path
) -> None:
    from commdesk.store.demo import generate
    from commdesk.store.transfer import push

    store = open_store(data_dir)
    generate(store, records=800, seed=2, today=TODAY)
    local = assert_summaries_match(store.engine)
    store.close()
    url = pg_server.create_database(empty=True)
    checks = push(data_dir, url)
    assert all(c.ok for c in checks)
    server = open_store(tmp_path / "elsewhere", database=url)
    try:
        assert assert_summaries_match(server.engine) == local
    finally:
        server.close()
    pg_server.drop_database(url)


def test_the_triggers_are_there_at_head(store: Store) -> None:
    """A later migration rebuilding service_record on SQLite would drop them silently."""
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "postgresql":
            names = {
                r[0]
                for r in conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
            }
            assert {"service_summary_write", "service_summary_delete",
                    "service_link_summary"} <= names  # fmt: skip
        else:
            names = {
                r[0]
                for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
            }
            assert len({n for n in names if "summary" in n}) == 7
