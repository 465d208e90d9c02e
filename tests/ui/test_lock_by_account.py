"""The lock screen belongs to whoever signed in: their own password unlocks, 切换用户 is offered.

Keys are typed into the real widgets (Chinese names through an input method's commit),
with the Chinese catalogue loaded.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sign_in_helpers import type_sign_in
from sqlalchemy.engine import make_url

from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER, role_label
from commdesk.store import accounts, privacy
from commdesk.store.engine import open_store
from commdesk.store.server_admin import add_clerk, init_committee
from commdesk.store.services.profile import save_profile
from commdesk.ui.lock_screen import Curtain, LockDialog
from commdesk.ui.self_test import SAMPLE_PROFILE
from commdesk.ui.shell import Shell
from commdesk.ui.sign_in import sign_in_to_server
from commdesk.ui.translations import Translators

translate = QCoreApplication.translate
_codes = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "ITERATIONS", 1000)  # behaviour, not the hash's strength
    monkeypatch.setattr(privacy, "ITERATIONS", 1000)


def _chinese() -> Translators:
    translators = Translators()
    translators.apply("zh_CN")
    return translators


def _type(dialog: LockDialog, password: str) -> None:
    dialog.password.setFocus()
    QTest.keyClicks(dialog.password, password)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)


def _wrong(count: int) -> str:
    return translate("LockScreen", "Wrong password ({count} failed tries). Try again.").format(
        count=count
    )


def _covered(shell: Shell) -> bool:
    assert shell.window is not None
    curtains = [c for c in shell.window.findChildren(Curtain) if c.isVisible()]
    return bool(curtains) and curtains[0].geometry() == shell.window.rect()


def _lock_now(shell: Shell) -> LockDialog:
    assert shell.window is not None and shell.window.act_lock_now.isEnabled()
    shell.window.act_lock_now.trigger()
    dialog = shell.locker.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    return dialog


@pytest.fixture
def shell_with_accounts(qapp: Any, store_with_profile: Any) -> Iterator[Shell]:
    store = store_with_profile
    accounts.add_account(store, "王建国", ADMIN, "admin-pass")
    store.signed_in = accounts.Account("王建国", ADMIN)
    accounts.add_account(store, "李娜", REVIEWER, "lina-pass-1")
    privacy.set_password(store, "door-2026")  # a start-up password, which no longer unlocks
    store.signed_in = None
    shell = Shell(store, _chinese())
    yield shell
    shell.dispose()
    shell.ctx.store.close()


def test_the_signed_in_clerks_own_password_unlocks_and_is_named(
    qtbot: Any, shell_with_accounts: Shell
) -> None:
    shell = shell_with_accounts
    type_sign_in([("李娜", "lina-pass-1")], [])
    assert shell.start()
    dialog = _lock_now(shell)
    heading = dialog.findChild(type(dialog.message), "lockHeading").text()
    assert heading == translate("LockScreen", "Locked — {name} ({role})").format(
        name="李娜", role=role_label(REVIEWER)
    )
    assert role_label(REVIEWER) == "审核人"
    assert _covered(shell)
    _type(dialog, "door-2026")  # the start-up password is not hers
    assert shell.locker.locked and dialog.message.text() == _wrong(1)
    _type(dialog, "admin-pass")  # nor another clerk's
    assert shell.locker.locked and dialog.message.text() == _wrong(2)
    assert _covered(shell) and dialog.password.text() == ""
    _type(dialog, "lina-pass-1")
    assert not shell.locker.locked and not _covered(shell)


def test_switch_user_from_the_lock_screen(qtbot: Any, shell_with_accounts: Shell) -> None:
    shell = shell_with_accounts
    type_sign_in([("李娜", "lina-pass-1")], [])
    assert shell.start()
    assert shell.idle is not None  # the idle lock runs on her password alone
    now = [1000.0]
    shell.idle.clock = lambda: now[0]
    shell.idle.set_minutes(5)
    now[0] += 301
    assert shell.idle.check()
    dialog = shell.locker.dialog
    assert isinstance(dialog, LockDialog) and dialog.switch_button is not None
    old_window = shell.window
    type_sign_in([("王建国", "admin-pass")], [])
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not old_window and not shell.locker.locked)
    assert shell.ctx.store.signed_in == accounts.Account("王建国", ADMIN)
    assert "王建国" in shell.window.user_label.text()
    assert not _covered(shell)
    again = _lock_now(shell)
    assert "王建国" in again.findChild(type(again.message), "lockHeading").text()
    _type(again, "admin-pass")
    assert not shell.locker.locked


def test_without_accounts_the_start_up_password_unlocks_as_before(
    qtbot: Any, qapp: Any, store_with_profile: Any
) -> None:
    privacy.set_password(store_with_profile, "door-2026")
    shell = Shell(store_with_profile, _chinese())
    try:
        QTimer.singleShot(0, lambda: _type(QApplication.activeModalWidget(), "door-2026"))
        assert shell.start()
        dialog = _lock_now(shell)
        assert dialog.switch_button is None and dialog.owner is None
        _type(dialog, "wrong-1")
        assert dialog.message.text() == _wrong(1) and _covered(shell)
        _type(dialog, "door-2026")
        assert not shell.locker.locked
    finally:
        shell.dispose()
        shell.ctx.store.close()


def _committee(admin_url: str, folder: Path) -> Callable[[str], str]:
    c = init_committee(admin_url, f"lk{os.getpid()}x{next(_codes)}")
    url = make_url(admin_url).set(database=c.database).render_as_string(False)
    store = open_store(folder, database=url)
    try:
        save_profile(store, SAMPLE_PROFILE)
    finally:
        store.close()
    add_clerk(admin_url, c.code, f"{c.database}_li", ENTRY, "li-pass-1")
    add_clerk(admin_url, c.code, f"{c.database}_wang", REVIEWER, "wang-pass-1")
    return lambda user: make_url(url).set(username=user).render_as_string(False)


def test_on_a_server_the_password_signed_in_with_unlocks(
    qtbot: Any, qapp: Any, pg_server: Any, tmp_path: Path
) -> None:
    as_user = _committee(pg_server.admin_url, tmp_path / "admin")
    li = make_url(as_user("x")).database + "_li"
    seen: list[str] = []
    type_sign_in([("", "li-pass-1")], seen)
    store = sign_in_to_server(tmp_path / "pc", as_user(li))
    assert store is not None and not privacy.has_password(store)
    shell = Shell(store, _chinese())
    try:
        assert shell.start()
        dialog = _lock_now(shell)  # no start-up password: her own is the key
        heading = dialog.findChild(type(dialog.message), "lockHeading").text()
        assert li in heading and role_label(ENTRY) in heading
        _type(dialog, "li-pass-2")
        assert shell.locker.locked and dialog.message.text() == _wrong(1) and _covered(shell)
        _type(dialog, "li-pass-1")
        assert not shell.locker.locked and not _covered(shell)
        again = _lock_now(shell)  # 切换用户 from the lock: a login of the next clerk's own
        assert again.switch_button is not None
        wang = li.replace("_li", "_wang")
        type_sign_in([(wang, "wang-pass-1")], seen)
        qtbot.mouseClick(again.switch_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: shell.ctx.store is not store and not shell.locker.locked)
        assert shell.ctx.store.signed_in.name == wang and seen == []
        assert wang in shell.window.user_label.text() and not _covered(shell)
        third = _lock_now(shell)
        _type(third, "li-pass-1")  # the lock is now his
        assert shell.locker.locked and third.message.text() == _wrong(1)
        _type(third, "wang-pass-1")
        assert not shell.locker.locked
    finally:
        shell.dispose()
        shell.ctx.store.close()


def test_a_server_clerk_changing_the_idle_minutes_is_told_not_crashed(
    qtbot: Any, qapp: Any, pg_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Her own password makes the idle lock hers, so the minutes are offered; only 管理员
    may write the committee's settings on the server: she is told so, the rest is saved."""
    from PySide6.QtWidgets import QMessageBox

    from commdesk.ui.lock_screen import PrivacySettings

    as_user = _committee(pg_server.admin_url, tmp_path / "admin")
    li = make_url(as_user("x")).database + "_li"
    type_sign_in([("", "li-pass-1")], [])
    store = sign_in_to_server(tmp_path / "pc", as_user(li))
    assert store is not None
    shell = Shell(store, _chinese())
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    try:
        assert shell.start()
        dialog = shell.open_settings()
        section = dialog.findChild(PrivacySettings)
        assert section.minutes.isEnabled()
        before = section.minutes.value()
        QTest.keyClick(section.minutes, Qt.Key.Key_Up)
        assert section.minutes.value() == before + 1
        dialog.accept()
        assert len(warned) == 1 and warned[0]
        assert privacy.lock_minutes(store) == before
    finally:
        shell.dispose()
        shell.ctx.store.close()
