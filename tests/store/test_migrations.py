"""Migrations: the schema comes only from Alembic, upgrades lose nothing, failures roll back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from commdesk.store import migrate
from commdesk.store.engine import StoreError, db_path, open_store, read_schema_revision
from commdesk.store.maintenance import known_revisions
from commdesk.store.schema_version import HEAD_REVISION

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Columns a revision renamed, old name → new name (0007: one post → the posts, "SEC").
RENAMED = {("worker", "position_code"): "position_codes"}


def _dump(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        out = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
            out[t] = (cols, sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
        return out
    finally:
        con.close()


def test_head_constant_matches_alembic_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == HEAD_REVISION
    assert known_revisions()[-1] == HEAD_REVISION


def test_new_database_is_made_by_migrations_and_matches_models(data_dir: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from commdesk.store.models import Base

    store = open_store(data_dir)
    try:
        assert read_schema_revision(store.path) == HEAD_REVISION
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
            sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    finally:
        store.close()
    assert diff == [], f"models and migrations differ: {diff}"
    assert mode == "wal"
    assert fks == 1
    assert sync == 2  # FULL


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_*.sqlite")), ids=lambda p: p.stem)
def test_fixture_database_upgrades_to_head_without_loss(fixture: Path, data_dir: Path) -> None:
    target = db_path(data_dir)
    shutil.copy(fixture, target)
    before = _dump(target)
    assert sum(len(rows) for _, rows in before.values()) > 0
    assert all(rows for _, rows in before.values()), "fixture must have rows in every table"
    store = open_store(data_dir)
    store.close()
    assert read_schema_revision(target) == HEAD_REVISION
    after = _dump(target)
    for table, (cols, rows) in before.items():
        assert table in after, f"table {table} vanished"
        new_cols, new_rows = after[table]
        cols = [RENAMED.get((table, c), c) for c in cols]
        keep = [new_cols.index(c) for c in cols if c in new_cols]
        assert len(keep) == len(cols), f"{table}: columns dropped"
        projected = sorted((tuple(r[i] for i in keep) for r in new_rows), key=repr)
        assert projected == rows, f"{table}: rows changed"


def _broken_migrations(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder)
    (folder / "versions" / "9999_extra.py").write_text(
        f'''"""A revision after head (it may fail half-way)."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{HEAD_REVISION}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
''',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    "body",
    [
        # DDL then a crash: the new table must not survive.
        '    op.create_table("half", sa.Column("id", sa.Integer, primary_key=True))\n'
        "    op.execute(\"UPDATE volunteer SET name = 'changed'\")\n"
        '    raise RuntimeError("boom")',
        # A batch rebuild that leaves a dangling foreign key: caught by foreign_key_check.
        '    op.execute("INSERT INTO volunteer (name, id_number, team_id, platform_registered, '
        "status_code, search_text, created_at, updated_at, created_by, updated_by) VALUES "
        "('x', '1', 999, 0, 'active', '', '2026-01-01', '2026-01-01', '', '')\")\n"
        '    with op.batch_alter_table("volunteer") as b:\n'
        '        b.add_column(sa.Column("extra", sa.Text))',
    ],
    ids=["exception", "foreign-key-violation"],
)
def test_failed_upgrade_leaves_database_as_before(
    body: str, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = db_path(data_dir)
    shutil.copy(FIXTURES / "schema_0001.sqlite", target)
    before = _dump(target)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", _broken_migrations(tmp_path, body))
    with pytest.raises(StoreError):
        migrate.upgrade(target)
    assert read_schema_revision(target) == "0001"
    assert _dump(target) == before
    # The batch rebuild must not have cascaded: service links are all still there.
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM service_volunteer").fetchone()[0] == 2
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_upgrade_keeps_a_copy_of_the_old_file(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = db_path(data_dir)
    shutil.copy(FIXTURES / "schema_0001.sqlite", target)
    folder = _broken_migrations(
        tmp_path, '    op.create_table("ok_table", sa.Column("id", sa.Integer, primary_key=True))'
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    migrate.upgrade(target)
    assert read_schema_revision(target) == "9999"
    copies = list(data_dir.glob("*.before-upgrade-0001"))
    assert len(copies) == 1
    assert read_schema_revision(copies[0]) == "0001"


def test_upgrade_to_0003_links_every_service_record_to_a_search_key(data_dir: Path) -> None:
    from commdesk.store.search_keys import mismatched
    from commdesk.store.services.base import Query
    from commdesk.store.services.service_records import service_records

    shutil.copy(FIXTURES / "schema_0002.sqlite", db_path(data_dir))
    store = open_store(data_dir)
    try:
        with store.read() as s:
            assert mismatched(s) == 0
        assert [r["id"] for r in service_records.query(store, Query(search="理发"))] == [1]
        assert service_records.count(store, Query(search="0014")) == 1
    finally:
        store.close()


def test_upgrade_to_0006_counts_the_volunteers_of_every_service_record(data_dir: Path) -> None:
    """Named volunteers are counted; a volunteer or team provider without names counts 1."""
    target = db_path(data_dir)
    shutil.copy(FIXTURES / "schema_0004.sqlite", target)
    con = sqlite3.connect(target)
    with con:
        stamp = "2026-01-01 08:00:00"
        for row_id, provider in ((3, "VOL"), (4, "STAFF"), (5, "TEAM"), (6, "SORG")):
            con.execute(
                "INSERT INTO service_record (id, service_date, category_code, "
                "target_group_code, people_served, provider_kind_code, channel_code, "
                "search_text, created_at, updated_at, created_by, updated_by) "
                "VALUES (?, '2026-05-01', 'WM01', 'GEN', 1, ?, 'SITE', '', ?, ?, 'c', 'c')",
                (row_id, provider, stamp, stamp),
            )
        con.execute("INSERT INTO service_volunteer (service_id, volunteer_id) VALUES (4, 1)")
        con.execute("INSERT INTO service_volunteer (service_id, volunteer_id) VALUES (5, 2)")
    con.close()
    open_store(data_dir).close()
    assert read_schema_revision(target) == HEAD_REVISION
    con = sqlite3.connect(target)
    counts = dict(con.execute("SELECT id, volunteer_count FROM service_record").fetchall())
    con.close()
    # 1: a team with two named; 2: staff (deleted), none; 3: volunteers, none named;
    # 4: staff with one named; 5: a team with one named; 6: a social organisation alone.
    assert counts == {1: 2, 2: 0, 3: 1, 4: 1, 5: 1, 6: 0}
