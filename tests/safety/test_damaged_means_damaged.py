"""Issue 16, item 6: only real damage moves a database aside or stops the writers.

A lock held by another program, files of another account and a read-only folder
are reported as what they are and the file stays; a bit-flipped database stops
``export`` and ``import``; a database emptied or lost where one existed is never
rebuilt empty. Through the installed console script, and the window's start-up
check in-process.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from console_script import SHARED_FIXTURES, assert_refused, clean_env, commdesk, commdesk_exe
from console_script import demo_folder as made_demo

from commdesk.store.engine import db_path

ROSTER = SHARED_FIXTURES / "志愿者花名册_2024.xlsx"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo data folder with one backup, made once through the console script."""
    folder = made_demo(tmp_path_factory.mktemp("demo") / "data", 40)
    backed = commdesk("backup", data_dir=folder)
    assert backed.returncode == 0, backed.stderr
    return folder


@pytest.fixture
def folder(demo_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(demo_folder, copy)
    (copy / "commdesk.lock").unlink(missing_ok=True)
    return copy


def _records(folder: Path) -> int:
    con = sqlite3.connect(f"file:{db_path(folder)}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM service_record").fetchone()[0]
    finally:
        con.close()


def _set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob("commdesk.damaged-*.sqlite"))


def _export(folder: Path, out: Path) -> Any:
    return commdesk("export", "--period", "2026", "--out", out, data_dir=folder)


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """A second program's connection holding ``BEGIN EXCLUSIVE``.

    In WAL mode an exclusive transaction alone still lets readers in; the
    exclusive locking mode (what a tool opening the file with its own journal
    mode does) keeps every other connection out, as the issue measured.
    """
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA locking_mode=EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        con.execute("ROLLBACK")
        con.close()


def test_a_locked_database_is_in_use_not_damaged(
    folder: Path, tmp_path: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from commdesk.ui import backup_dialogs, startup

    shown: list[str] = []
    offered: list[object] = []

    class NoDamageDialog:
        QUIT, EMPTY = 3, 2

        def __init__(self, recovery: object, *_a: object) -> None:
            offered.append(recovery)
            self.choice = self.QUIT

        def exec(self) -> int:
            return 0

    monkeypatch.setattr(backup_dialogs, "DamagedDialog", NoDamageDialog)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    records = _records(folder)
    with exclusive_lock(db_path(folder)):
        line = assert_refused(commdesk("check", data_dir=folder))
        assert "in use" in line and "locked" in line and "damaged" not in line
        line = assert_refused(_export(folder, tmp_path / "r.xlsx"))
        assert "in use" in line
        assert not startup.check_database(folder, None)  # the window does not start
    assert offered == [] and _set_aside(folder) == []
    assert len(shown) == 1 and "in use" in shown[0]
    assert _records(folder) == records
    assert not (tmp_path / "r.xlsx").exists()


def _without_root_powers() -> list[str]:
    """Root ignores file modes: drop that power for the child, as a clerk's login lacks it."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def _run_as_clerk(folder: Path, *args: str) -> Any:
    import subprocess

    return subprocess.run(
        [*_without_root_powers(), commdesk_exe(), "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean_env(),
        stdin=subprocess.DEVNULL,
    )


def test_a_read_only_folder_is_reported_and_nothing_moves(folder: Path, tmp_path: Path) -> None:
    path = db_path(folder)
    for suffix in ("-wal", "-shm"):  # as a clean close leaves it: SQLite must make them anew
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    folder.chmod(0o500)
    try:
        checked = assert_refused(_run_as_clerk(folder, "check"))
        exported = assert_refused(
            _run_as_clerk(folder, "export", "--period", "2026", "--out", str(tmp_path / "r.xlsx"))
        )
    finally:
        folder.chmod(0o700)
    assert "read-only" in checked and "damaged" not in checked
    assert "Permission denied" in exported and "damaged" not in exported  # its lock file
    assert db_path(folder).is_file() and _set_aside(folder) == []


def test_wal_and_shm_of_another_account_are_reported_not_damage(folder: Path) -> None:
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("giving files to another account needs root")
    path = db_path(folder)
    con = sqlite3.connect(path)  # a reader left the -wal and -shm behind
    con.execute("SELECT count(*) FROM volunteer").fetchone()
    sides = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    try:
        for side in sides:
            assert side.exists()
            os.chown(side, 65534, 65534)
            side.chmod(0o600)
        line = assert_refused(_run_as_clerk(folder, "check"))
    finally:
        con.close()
    assert "permissions" in line and "damaged" not in line
    assert path.is_file() and _set_aside(folder) == []


def _flip_bits(path: Path, count: int = 30, seed: int = 2) -> None:
    """Random bit flips in the last pages: the schema stays readable, the data does not.

    A flip that makes the schema unreadable (its pages can lie at the end too: the
    triggers of a late migration) is undone and another offset drawn.
    """
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    flipped = 0
    while flipped < count:
        offset = rng.randrange(len(data) * 7 // 10, len(data))
        bit = 1 << rng.randrange(8)
        data[offset] ^= bit
        path.write_bytes(bytes(data))
        if _schema_readable(path):
            flipped += 1
        else:
            data[offset] ^= bit
    path.write_bytes(bytes(data))


def _schema_readable(path: Path) -> bool:
    con = sqlite3.connect(path)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlite3.DatabaseError as exc:
        return "schema" not in str(exc)
    finally:
        con.close()


def test_a_bit_flipped_database_stops_every_writer(folder: Path, tmp_path: Path) -> None:
    _flip_bits(db_path(folder))
    assert "SQLite found damage" in assert_refused(commdesk("check", data_dir=folder))
    before = db_path(folder).read_bytes()
    export = assert_refused(_export(folder, tmp_path / "r.xlsx"))
    imported = assert_refused(
        commdesk("import", "volunteers", ROSTER, "--report", tmp_path / "x.xlsx", data_dir=folder)
    )
    for line in (export, imported):
        assert "damaged" in line and "commdesk restore" in line and "nothing was written" in line
    assert db_path(folder).read_bytes() == before
    assert not (tmp_path / "r.xlsx").exists()


def test_restore_repairs_a_damaged_database(folder: Path) -> None:
    _flip_bits(db_path(folder))
    backup = next((folder / "backups").glob("*.sqlite"))
    done = commdesk("restore", backup, data_dir=folder)
    assert done.returncode == 0, done.stderr
    assert commdesk("check", data_dir=folder).returncode == 0
    assert len(_set_aside(folder)) == 1  # the damaged file kept, not copied or deleted


@pytest.mark.parametrize("how", ["zero bytes", "missing"])
def test_a_lost_database_is_never_rebuilt_empty(folder: Path, tmp_path: Path, how: str) -> None:
    assert (folder / "commdesk.created").is_file()  # written when demo created the database
    path = db_path(folder)
    if how == "zero bytes":
        path.write_bytes(b"")
    else:
        path.unlink()
    backup = next((folder / "backups").glob("*.sqlite"))
    export = assert_refused(_export(folder, tmp_path / "r.xlsx"))
    imported = assert_refused(
        commdesk("import", "volunteers", ROSTER, "--report", tmp_path / "x.xlsx", data_dir=folder)
    )
    for line in (export, imported):
        assert f"commdesk restore {backup}" in line
    assert (path.stat().st_size == 0) if how == "zero bytes" else not path.exists()


def test_a_fresh_folder_is_still_created(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    report = tmp_path / "rejected.xlsx"
    done = commdesk("import", "volunteers", ROSTER, "--report", report, data_dir=folder)
    assert done.returncode in (0, 1), done.stderr
    assert db_path(folder).stat().st_size > 0 and (folder / "commdesk.created").is_file()


def test_the_window_offers_the_newest_backup_for_an_emptied_database(
    folder: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from commdesk.ui import backup_dialogs, startup

    offered: list[Any] = []

    class Quit:
        QUIT, EMPTY = 3, 2

        def __init__(self, recovery: Any, *_a: object) -> None:
            offered.append(recovery)
            self.choice = self.QUIT

        def exec(self) -> int:
            return 0

    monkeypatch.setattr(backup_dialogs, "DamagedDialog", Quit)
    db_path(folder).write_bytes(b"")
    assert not startup.check_database(folder, None)
    backup = next((folder / "backups").glob("*.sqlite"))
    assert len(offered) == 1 and offered[0].offer.path == backup
    assert db_path(folder).stat().st_size == 0 and _set_aside(folder) == []
