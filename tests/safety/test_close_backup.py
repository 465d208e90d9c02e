"""A close copies the database only when it changed since the last verified backup,
on a worker behind a dialog that says so; the start-up check after a crash likewise
(issue 16, "backups that cost what changed"). Real GUI sessions in a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from console_script import commdesk_exe
from other_program import other_program
from zh_catalogue import translated

SESSION = Path(__file__).with_name("close_session.py")
# The session runs in the shipped language (Chinese): the dialogs' texts as the clerk reads them.
CHECKING = (
    "BUSY: "
    + translated()[
        "Checking the database for damage before opening it (the last session did not "
        "close normally)…"
    ]
)
SAVING = "BUSY: " + translated()["Saving a backup of your data before closing…"]


def session(data: Path, *extra: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COMMDESK_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, str(SESSION), str(data), *extra],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert done.returncode == 0 and "CLOSING" in done.stdout, done.stdout + done.stderr[-3000:]
    return done.stdout


def autos(data: Path) -> set[str]:
    return {p.name for p in (data / "backups").glob("commdesk-auto-*.sqlite")}


def test_close_backs_up_only_what_changed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    script = Path(sys.executable).with_name("commdesk")
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "commdesk"]
    made = subprocess.run(
        [*exe, "--data-dir", str(data), "demo", "--records", "300"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr

    first = session(data)  # no clean close yet: the full check, on a worker; then a backup
    assert CHECKING in first and SAVING in first
    after_first = autos(data)
    assert len(after_first) == 1

    quiet = session(data)  # nothing changed: no check of every page, no copy
    assert CHECKING not in quiet and SAVING not in quiet
    assert autos(data) == after_first

    changed = session(data, "change")  # one field of one row
    assert SAVING in changed
    assert autos(data) != after_first  # a new copy (rotation keeps one a day)
    newest = max(autos(data))
    con = sqlite3.connect(data / "backups" / newest)
    try:
        leaders = [r[0] for r in con.execute("SELECT leader FROM volunteer_team")]
    finally:
        con.close()
    assert any(leader and leader.endswith("改") for leader in leaders)  # the change is in it


def _leaders(backup: Path) -> list[str]:
    con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT leader FROM volunteer_team")]
    finally:
        con.close()


def _backed_up_once(tmp_path: Path) -> Path:
    """A demo folder whose first close took a verified backup."""
    data = tmp_path / "data"
    made = subprocess.run(
        [commdesk_exe(), "--data-dir", str(data), "demo", "--records", "300"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    session(data)
    assert len(autos(data)) == 1
    return data


def test_a_write_by_another_program_while_closed_is_backed_up(tmp_path: Path) -> None:
    data = _backed_up_once(tmp_path)
    other_program(data, "关闭时外改")
    closed = session(data)
    assert SAVING in closed
    assert "关闭时外改" in _leaders(data / "backups" / max(autos(data)))
    assert SAVING not in session(data)  # backed up: the next close copies nothing


def test_a_write_by_another_program_while_open_is_backed_up(tmp_path: Path) -> None:
    data = _backed_up_once(tmp_path)
    kept = autos(data)
    during = session(data, "foreign=运行时外改")  # a second connection while it runs
    assert SAVING in during
    assert autos(data) != kept
    assert "运行时外改" in _leaders(data / "backups" / max(autos(data)))


def test_browsing_every_page_copies_nothing(tmp_path: Path) -> None:
    data = _backed_up_once(tmp_path)
    kept = autos(data)
    browsed = session(data, "browse")  # every page looked at, nothing written
    assert "BROWSED 9" in browsed and SAVING not in browsed
    assert autos(data) == kept
