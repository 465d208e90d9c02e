"""Signing in to a committee on the real PostgreSQL server: typed, refused, retried, roles used."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from console_script import clean_env
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sign_in_helpers import files_holding, type_sign_in
from sqlalchemy.engine import make_url

from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER
from commdesk.store.engine import open_store
from commdesk.store.server_admin import Committee, add_clerk, conninfo, init_committee
from commdesk.store.server_login import open_signed_in, with_login
from commdesk.store.services.profile import save_profile
from commdesk.ui.accounts_dialog import AccountFormDialog, AccountsDialog
from commdesk.ui.self_test import SAMPLE_PROFILE
from commdesk.ui.shell import Shell
from commdesk.ui.sign_in import sign_in_to_server
from commdesk.ui.translations import Translators

_codes = itertools.count(1)
# The clerk's start (commdesk.cli.main, no command) in a fresh interpreter. Timers type into
# the sign-in dialog as the clerk would: a wrong password first, then the right one; once the
# window shows, a record is added through it and the window is closed.
DRIVER = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
WRONG, RIGHT = "wrong-pw-1", sys.argv.pop()

def sign_in(left=500):
    from commdesk.ui.sign_in import SignInDialog
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, SignInDialog):
        if left:
            QTimer.singleShot(20, lambda: sign_in(left - 1))
        return
    print("NAME:", dialog.name.text(), flush=True)
    QTest.keyClicks(dialog.password, WRONG)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    print("MESSAGE:", dialog.message.text(), flush=True)
    QTest.keyClicks(dialog.password, RIGHT)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    QTimer.singleShot(20, window)

def window(left=500):
    from commdesk.ui.main_window import MainWindow
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not shown or not shown[0].isVisible():
        if left:
            QTimer.singleShot(20, lambda: window(left - 1))
        return
    w = shown[0]
    print("TITLE:", w.windowTitle(), flush=True)
    print("ACCOUNTS:", w.act_accounts.isVisible(), flush=True)
    from commdesk.store.services.volunteers import teams
    teams.add(w.ctx.store, {"name": "Silver team"})
    w.close()

QTimer.singleShot(50, sign_in)
from commdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _committee(admin_url: str, folder: Path) -> Committee:
    """A committee whose profile is filled in (so the window opens, not the first-run wizard)."""
    c = init_committee(admin_url, f"s{os.getpid()}x{next(_codes)}")
    store = open_store(folder, database=_url(admin_url, c, "postgres"))
    try:
        save_profile(store, SAMPLE_PROFILE)
    finally:
        store.close()
    return c


def _url(admin_url: str, c: Committee, user: str, password: str | None = None) -> str:
    u = make_url(admin_url).set(username=user, password=password, database=c.database)
    return u.render_as_string(hide_password=False)


@pytest.fixture
def committee(pg_server: Any, tmp_path: Path) -> Iterator[tuple[str, Committee]]:
    admin = pg_server.admin_url
    c = _committee(admin, tmp_path / "server-admin")
    add_clerk(admin, c.code, f"{c.database}_li", ENTRY, "li-pass-1")
    add_clerk(admin, c.code, f"{c.database}_wang", REVIEWER, "wang-pass-1")
    yield admin, c


def test_the_clerk_signs_in_at_start_after_a_refused_password(
    committee: tuple[str, Committee], tmp_path: Path
) -> None:
    admin, c = committee
    data = tmp_path / "data"
    li = f"{c.database}_li"
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, "--data-dir", str(data), "--database", _url(admin, c, li),
         "li-pass-1"],
        capture_output=True, text=True, timeout=180, env=clean_env(), stdin=subprocess.DEVNULL,
    )  # fmt: skip
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert f"NAME: {li}" in out  # prefilled from the URL
    message = next(line for line in out.splitlines() if line.startswith("MESSAGE:"))
    assert li in message and "wrong-pw-1" not in message  # the refusal, in the clerk's words
    assert f"TITLE: {SAMPLE_PROFILE['name']}" in out and li in out.split("TITLE:")[1]
    assert "ACCOUNTS: False" in out  # a 填报员 is not offered account management
    assert "Traceback" not in result.stderr
    with psycopg.connect(conninfo(_url(admin, c, "postgres"))) as conn:
        users = [r[0] for r in conn.execute(
            "SELECT \"user\" FROM audit_log WHERE table_name = 'volunteer_team'")]  # fmt: skip
    assert users == [li]  # the audit log names the signed-in clerk
    assert files_holding(data, "li-pass-1") == []  # not in the ini, not in the log
    assert "li-pass-1" not in out + result.stderr


def test_roles_on_the_server_decide_what_the_window_offers(
    qtbot: Any, committee: tuple[str, Committee], tmp_path: Path
) -> None:
    admin, c = committee
    seen: list[str] = []
    type_sign_in([("", "li-pass-1")], seen)
    store = sign_in_to_server(tmp_path / "a", _url(admin, c, f"{c.database}_li"))
    assert store is not None and store.signed_in.role == ENTRY and seen == []
    shell = Shell(store, Translators())
    try:
        assert shell.start()
        assert not shell.window.act_accounts.isVisible()
        assert not shell.window.returns_page.unlock_button.isEnabled()
        type_sign_in([(f"{c.database}_wang", "wang-pass-1")], seen)
        assert shell.switch_user()  # a new login: a connection of its own
        assert shell.ctx.store is not store and shell.ctx.store.signed_in.role == REVIEWER
        assert shell.window.returns_page.unlock_button.isEnabled()
        assert f"{c.database}_wang" in shell.window.user_label.text()
    finally:
        shell.dispose()
        shell.ctx.store.close()


def test_the_servers_administrator_adds_a_clerk_by_typing_who_then_signs_in(
    qtbot: Any, committee: tuple[str, Committee], tmp_path: Path
) -> None:
    admin, c = committee
    store = open_signed_in(tmp_path / "a", _url(admin, c, "postgres"))  # trust on the socket
    try:
        assert store.signed_in.role == ADMIN
        dialog = AccountsDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.names() == [f"{c.database}_li", f"{c.database}_wang"]
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        form = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AccountFormDialog))
        zhao = f"{c.database}_zhao"
        QTest.keyClicks(form.name, zhao)
        QTest.keyClick(form.role, Qt.Key.Key_Down)  # 填报员 → 审核人
        QTest.keyClicks(form.password, "zhao-pass-1")
        QTest.keyClicks(form.repeat, "zhao-pass-1")
        ok = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: zhao in dialog.names())
        with store.read() as s:
            users = (
                s.connection()
                .exec_driver_sql("SELECT \"user\" FROM audit_log WHERE action = 'account_add'")
                .scalars()
                .all()
            )
        assert users == ["postgres"]
    finally:
        store.close()
    clerk = open_signed_in(tmp_path / "b", with_login(_url(admin, c, "x"), zhao, "zhao-pass-1"))
    try:
        assert clerk.signed_in.role == REVIEWER
    finally:
        clerk.close()


def test_an_administrator_who_may_not_create_logins_is_shown_the_command(
    qtbot: Any, committee: tuple[str, Committee], tmp_path: Path
) -> None:
    admin, c = committee
    chen = f"{c.database}_chen"
    add_clerk(admin, c.code, chen, ADMIN, "chen-pass-1")
    store = open_signed_in(tmp_path / "a", _url(admin, c, chen, "chen-pass-1"))
    try:
        dialog = AccountsDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        assert sorted(dialog.names()) == sorted([chen, f"{c.database}_li", f"{c.database}_wang"])
        assert not dialog.add_button.isVisible() and dialog.command.isVisible()
        assert "commdesk server clerk" in dialog.command.text() and c.code in dialog.command.text()
    finally:
        store.close()
