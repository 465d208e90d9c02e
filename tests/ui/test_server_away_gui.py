"""The window started on a server that is away: a dialog naming it, with 重试 / 打开最近的
本机备份（只读） / 退出; the read-only copy shows a banner and refuses every write."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from console_script import clean_env

AWAY = "postgresql+psycopg://clerk:s3cret@127.0.0.1:1/cd001"  # nothing listens on port 1
# The clerk's start (commdesk.cli.main, no command), in a fresh interpreter; a timer reads
# the server-away dialog aloud and presses the button named by DRIVER_ANSWER, as the clerk
# would; in the window that opens it reads the banner and tries to write.
DRIVER = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

app = QApplication(sys.argv[:1])
ANSWER = os.environ["DRIVER_ANSWER"]

def look():
    from commdesk.ui.main_window import MainWindow
    from commdesk.ui.server_away import ServerAwayDialog
    from commdesk.ui.sign_in import SignInDialog

    box = QApplication.activeModalWidget()
    if isinstance(box, SignInDialog):
        print("ASKED:", " ".join(t.text() for t in box.findChildren(QLabel)), flush=True)
        box.password.setText(os.environ["DRIVER_PASSWORD"])
        box.sign_in_button.click()
    elif isinstance(box, ServerAwayDialog):
        text = box.findChild(QLabel, "serverAwayMessage").text()
        print("AWAY:", " ".join(text.split()), flush=True)
        print("COPY OFFERED:", box.read_only_button.isEnabled(), flush=True)
        (box.read_only_button if ANSWER == "read-only" else box.quit_button).click()
    elif isinstance(box, QMessageBox):
        print("MESSAGE:", " ".join(box.text().split()), flush=True)
        box.button(QMessageBox.StandardButton.Ok).click()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
             and w.isVisible()]
    if shown:
        QTimer.singleShot(200, lambda: inspect(shown[0]))
    else:
        QTimer.singleShot(50, look)

def inspect(window):
    from commdesk.store.services.volunteers import teams
    from commdesk.ui.errors import user_message

    if ANSWER == "password":
        print("ON SERVER:", window.ctx.store.is_server, flush=True)
        window.close()
        return
    print("BANNER:", window.findChild(QLabel, "readOnlyText").text(), flush=True)
    for name in ("new", "delete", "import", "paste_rows", "backups"):
        action = getattr(window, "act_" + name)
        print("ACTION:", name, action.isVisible(), action.isEnabled(), flush=True)
    page = window.ledger_pages["teams"]
    print("NEW BUTTON:", page.new_button.isVisible(), flush=True)
    print("ROWS:", [t["name"] for t in teams.query(window.ctx.store)], flush=True)
    try:
        teams.add(window.ctx.store, {"name": "written"})
    except Exception as exc:
        print("REFUSED:", user_message(exc), flush=True)
    window.close()

QTimer.singleShot(50, look)
from commdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start(
    data: Path, answer: str, database: str | None = AWAY, **env: str
) -> subprocess.CompletedProcess[str]:
    """The clerk's start; ``database=None``: no --database (the saved choice, if any)."""
    chosen = ["--database", database] if database else []
    return subprocess.run(
        [sys.executable, "-c", DRIVER, "--data-dir", str(data), *chosen],
        capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
        env=clean_env(DRIVER_ANSWER=answer, **env),
    )  # fmt: skip


def lines(result: subprocess.CompletedProcess[str], prefix: str) -> list[str]:
    return [line[len(prefix) :].strip() for line in result.stdout.splitlines()
            if line.startswith(prefix)]  # fmt: skip


def test_start_on_a_server_that_is_away_names_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = start(data, "quit")
    assert result.returncode == 2, result.stdout + result.stderr
    away = lines(result, "AWAY:")
    assert len(away) == 1, result.stdout + result.stderr
    assert "cd001" in away[0] and "127.0.0.1:1" in away[0], away
    assert lines(result, "COPY OFFERED:") == ["False"]  # no copy of this server yet
    assert "s3cret" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (data / "commdesk.sqlite").exists()


def _copy_of_away_server(pg_server: Any, data: Path, profile_data: dict[str, Any]) -> Path:
    """A copy written the way the close writes one, then named as the away server's."""
    from commdesk.store.engine import open_store
    from commdesk.store.server_backups import PREFIX, copy_server, server_tag
    from commdesk.store.services.profile import save_profile
    from commdesk.store.services.volunteers import teams

    url = pg_server.create_database()
    store = open_store(data, database=url)
    try:
        save_profile(store, profile_data)
        teams.add(store, {"name": "Night patrol"})
    finally:
        store.close()
    copy = copy_server(data, url, datetime(2026, 12, 3, 17, 45, 0))
    pg_server.drop_database(url)
    return copy.rename(copy.with_name(f"{PREFIX}-{server_tag(AWAY)}-20261203-174500.sqlite"))


def test_read_only_copy_when_the_server_is_away(
    pg_server: Any, tmp_path: Path, profile_data: dict[str, Any]
) -> None:
    data = tmp_path / "data"
    copy = _copy_of_away_server(pg_server, data, profile_data)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    result = start(data, "read-only")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert lines(result, "COPY OFFERED:") == ["True"], out
    banner = lines(result, "BANNER:")
    assert banner and "cd001" in banner[0] and "2026-12-03 17:45" in banner[0], out
    assert "Read-only" in banner[0] or "只读" in banner[0], banner
    assert lines(result, "ROWS:") == ["['Night patrol']"], out  # the copy is readable
    for name in ("new", "delete", "import", "paste_rows", "backups"):
        assert f"{name} False False" in lines(result, "ACTION:"), out
    assert lines(result, "NEW BUTTON:") == ["False"], out
    refused = lines(result, "REFUSED:")
    assert refused and ("read-only" in refused[0] or "只读" in refused[0]), out
    assert "Traceback" not in result.stderr and "s3cret" not in out
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before  # nothing written to it
    assert not (data / "commdesk.sqlite").exists()


def test_the_read_only_store_refuses_writes_itself(
    pg_server: Any, tmp_path: Path, profile_data: dict[str, Any]
) -> None:
    """Below the window: SQLite itself refuses, whatever a page might still try."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from commdesk.store.server_backups import open_read_only
    from commdesk.store.services.volunteers import teams

    data = tmp_path / "data"
    copy = _copy_of_away_server(pg_server, data, profile_data)
    before = copy.read_bytes()
    store = open_read_only(data, copy)
    try:
        assert [t["name"] for t in teams.query(store)] == ["Night patrol"]
        with pytest.raises(OperationalError, match="readonly"):
            teams.add(store, {"name": "written"})
        with pytest.raises(OperationalError, match="readonly"), store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA query_only=OFF")  # even this does not open it
            conn.execute(text("DELETE FROM volunteer_team"))
    finally:
        store.close()
    assert copy.read_bytes() == before


def test_a_saved_server_asks_for_the_password(
    pg_server: Any, tmp_path: Path, profile_data: dict[str, Any]
) -> None:
    """The saved choice keeps no password: the start asks for it, and the window opens."""
    import os

    from PySide6.QtCore import QSettings
    from sqlalchemy.engine import make_url

    from commdesk.domain.roles import ENTRY
    from commdesk.store.engine import open_store
    from commdesk.store.server_admin import add_clerk, committee_url, init_committee
    from commdesk.store.services.profile import save_profile
    from commdesk.ui.backend_choice import SERVER_URL_KEY
    from commdesk.ui.context import SETTINGS_FILE

    admin = pg_server.admin_url
    c = init_committee(admin, f"saved{os.getpid()}")
    store = open_store(tmp_path / "server-admin", database=committee_url(admin, c))
    save_profile(store, profile_data)
    store.close()
    add_clerk(admin, c.code, f"{c.database}_pw", ENTRY, "pw-123")
    data = tmp_path / "data"
    data.mkdir()
    settings = QSettings(str(data / SETTINGS_FILE), QSettings.Format.IniFormat)
    saved = make_url(committee_url(admin, c)).set(username=f"{c.database}_pw", password=None)
    settings.setValue(SERVER_URL_KEY, saved.render_as_string())
    settings.sync()
    result = start(data, "password", None, DRIVER_PASSWORD="pw-123")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    asked = lines(result, "ASKED:")
    assert len(asked) == 1 and c.database in asked[0], out
    assert lines(result, "ON SERVER:") == ["True"], out
    assert "pw-123" not in (data / SETTINGS_FILE).read_text(encoding="utf-8")
