"""Signing in on a single PC with accounts: typed into the real dialog, roles shown and used."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sign_in_helpers import files_holding, type_sign_in
from sqlalchemy import select
from ui_helpers import answer_question

from commdesk.domain.periods import Period
from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER
from commdesk.store import accounts
from commdesk.store.models import AuditEntry
from commdesk.store.services import periods
from commdesk.store.services.volunteers import teams
from commdesk.ui.accounts_dialog import AccountFormDialog, AccountsDialog
from commdesk.ui.main_window import MainWindow
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "ITERATIONS", 1000)  # behaviour, not the hash's strength


@pytest.fixture
def shell(qapp: Any, store_with_profile: Any) -> Iterator[Shell]:
    store = store_with_profile
    accounts.add_account(store, "admin", ADMIN, "admin-pass")
    accounts.sign_in(store, "admin", "admin-pass")
    accounts.add_account(store, "lina", ENTRY, "lina-pass")
    accounts.add_account(store, "wang", REVIEWER, "wang-pass")
    store.signed_in = None  # as at start: nobody yet
    s = Shell(store, Translators())
    yield s
    s.dispose()


def _audit_users(store: Any, action: str) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(AuditEntry.user).where(AuditEntry.action == action)))


def _switch(
    qtbot: Any, window: MainWindow, name: str, password: str, shell_window: Any
) -> list[str]:
    """Ctrl+Shift+L, then the next person types their name and password."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    seen: list[str] = []
    type_sign_in([(name, password)], seen)
    QTest.keyPress(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    # The old window is gone when the keys come up: they come up in the new one.
    QTest.keyRelease(shell_window(), Qt.Key.Key_L, Qt.KeyboardModifier.NoModifier)
    return seen


def test_a_wrong_password_is_refused_then_the_retry_signs_in(qtbot: Any, shell: Shell) -> None:
    seen: list[str] = []
    type_sign_in([("lina", "wrong-pass"), ("", "lina-pass")], seen)
    assert shell.start()
    assert seen == ["Unknown name or wrong password."]
    window = shell.window
    assert window is not None
    assert "lina" in window.windowTitle() and "Data entry clerk" in window.windowTitle()
    assert window.user_label.text() == "lina (Data entry clerk)"
    teams.add(shell.ctx.store, {"name": "Silver team"})
    assert _audit_users(shell.ctx.store, "insert")[-1] == "lina"  # the audit names the clerk


def test_quit_at_the_sign_in_opens_no_window(qtbot: Any, shell: Shell) -> None:
    seen: list[str] = []
    type_sign_in([("lina", "not-it")], seen, quit_after=True)
    assert not shell.start()
    assert shell.window is None and seen == ["Unknown name or wrong password."]


def test_entry_clerk_is_offered_no_submit_unlock_or_accounts_the_reviewer_is(
    qtbot: Any, shell: Shell
) -> None:
    log_id = periods.log_export(
        shell.ctx.store, period=Period.parse("2026Q3"), definition_id="community-service",
        definition_version="2026.1", file_name="2026Q3.xlsx", values={}, sha256="0" * 64,
        exported_at=datetime(2026, 10, 5, 9, 0),
    )  # fmt: skip
    type_sign_in([("lina", "lina-pass")], [])
    assert shell.start()

    def offered(window: MainWindow) -> tuple[bool, bool, bool]:
        page = window.returns_page
        page.history.refresh()
        assert page.history.select_log(log_id)
        return (page.history.submit_button.isEnabled(), page.unlock_button.isEnabled(),
                window.act_accounts.isVisible())  # fmt: skip

    window = shell.window
    assert offered(window) == (False, False, False)
    assert "Reviewer" in window.returns_page.history.submit_button.toolTip()
    assert "Reviewer" in window.returns_page.unlock_button.toolTip()
    assert window.act_accounts not in [a for a in window.menus["file"].actions() if a.isVisible()]

    assert _switch(qtbot, window, "wang", "wang-pass", lambda: shell.window) == []
    qtbot.waitUntil(lambda: shell.window is not window and shell.window.isVisible())
    window = shell.window
    assert "wang" in window.windowTitle()
    assert offered(window) == (True, True, False)

    _switch(qtbot, window, "admin", "admin-pass", lambda: shell.window)
    qtbot.waitUntil(lambda: shell.window is not window and shell.window.isVisible())
    assert offered(shell.window) == (True, True, True)


def test_an_account_added_by_typing_signs_in_and_its_password_is_nowhere_on_disk(
    qtbot: Any, shell: Shell
) -> None:
    type_sign_in([("admin", "admin-pass")], [])
    assert shell.start()
    window = shell.window
    window.act_accounts.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AccountsDialog))
    assert dialog.isVisible() and dialog.names() == ["admin", "lina", "wang"]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    form = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AccountFormDialog))
    QTest.keyClicks(form.name, "zhao")
    QTest.keyClick(form.role, Qt.Key.Key_Down)  # 填报员 → 审核人
    QTest.keyClicks(form.password, "zhao-pass-7")
    QTest.keyClicks(form.repeat, "zhao-pass-8")
    ok = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert form.message.text() == "The two passwords differ."  # nothing saved
    QTest.keyClicks(form.password, "zhao-pass-7")
    QTest.keyClicks(form.repeat, "zhao-pass-7")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "zhao" in dialog.names())
    assert dialog.table.item(dialog.names().index("zhao"), 1).text() == "Reviewer"
    assert _audit_users(shell.ctx.store, "account_add")[-1] == "admin"
    dialog.reject()

    assert _switch(qtbot, window, "zhao", "zhao-pass-7", lambda: shell.window) == []
    qtbot.waitUntil(lambda: shell.window is not window and shell.window.isVisible())
    assert shell.window.user_label.text() == "zhao (Reviewer)"
    shell.window.save_state()
    shell.ctx.settings.sync()
    assert files_holding(shell.ctx.data_dir, "zhao-pass-7") == []


def test_an_entry_clerk_is_told_who_may_unlock_without_being_asked_for_a_reason(
    qtbot: Any, ctx: Any
) -> None:
    from test_period_locks_ui import make_page, submit
    from ui_helpers import service_row

    from commdesk.store.services.service_records import service_records
    from commdesk.ui.period_lock import UnlockDialog

    store = ctx.store
    accounts.add_account(store, "admin", ADMIN, "admin-pass")
    accounts.sign_in(store, "admin", "admin-pass")
    accounts.add_account(store, "lina", ENTRY, "lina-pass")
    rid = service_records.add(store, service_row(service_date="2026-08-03"))
    submit(store, "2026Q3")
    accounts.sign_in(store, "lina", "lina-pass")
    page = make_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.select_id(rid) and page.selected_ids() == [rid])
    seen: list[str] = []
    answer_question(QMessageBox.StandardButton.Ok, seen)
    assert page.delete_selected(confirm=False) == 0
    assert seen == ["Only a Reviewer (or higher) may do this."]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, UnlockDialog)]
    assert service_records.get(store, rid)["deleted_at"] is None


def test_only_an_administrator_may_restore_a_backup(qtbot: Any, shell: Shell) -> None:
    type_sign_in([("wang", "wang-pass")], [])
    assert shell.start()
    dialog = shell.open_backups()
    assert not dialog.restore_button.isEnabled()
    assert "Administrator" in dialog.restore_button.toolTip()
    dialog.reject()
    seen: list[str] = []
    answer_question(QMessageBox.StandardButton.Ok, seen)
    assert shell.restore_backup(shell.ctx.data_dir / "backups" / "any.sqlite") is None
    assert seen == ["Only a Administrator (or higher) may do this."]
    assert shell.window is not None and shell.window.isVisible()  # nothing was closed


def test_switch_user_without_accounts_says_so_and_keeps_the_window(
    qtbot: Any, qapp: Any, store_with_profile: Any
) -> None:
    shell = Shell(store_with_profile, Translators())
    try:
        assert shell.start()
        window = shell.window
        seen: list[str] = []
        answer_question(QMessageBox.StandardButton.Ok, seen)
        window.act_switch_user.trigger()
        assert seen and "no accounts" in seen[0]
        assert shell.window is window and window.isVisible()
    finally:
        shell.dispose()
