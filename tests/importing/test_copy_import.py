"""Imports on PostgreSQL go through COPY and store exactly what SQLite stores.

The same roster and service ledgers are imported into a SQLite data folder and
into a fresh database of the real PostgreSQL server; every imported row, its
search text and search key, the volunteer links, the audit event and the counts
must come out the same, and the server's rows must have come in through COPY.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from import_helpers import ID_F_1949, ID_F_1985, ID_M_1980, ID_M_1990, xlsx
from sqlalchemy import select, text

from commdesk.importing import commit_import, plan_import
from commdesk.store.engine import open_store
from commdesk.store.models import AuditEntry, Base
from commdesk.store.search_keys import mismatched
from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import volunteers

# Columns that differ between any two runs whatever the backend; a key's id depends on
# the order SELECT DISTINCT meets the texts in, so keys are compared by what they say.
CLOCK = {"created_at", "updated_at", "search_key_id"}
TABLES = ("volunteer", "volunteer_team", "service_record", "service_volunteer")


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every COPY statement psycopg runs in this test."""
    seen: list[str] = []
    original = psycopg.Cursor.copy

    def spy(self: psycopg.Cursor[Any], statement: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(statement))
        return original(self, statement, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "copy", spy)
    return seen


@pytest.fixture
def both(tmp_path: Path, pg_server: Any) -> Iterator[dict[str, Any]]:
    url = pg_server.create_database()
    stores = {
        "sqlite": open_store(tmp_path / "sqlite"),
        "postgresql": open_store(tmp_path / "pg", database=url),
    }
    try:
        yield stores
    finally:
        for store in stores.values():
            store.close()
        pg_server.drop_database(url)


def _files(tmp_path: Path) -> list[tuple[str, Path]]:
    roster = xlsx(
        tmp_path / "roster.xlsx",
        [
            ["姓名", "身份证号", "手机", "志愿服务队", "是否注册", "加入日期", "专长"],
            ["曾小明", ID_M_1980, "13800138000", "党员先锋队", "是", "2020-01-02", "理发"],
            ["单丽", ID_F_1949, "13900139000", "巾帼队", "否", date(2019, 5, 6), None],
            ["Tom 李", ID_M_1990, "13700137000", "党员先锋队", "√", "2021/3/4", "维修"],
            ["王芳", ID_F_1985, None, None, None, None, "说明: ，；"],
        ],
    )
    services = xlsx(
        tmp_path / "services.xlsx",
        [
            ["日期", "服务类别", "服务对象", "人次", "服务内容", "服务对象姓名"],
            ["2025-01-02", "养老服务", "老年人", 3, "入户走访", None],
            ["2025-01-03", "养老服务", "困难家庭", 2, "送餐上门", "王大爷"],
            ["2025-01-04", "助残服务", "残疾人", 1, "代购药品", "曾阿姨"],
        ],
    )
    linked = xlsx(
        tmp_path / "linked.xlsx",
        [
            ["日期", "服务类别", "服务对象", "人次", "服务内容", "服务提供方", "志愿者"],
            ["2025-01-05", "养老服务", "老年人", 4, "理发", "志愿者", "曾小明、单丽"],
        ],
    )
    return [("volunteers", roster), ("services", services), ("services", linked)]


def _rows(store: Any) -> dict[str, list[dict[str, Any]]]:
    """Every row of the import's tables, in id order, without the clock columns."""
    out: dict[str, list[dict[str, Any]]] = {}
    with store.read() as s:
        for name in TABLES:
            table = Base.metadata.tables[name]  # typed columns: dates as dates on both
            rows = s.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            out[name] = [{k: v for k, v in r.items() if k not in CLOCK} for r in rows]
        keys = s.execute(
            text(
                "SELECT r.id, r.search_text, k.text, k.id_number FROM service_record AS r "
                "JOIN service_search_key AS k ON k.id = r.search_key_id ORDER BY r.id"
            )
        )
        out["search keys"] = [dict(r._mapping) for r in keys]
        out["mismatched"] = [{"count": mismatched(s)}]
        audits = s.scalars(select(AuditEntry).where(AuditEntry.action == "import"))
        out["audit"] = [
            {"note": a.note, "after": json.loads(a.after or "{}") | {"source": None}}
            for a in audits
        ]
    return out


def test_postgresql_import_uses_copy_and_stores_what_sqlite_stores(
    both: dict[str, Any], tmp_path: Path, copies: list[str]
) -> None:
    lines = {}
    for backend, store in both.items():
        lines[backend] = [
            commit_import(store, plan_import(store, kind, path), user="张丽").counts_line()
            for kind, path in _files(tmp_path)
        ]
    assert lines["sqlite"] == lines["postgresql"]
    assert lines["sqlite"][0].startswith("added=4 ")
    # The roster and the unlinked services went in by COPY; the linked service needs
    # its new id back for the links, so it is inserted with RETURNING.
    assert [c.split(" (")[0] for c in copies] == ["COPY volunteer", "COPY service_record"]
    on_sqlite, on_server = _rows(both["sqlite"]), _rows(both["postgresql"])
    assert on_sqlite["mismatched"] == [{"count": 0}]
    assert len(on_sqlite["volunteer"]) == 4 and len(on_sqlite["service_record"]) == 4
    assert len(on_sqlite["service_volunteer"]) == 2 and len(on_sqlite["search keys"]) == 4
    for table in on_sqlite:
        for server_row, file_row in zip(on_server[table], on_sqlite[table], strict=True):
            assert server_row == file_row, (table, set(server_row.items()) ^ set(file_row.items()))
    for store in both.values():
        assert [v["name"] for v in volunteers.query(store, Query(search="zxm"))] == ["曾小明"]
        assert [v["name"] for v in volunteers.query(store, Query(search="shanli"))] == ["单丽"]
        found = service_records.query(store, Query(search="wang"))
        assert [r["recipient_name"] for r in found] == ["王大爷"]


def test_postgresql_copy_brings_its_rows_keyed(
    both: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows COPYed into the server already hold their search keys: no UPDATE of every
    new row after the COPY. The linked service (inserted with RETURNING) still waits."""
    import commdesk.store.search_keys as search_keys

    pending: list[int] = []
    original = search_keys.link_pending

    def counting(connection: Any) -> None:
        unlinked = "SELECT count(*) FROM service_record WHERE search_key_id IS NULL"
        pending.append(int(connection.execute(text(unlinked)).scalar_one()))
        original(connection)

    monkeypatch.setattr(search_keys, "link_pending", counting)
    store = both["postgresql"]
    for kind, path in _files(tmp_path):
        commit_import(store, plan_import(store, kind, path), user="张丽")
    assert pending == [0, 1]
    with store.read() as s:
        assert mismatched(s) == 0
        assert s.execute(text("SELECT count(*) FROM service_search_key")).scalar_one() == 4
