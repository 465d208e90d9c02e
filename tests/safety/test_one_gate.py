"""Issue 16, item 7: the start-up password covers the command line too.

Every command that reads residents' data or writes asks for the password (a
terminal) or takes ``COMMDESK_PASSWORD`` (scripts) and refuses otherwise;
``check`` and ``--version`` stay open; ``demo --replace`` backs up first; the
import preview masks ID numbers as the window does. Through the console script.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from console_script import SHARED_FIXTURES, assert_refused, clean_env, commdesk, demo_folder

from commdesk.store import privacy
from commdesk.store.engine import db_path, open_store

ROSTER = SHARED_FIXTURES / "志愿者花名册_2024.xlsx"
PASSWORD = "四楼档案室"
FULL_ID = re.compile(r"\b\d{17}[\dXx]\b")


@pytest.fixture(scope="module")
def locked_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo folder with a start-up password, made once."""
    folder = demo_folder(tmp_path_factory.mktemp("gate") / "data", 40)
    store = open_store(folder)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(privacy, "ITERATIONS", 1000)  # behaviour, not the hash's strength
            privacy.set_password(store, PASSWORD)
    finally:
        store.close()
    return folder


@pytest.fixture
def folder(locked_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(locked_folder, copy)
    return copy


def _records(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM service_record").fetchone()[0]
    finally:
        con.close()


def test_demo_replace_needs_the_password_and_backs_up_first(folder: Path) -> None:
    before = _records(db_path(folder))
    assert before == 40
    replace = ("demo", "--replace", "--records", "7")
    line = assert_refused(commdesk(*replace, data_dir=folder))
    assert "password" in line and "COMMDESK_PASSWORD" in line
    wrong = assert_refused(
        commdesk(*replace, data_dir=folder, env=clean_env(COMMDESK_PASSWORD="guess"))
    )
    assert "wrong password" in wrong
    assert _records(db_path(folder)) == before  # nothing wiped
    assert not list((folder / "backups").glob("*.sqlite"))

    done = commdesk(*replace, data_dir=folder, env=clean_env(COMMDESK_PASSWORD=PASSWORD))
    assert done.returncode == 0, done.stderr
    saved = re.search(r"saved as (\S+\.sqlite)", done.stdout)
    assert saved, done.stdout
    assert done.stdout.index("saved as") < done.stdout.index("demo data written")
    assert _records(Path(saved.group(1))) == before  # the old ledger, kept
    assert _records(db_path(folder)) == 7


def _files(folder: Path) -> list[tuple[str, int]]:
    """Names and sizes, without the -wal/-shm a reader's look leaves."""
    return sorted(
        (p.name, p.stat().st_size)
        for p in folder.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    )


@pytest.mark.parametrize(
    "args",
    [
        ("backup",),
        ("export", "--period", "2026", "--out", "{tmp}/r.xlsx"),
        ("import", "volunteers", str(ROSTER), "--dry-run"),
        ("restore", "{backup}"),
    ],
    ids=lambda a: a[0],
)
def test_every_command_on_personal_data_asks_for_the_password(
    folder: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    backup = tmp_path / "some-backup.sqlite"
    shutil.copy(db_path(folder), backup)
    argv = [a.format(tmp=tmp_path, backup=backup) for a in args]
    before = _files(folder)
    line = assert_refused(commdesk(*argv, data_dir=folder))
    assert "password" in line
    assert not (tmp_path / "r.xlsx").exists()
    assert _files(folder) == before  # no backup, no report, nothing replaced


def test_check_and_version_stay_open(folder: Path) -> None:
    checked = commdesk("check", data_dir=folder)
    assert checked.returncode == 0 and checked.stdout.startswith("ok "), checked.stderr
    assert commdesk("--version").returncode == 0


def test_no_command_skips_the_gate_unless_it_says_so() -> None:
    from commdesk.cli.registry import Folder, commands

    open_ones = {name for name, cmd in commands().items() if not cmd.personal_data}
    assert open_ones == {"check", "consolidate"}  # integrity counts; committees' figures
    writers = {name for name, cmd in commands().items() if cmd.folder is not Folder.READS}
    assert writers <= {name for name, cmd in commands().items() if cmd.personal_data}


def test_import_preview_masks_id_numbers(tmp_path: Path) -> None:
    done = commdesk("import", "volunteers", ROSTER, "--dry-run", data_dir=tmp_path / "d")
    assert done.returncode in (0, 1), done.stderr
    assert "To add" in done.stdout
    assert not FULL_ID.findall(done.stdout)
    assert re.search(r"\b\d{6}\*{8}[\dXx]{4}\b", done.stdout)
