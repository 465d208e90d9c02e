"""Upgrade 0007 on a 0005 database with duplicate people: one row per person, merges logged."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from console_script import commdesk
from make_fixture_db import build, rows_for

from commdesk.store.engine import db_path, open_store, read_schema_revision
from commdesk.store.schema_version import HEAD_REVISION

OLD_ROW = {"created_at": "2026-01-01 08:00:00", "updated_at": "2026-01-01 08:00:00",
           "created_by": "clerk", "updated_by": "clerk"}  # fmt: skip
SECRETARY = "110105197002020016"  # worker 1 of the fixture, 书记


def duplicate_rows() -> dict[str, list[dict[str, object]]]:
    """The 0005 fixture plus the rows a clerk typed before one person was one row."""
    rows = rows_for("0005")
    worker = rows["worker"][0]
    rows["worker"] += [
        # The same 书记 entered again as 主任: the legacy way of recording 一肩挑.
        worker | {"id": 2, "position_code": "DIR", "employed_since": "2012-06-01"},
        # A deleted copy is no longer a person: left alone.
        worker | {"id": 3, "position_code": "MEM", "deleted_at": "2026-02-01 09:00:00"},
        {"id": 4, "name": "李明", "id_number": "110105199005060138", "position_code": "GRID",
         "is_committee_member": 0, "status_code": "active", "search_text": "李明", **OLD_ROW},
    ]  # fmt: skip
    volunteer = rows["volunteer"][0]
    rows["volunteer"].append(volunteer | {"id": 3, "joined_date": "2019-01-01", "team_id": None})
    rows["service_record"].append(
        rows["service_record"][1] | {"id": 3, "service_date": "2026-05-01"}
    )
    rows["service_volunteer"] += [
        {"service_id": 1, "volunteer_id": 3},  # service 1 names both copies: one link stays
        {"service_id": 3, "volunteer_id": 3},  # only the copy: the link moves to volunteer 1
    ]
    return rows


def database_with_duplicates(dest: Path) -> Path:
    return build("0005", dest, duplicate_rows())


def _query(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_upgrade_merges_duplicate_people_and_logs_it(data_dir: Path) -> None:
    path = database_with_duplicates(db_path(data_dir))
    assert read_schema_revision(path) == "0005"
    open_store(data_dir).close()
    assert read_schema_revision(path) == HEAD_REVISION

    workers = _query(path, "SELECT id, position_codes, deleted_at IS NOT NULL, employed_since, "
                           "is_committee_member FROM worker ORDER BY id")  # fmt: skip
    assert workers == [
        (1, "SEC,DIR", 0, "2012-06-01", 1),  # all posts, the earliest start
        (2, "DIR", 1, "2012-06-01", 1),  # merged: soft-deleted, nothing lost
        (3, "MEM", 1, "2015-01-01", 1),  # was deleted already: not a person to merge
        (4, "GRID", 0, None, 0),
    ]
    live_ids = _query(path, "SELECT id_number FROM worker WHERE deleted_at IS NULL")
    assert sorted(live_ids) == sorted({(SECRETARY,), ("110105199005060138",)})

    volunteers = _query(
        path, "SELECT id, deleted_at IS NOT NULL, joined_date FROM volunteer ORDER BY id"
    )
    assert volunteers == [(1, 0, "2019-01-01"), (2, 0, "2022-01-01"), (3, 1, "2019-01-01")]
    links = _query(path, "SELECT service_id, volunteer_id FROM service_volunteer ORDER BY 1, 2")
    assert links == [(1, 1), (1, 2), (3, 1)]

    log = _query(path, "SELECT action, table_name, row_id, note FROM audit_log "
                       "WHERE user = 'upgrade 0007' ORDER BY id")  # fmt: skip
    assert ("update", "worker", 1, "merged worker rows 2 (same ID number)") in log
    assert ("delete", "worker", 2, "merged into worker 1 (same ID number)") in log
    assert ("delete", "volunteer", 3, "merged into volunteer 1 (same ID number)") in log
    summary = [note for action, *_, note in log if action == "merge"]
    assert summary == [
        "upgrade 0007: merged 1 duplicate worker rows and 1 duplicate volunteer rows "
        "(same ID number)"
    ]
    assert _query(path, "PRAGMA foreign_key_check") == []

    # `commdesk check` knows the new schema: at head, every post code known.
    checked = commdesk("check", data_dir=data_dir)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_check_names_an_unknown_post_code(data_dir: Path) -> None:
    open_store(data_dir).close()
    con = sqlite3.connect(db_path(data_dir))
    with con:
        con.execute(
            "INSERT INTO worker (name, id_number, position_codes, is_committee_member, "
            "status_code, search_text, created_at, updated_at, created_by, updated_by) "
            "VALUES ('王五', '110105198001010016', 'SEC,QQ', 0, 'active', '', "
            "'2026-01-01', '2026-01-01', 'x', 'x')"
        )
    con.close()
    checked = commdesk("check", data_dir=data_dir)
    assert checked.returncode != 0
    assert "worker.position_codes" in checked.stdout + checked.stderr
    assert "QQ" in checked.stdout + checked.stderr


def test_upgrade_merges_duplicate_people_on_a_server(pg_server: Any, data_dir: Path) -> None:
    """The same data migration on PostgreSQL: same merges, same links, same log."""
    from sqlalchemy import MetaData, text

    from commdesk.store.backend import make_server_engine
    from commdesk.store.migrate import upgrade_server

    url = pg_server.create_database(empty=True)
    engine = make_server_engine(url)
    try:
        upgrade_server(engine, url, "0005")
        meta = MetaData()
        meta.reflect(engine)
        with engine.begin() as conn:
            for table, rows in duplicate_rows().items():
                for row in rows:  # one at a time: the rows do not all name the same columns
                    conn.execute(meta.tables[table].insert(), _typed(meta.tables[table], row))
            for table in (t for t in duplicate_rows() if "id" in meta.tables[t].c):
                conn.execute(text(  # rows were given their ids: move the sequences on
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"))  # fmt: skip
        open_store(data_dir, database=url).close()
        with engine.connect() as conn:

            def query(sql: str) -> list[tuple]:
                return [tuple(r) for r in conn.execute(text(sql))]

            workers = query("SELECT id, position_codes, deleted_at IS NOT NULL, "
                            "employed_since::text, is_committee_member "
                            "FROM worker ORDER BY id")  # fmt: skip
            assert workers == [(1, "SEC,DIR", False, "2012-06-01", True),
                               (2, "DIR", True, "2012-06-01", True),
                               (3, "MEM", True, "2015-01-01", True),
                               (4, "GRID", False, None, False)]  # fmt: skip
            assert query(
                "SELECT id, deleted_at IS NOT NULL, joined_date::text FROM volunteer ORDER BY id"
            ) == [(1, False, "2019-01-01"), (2, False, "2022-01-01"), (3, True, "2019-01-01")]
            links = query("SELECT service_id, volunteer_id FROM service_volunteer ORDER BY 1, 2")
            assert links == [(1, 1), (1, 2), (3, 1)]
            log = query("""SELECT action, table_name, row_id, note FROM audit_log """
                        """WHERE "user" = 'upgrade 0007' ORDER BY id""")  # fmt: skip
            assert ("update", "worker", 1, "merged worker rows 2 (same ID number)") in log
            assert ("delete", "volunteer", 3, "merged into volunteer 1 (same ID number)") in log
    finally:
        engine.dispose()
        pg_server.drop_database(url)


def _typed(table: Any, row: dict[str, object]) -> dict[str, object]:
    """The fixture's SQLite text for dates and times as Python values, for a typed server."""
    from datetime import date, datetime

    out = dict(row)
    for name, value in row.items():
        kind = type(table.c[name].type).__name__.upper()
        if isinstance(value, str) and kind == "DATE":
            out[name] = date.fromisoformat(value[:10])
        elif isinstance(value, str) and kind.startswith("TIMESTAMP"):
            out[name] = datetime.fromisoformat(value)
    return out
