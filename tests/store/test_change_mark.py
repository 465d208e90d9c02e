"""The change mark cannot miss a committed change (issue 16, "backups that cost what
changed"): every way the program writes renews it, a rollback or a read does not, and
the close's decision follows it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
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


# ------------------------------------------------ writes by other programs (issue 16)
FOREIGN = (
    "UPDATE volunteer_team SET leader = '外部改' WHERE id = (SELECT min(id) FROM volunteer_team)"
)


def _foreign_write(path: Path, sql: str = FOREIGN, *, journal: str | None = None) -> None:
    """Another program's write: a plain sqlite3 connection, no change mark renewed."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        if journal:
            con.execute(f"PRAGMA journal_mode={journal}")
        con.execute("BEGIN")
        assert con.execute(sql).rowcount == 1
        con.execute("COMMIT")
    finally:
        con.close()


def _backed_up(store: Any) -> Path:
    teams.add(store, {"name": "戊队"})
    backups.auto_backup(store.data_dir)
    assert not backups.backup_needed(store.data_dir)
    return db_path(store.data_dir)


@pytest.mark.parametrize("journal", [None, "DELETE"])
def test_a_write_by_another_program_while_commdesk_is_closed(store: Any, journal: Any) -> None:
    path = _backed_up(store)
    store.close()  # no connection of ours: the other program checkpoints and removes the WAL
    _foreign_write(path, journal=journal)
    assert backups.backup_needed(store.data_dir)


def test_a_write_by_another_program_while_commdesk_reads(store: Any) -> None:
    path = _backed_up(store)
    with store.read() as s:  # our connection stays open: the write stays in the WAL
        s.execute(text("SELECT count(*) FROM volunteer_team")).scalar()
        _foreign_write(path)
        assert backups.backup_needed(store.data_dir)
    assert backups.backup_needed(store.data_dir)


def test_a_write_by_another_program_then_its_checkpoint(store: Any) -> None:
    path = _backed_up(store)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute(FOREIGN)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL is empty again
    finally:
        con.close()
    assert backups.backup_needed(store.data_dir)


def test_a_file_replaced_by_a_copy_of_itself_is_doubt(store: Any) -> None:
    path = _backed_up(store)
    store.close()
    copy = path.with_name("copy.sqlite")
    shutil.copy2(path, copy)
    os.replace(copy, path)
    assert backups.backup_needed(store.data_dir)


def test_reading_in_a_new_session_leaves_it_unchanged(store: Any) -> None:
    _backed_up(store)
    store.close()
    for _ in range(2):
        again = open_store(store.data_dir)
        try:
            teams.query(again)
            assert not backups.backup_needed(store.data_dir)
        finally:
            again.close()
        assert not backups.backup_needed(store.data_dir)


def test_a_write_during_the_copy_keeps_no_file_state(store: Any, monkeypatch: Any) -> None:
    teams.add(store, {"name": "己队"})
    copy = backups.make_backup

    def copy_then_foreign_write(data_dir: Path, dest: Path) -> Path:
        made = copy(data_dir, dest)
        _foreign_write(db_path(data_dir))
        return made

    monkeypatch.setattr(backups, "make_backup", copy_then_foreign_write)
    backups.auto_backup(store.data_dir)
    assert backups.backup_needed(store.data_dir)


def test_a_wal_a_reader_kept_from_emptying_keeps_no_file_state(store: Any) -> None:
    """A WAL left with frames could be rewritten from its start at the same size."""
    teams.add(store, {"name": "庚队"})
    con = sqlite3.connect(db_path(store.data_dir), isolation_level=None)
    try:
        con.execute("BEGIN")
        con.execute("SELECT count(*) FROM volunteer_team").fetchone()  # an old snapshot
        teams.add(store, {"name": "辛队"})  # frames the reader still needs
        backups.auto_backup(store.data_dir)
    finally:
        con.close()
    assert backups.backup_needed(store.data_dir)


def test_a_marker_from_before_the_file_state_means_backing_up(store: Any) -> None:
    _backed_up(store)
    marker = store.data_dir / "backups" / "last-verified.json"
    state = json.loads(marker.read_text(encoding="utf-8"))
    del state["live"]
    marker.write_text(json.dumps(state), encoding="utf-8")
    assert backups.backup_needed(store.data_dir)
