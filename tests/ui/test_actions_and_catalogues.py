"""The action registry (every action in a menu), Lock now, and adding a local catalogue item."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_helpers import type_text

from commdesk.store import privacy
from commdesk.store.catalogue_store import load_catalogues
from commdesk.ui.actions import ACTIONS
from commdesk.ui.catalogue_dialog import CatalogueDialog
from commdesk.ui.field_widgets import CODE_ROLE
from commdesk.ui.lock_screen import LockDialog
from commdesk.ui.main_window import MainWindow
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators


@pytest.fixture
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(privacy, "ITERATIONS", 1000)  # behaviour, not the hash's strength


@pytest.fixture
def shell(qapp: Any, store_with_profile: Any) -> Iterator[Shell]:
    s = Shell(store_with_profile, Translators())
    yield s
    s.dispose()


def shown_window(qtbot: Any, shell: Shell) -> MainWindow:
    assert shell.start()
    window = shell.window
    assert window is not None
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def test_every_action_sits_in_a_menu_with_a_shortcut_or_a_reason(qtbot: Any, ctx: Any) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    in_menus = {a for menu in window.menus.values() for a in menu.actions()}
    declared = {f"act_{spec.name}": spec for spec in ACTIONS}
    for action in window.actions():
        name = action.objectName()
        assert action in in_menus, f"{name or action.text()} is in no menu"
        spec = declared.get(name)
        has_reason = spec is not None and bool(spec.no_shortcut)
        assert action.shortcuts() or has_reason, f"{name}: no shortcut and no reason"
    assert set(declared) <= {a.objectName() for a in window.actions()}


def test_lock_now_needs_a_password_and_says_so(qtbot: Any, shell: Shell) -> None:
    window = shown_window(qtbot, shell)
    lock = window.act_lock_now
    assert lock in window.menus["file"].actions()
    assert lock.shortcut() == QKeySequence("Ctrl+L")
    assert not lock.isEnabled() and "password" in lock.toolTip()
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.locker.dialog is None


def test_ctrl_l_locks_the_window_once_a_password_is_set(
    qtbot: Any, shell: Shell, fast_hash: None
) -> None:
    privacy.set_password(shell.ctx.store, "门锁2026")

    def answer_gate() -> None:
        gate = QApplication.activeModalWidget()
        if not isinstance(gate, LockDialog):
            QTimer.singleShot(20, answer_gate)
            return
        gate.password.setText("门锁2026")
        gate.unlock_button.click()

    QTimer.singleShot(0, answer_gate)
    window = shown_window(qtbot, shell)
    assert window.act_lock_now.isEnabled()
    QTest.keyClick(window.ledger_pages["services"].table, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    dialog = shell.locker.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    dialog.password.setText("门锁2026")
    assert dialog.try_unlock()
    assert shell.locker.dialog is None


def test_a_local_catalogue_item_is_added_from_the_menu(qtbot: Any, shell: Shell) -> None:
    window = shown_window(qtbot, shell)
    assert window.act_catalogues in window.menus["file"].actions()
    window.act_catalogues.trigger()
    dialog = window.findChild(CatalogueDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("service_category"))
    dialog.code.clear()
    QTest.keyClicks(dialog.code, "WM99")
    type_text(dialog.label, "移风易俗宣传")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "X" in dialog.message.text()  # refused: local codes start with X
    dialog.code.clear()
    QTest.keyClicks(dialog.code, "X001")
    dialog.group.setCurrentIndex(dialog.group.findData("WM"))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    stored = load_catalogues(shell.ctx.store)["service_category"].get("X001")
    assert stored is not None and stored.zh == "移风易俗宣传" and stored.group == "WM"
    assert dialog.table.rowCount() == len(shell.ctx.catalogues["service_category"])
    form = window.ledger_pages["services"].new_record()
    assert form is not None
    assert form.form.editors["category_code"].findData("X001", CODE_ROLE) >= 0
    form.reject()


def test_setting_a_password_in_settings_enables_lock_now(
    qtbot: Any, shell: Shell, fast_hash: None
) -> None:
    from commdesk.ui.lock_screen import PrivacySettings, SetPasswordDialog

    window = shown_window(qtbot, shell)
    assert not window.act_lock_now.isEnabled()
    window.act_settings.trigger()
    dialog = shell.settings_dialog
    assert dialog is not None
    section = dialog.findChild(PrivacySettings)
    assert section is not None

    def type_password() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, SetPasswordDialog):
            QTimer.singleShot(20, type_password)
            return
        QTest.keyClicks(box.new, "abcd1234")
        QTest.keyClicks(box.repeat, "abcd1234")
        QTest.keyClick(box.repeat, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_password)
    qtbot.mouseClick(section.set_button, Qt.MouseButton.LeftButton)
    assert privacy.has_password(shell.ctx.store)
    assert window.act_lock_now.isEnabled()
    assert "Settings" not in window.act_lock_now.toolTip()
    dialog.reject()
