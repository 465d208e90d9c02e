"""Backup, restore and check on real database files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from commdesk.store.engine import StoreError, db_path, open_store
from commdesk.store.maintenance import backup, check_file, restore, row_counts
from commdesk.store.services.volunteers import teams

# Backup, restore and check work on the data folder's SQLite file.
pytestmark = pytest.mark.sqlite_only


def _fill(store: Any, n: int = 3) -> None:
    for i in range(n):
        teams.add(store, {"name": f"队伍{i}"})


def _corrupt(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 16 : offset + 400] = b"\xde\xad\xbe\xef" * 96
    path.write_bytes(bytes(data))


def test_check_ok_on_fresh_store(store_with_profile: Any) -> None:
    _fill(store_with_profile)
    report = check_file(store_with_profile.path)
    assert report.ok, report.problems
    assert report.counts["volunteer_team"] == 3
    assert report.counts["community"] == 1


def test_check_reports_damage_unknown_codes_and_missing_file(store: Any, tmp_path: Path) -> None:
    _fill(store, 40)
    store.close()
    broken = tmp_path / "broken.sqlite"
    shutil.copy(store.path, broken)
    _corrupt(broken)
    assert not check_file(broken).ok
    assert not check_file(tmp_path / "missing.sqlite").ok
    text = tmp_path / "text.sqlite"
    text.write_text("not a database", encoding="utf-8")
    assert "not a SQLite database" in check_file(text).problems[0]
    con = sqlite3.connect(store.path)
    con.execute("UPDATE volunteer_team SET name = name")  # still fine
    con.execute(
        "INSERT INTO facility (name, type_code, status_code, barrier_free, self_service_terminal, "
        "smart_services, search_text, created_at, updated_at, created_by, updated_by) VALUES "
        "('x', 'F77', 'in_use', 0, 0, 0, '', '2026-01-01', '2026-01-01', '', '')"
    )
    con.commit()
    con.close()
    report = check_file(store.path)
    assert any("F77" in p for p in report.findings) and not report.problems


def test_check_reports_stale_search_keys_and_an_old_schema(store: Any, tmp_path: Path) -> None:
    from commdesk.store.services.service_records import service_records

    service_records.add(store, {"service_date": "2026-03-01", "category_code": "WM01"})
    assert check_file(store.path).ok
    store.close()
    con = sqlite3.connect(store.path)
    con.execute("UPDATE service_record SET search_text = '改过'")  # behind the program's back
    con.commit()
    con.close()
    assert check_file(store.path).findings == ["service records with a wrong search key: 1"]
    old = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema_0002.sqlite", old)
    report = check_file(old)
    assert not report.problems and "older than" in report.schema and "upgrade" in report.schema


def test_backup_is_verified_copy_and_restore_round_trips(store: Any, tmp_path: Path) -> None:
    _fill(store, 5)
    out = backup(store.data_dir, tmp_path / "b.sqlite")
    assert out.exists()
    assert not list(tmp_path.glob(".*part"))
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    counts = row_counts(out)
    _fill(store, 2)  # diverge after the backup
    store.close()
    result = restore(store.data_dir, out)
    assert result.counts == counts
    assert result.safety_backup is not None and result.safety_backup.exists()
    assert row_counts(result.safety_backup)["volunteer_team"] == 7
    reopened = open_store(store.data_dir)
    assert teams.count(reopened) == 5
    reopened.close()


def test_backup_default_location_in_data_folder(store: Any) -> None:
    out = backup(store.data_dir)
    assert out.parent == store.data_dir / "backups"
    assert check_file(out).ok


@pytest.mark.parametrize("content", [b"", b"hello", b"SQLite format 3\x00" + b"\x00" * 100])
def test_restore_refuses_non_database_and_keeps_current(
    store: Any, tmp_path: Path, content: bytes
) -> None:
    _fill(store, 2)
    before = db_path(store.data_dir).read_bytes()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with pytest.raises(StoreError):
        restore(store.data_dir, bad)
    assert db_path(store.data_dir).read_bytes() == before
    assert teams.count(store) == 2


def test_restore_refuses_foreign_sqlite_file(store: Any, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a CommDesk database"):
        restore(store.data_dir, other)


def test_backup_to_unwritable_place_fails_cleanly(store: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot write the backup"):
        backup(store.data_dir, blocker / "b.sqlite")
    assert blocker.read_text(encoding="utf-8") == "x"
