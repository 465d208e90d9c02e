"""Each message says what actually happened (issue 16, item 10), through the installed
console script: a database at an older or newer schema, someone else's SQLite file, an
intact file with inconsistent data and a folder in the database's place are not
"damaged", and the message says what to do; an empty file is called empty. A file this
program cannot use is left exactly as it was (no upgrade attempt, no copy)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from console_script import REPO, assert_refused, commdesk, demo_folder

from commdesk.store.lock import WINDOW, acquire
from commdesk.store.schema_version import HEAD_REVISION

OLD_FIXTURE = REPO / "tests" / "store" / "fixtures" / "schema_0002.sqlite"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("schema") / "data", 30)


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            con.execute(statement)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def _revision(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def test_an_older_schema_is_not_damaged_and_the_way_it_names_upgrades_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(OLD_FIXTURE, data / "commdesk.sqlite")
    line = assert_refused(commdesk("check", data_dir=data))
    assert "database damaged" not in line
    assert "schema 0002, older than" in line and f"CommDesk's {HEAD_REVISION}" in line
    assert "not damaged" in line and "roster" in line
    assert "commdesk.sqlite.before-upgrade-0002" in line
    # what the message promises: a command that reads the records upgrades it, copy kept
    done = commdesk("roster", "volunteers", "--out", tmp_path / "r.pdf", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert _revision(data / "commdesk.sqlite") == HEAD_REVISION
    assert _revision(data / "commdesk.sqlite.before-upgrade-0002") == "0002"
    assert commdesk("check", data_dir=data).returncode == 0


def test_a_newer_schema_is_not_damaged_and_is_left_alone(demo: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(demo, data)
    _sql(data / "commdesk.sqlite", "UPDATE alembic_version SET version_num = '0099'")
    before = (data / "commdesk.sqlite").read_bytes()
    checked = assert_refused(commdesk("check", data_dir=data))
    exported = assert_refused(
        commdesk("export", "--period", "2026Q3", "--out", tmp_path / "r.xlsx", data_dir=data)
    )
    for line in (checked, exported):
        assert "newer or unknown CommDesk version (schema 0099" in line, line
        assert f"knows up to {HEAD_REVISION}" in line and "not damaged" in line
        assert "database damaged" not in line and "upgrade failed" not in line
    assert (data / "commdesk.sqlite").read_bytes() == before
    assert not list(data.glob("*before-upgrade*"))  # no copy made for an upgrade never tried
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize(
    "command",
    [("check",), ("roster", "volunteers", "--out"), ("export", "--period", "2026Q3", "--out")],
)
def test_another_programs_sqlite_file_is_not_damaged_and_not_made_ours(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _sql(data / "commdesk.sqlite", "CREATE TABLE notes (x)", "INSERT INTO notes VALUES ('mine')")
    out = [tmp_path / ("r.xlsx" if command[0] == "export" else "r.pdf")]
    line = assert_refused(
        commdesk(*command, *(out if command[-1] == "--out" else []), data_dir=data)
    )
    assert "commdesk.sqlite is not a CommDesk database" in line and "left as it is" in line
    assert "damaged" not in line
    con = sqlite3.connect(data / "commdesk.sqlite")
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    finally:
        con.close()
    assert tables == ["notes"]  # no CommDesk tables added to someone else's file
    assert not list(data.glob("*before-upgrade*"))


def test_inconsistent_data_in_an_intact_file_is_not_damage(demo: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(demo, data)
    _sql(data / "commdesk.sqlite", "UPDATE service_record SET search_text = 'changed outside'")
    line = assert_refused(commdesk("check", data_dir=data))
    assert "file is intact, but its data has problems" in line
    assert "wrong search key" in line and "damaged" not in line


@pytest.mark.parametrize(
    "command", [("check",), ("backup",), ("export", "--period", "2026Q3", "--out")]
)
def test_a_folder_where_the_database_belongs_is_a_folder(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    data = tmp_path / "data"
    (data / "commdesk.sqlite").mkdir(parents=True)
    out = [tmp_path / "r.xlsx"] if command[-1] == "--out" else []
    line = assert_refused(commdesk(*command, *out, data_dir=data))
    assert "commdesk.sqlite is a folder, not a database file" in line, line
    assert "damaged" not in line and "does not exist" not in line
    assert (data / "commdesk.sqlite").is_dir()  # not moved aside


def test_an_empty_database_file_is_called_empty(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "commdesk.sqlite").write_bytes(b"")
    for command in (("check",), ("backup",)):
        line = assert_refused(commdesk(*command, data_dir=data))
        assert "commdesk.sqlite is empty (0 bytes)" in line, line
        assert "not a SQLite database" not in line


def test_a_reader_does_not_upgrade_an_older_database_under_another_window(
    tmp_path: Path,
) -> None:
    """Reading commands run beside the window, but upgrading an older schema is a write:
    while another program (an older CommDesk's window) holds the folder, the reader
    refuses in one line and the file stays as it was; once the folder is free it upgrades."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(OLD_FIXTURE, data / "commdesk.sqlite")
    out = tmp_path / "r.pdf"
    lock = acquire(data, WINDOW)
    try:
        line = assert_refused(commdesk("roster", "volunteers", "--out", out, data_dir=data))
    finally:
        lock.release()
    assert "in use by the CommDesk window" in line and "older schema" in line, line
    assert "commdesk roster" in line, line
    assert _revision(data / "commdesk.sqlite") == "0002"
    assert not (data / "commdesk.sqlite.before-upgrade-0002").exists()
    assert not out.exists()
    done = commdesk("roster", "volunteers", "--out", out, data_dir=data)
    assert done.returncode == 0, done.stderr
    assert _revision(data / "commdesk.sqlite") == HEAD_REVISION
