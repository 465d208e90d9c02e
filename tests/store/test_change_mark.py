"""The change mark cannot miss a committed change (issue 16, "backups that cost what
changed"): every way the program writes renews it, a rollback or a read does not, and
the close's decision follows it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from commdesk.store import backups
from commdesk.store.change_mark import read_mark
from commdesk.store.demo import generate
from commdesk.store.engine import db_path, open_store
from commdesk.store.services.volunteers import teams

# The change mark decides the SQLite file's backup on close (a server backs up itself).
pytestmark = pytest.mark.sqlite_only


def test_unchanged_after_a_backup_then_one_row_changes(store: Any) -> None:
    row = teams.add(store, {"name": "甲队"})
    assert backups.backup_needed(store.data_dir)  # no backup yet
    backups.auto_backup(store.data_dir)
    assert not backups.backup_needed(store.data_dir)
    teams.query(store)  # reading changes nothing
    assert not backups.backup_needed(store.data_dir)
    teams.update(store, row, {"leader": "王"})  # one row, one field
    assert backups.backup_needed(store.data_dir)


def test_a_rolled_back_write_leaves_the_mark(store: Any) -> None:
    backups.auto_backup(store.data_dir)
    before = read_mark(db_path(store.data_dir))
    with pytest.raises(RuntimeError), store.write() as s:
        s.execute(text("UPDATE volunteer_team SET leader = 'x'"))
        s.execute(text("INSERT INTO app_setting (key, value) VALUES ('k', 'v')"))
        raise RuntimeError("the clerk's action failed half-way")
    assert read_mark(db_path(store.data_dir)) == before
    assert not backups.backup_needed(store.data_dir)


@pytest.mark.parametrize(
    "write",
    [
        "INSERT INTO app_setting (key, value) VALUES ('a', 'b')",
        "DELETE FROM volunteer_team",
        "CREATE TABLE scratch (x)",  # a schema change, no row counted
    ],
)
def test_every_engine_transaction_that_writes_renews_it(store: Any, write: str) -> None:
    teams.add(store, {"name": "乙队"})
    backups.auto_backup(store.data_dir)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(write)
    assert backups.backup_needed(store.data_dir)


def test_the_raw_demo_writer_renews_it(store: Any) -> None:
    backups.auto_backup(store.data_dir)
    generate(store, records=20, seed=3)
    assert backups.backup_needed(store.data_dir)


def test_a_restored_older_backup_is_not_the_last_one(store: Any) -> None:
    teams.add(store, {"name": "丙队"})
    kept = backups.auto_backup(store.data_dir).path
    older = shutil.copy(kept, store.data_dir.parent / "older.sqlite")  # rotation may drop it
    teams.add(store, {"name": "丁队"})
    backups.auto_backup(store.data_dir)
    store.close()
    from commdesk.store.maintenance import restore

    restore(store.data_dir, older)
    assert backups.backup_needed(store.data_dir)


def test_a_missing_or_replaced_backup_means_backing_up(store: Any) -> None:
    outcome = backups.auto_backup(store.data_dir)
    assert not backups.backup_needed(store.data_dir)
    outcome.path.unlink()
    assert backups.backup_needed(store.data_dir)


def test_a_database_at_0007_gets_the_mark(tmp_path: Path) -> None:
    from commdesk.store.migrate import upgrade

    path = tmp_path / "data" / "commdesk.sqlite"
    path.parent.mkdir()
    upgrade(path, "0007")
    assert read_mark(path) is None  # no table yet: any close backs up
    store = open_store(path.parent)
    try:
        assert read_mark(path) is not None
        backups.auto_backup(path.parent)
        assert not backups.backup_needed(path.parent)
    finally:
        store.close()
