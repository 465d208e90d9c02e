"""The session's doors: settings then restore, Lock now, the first-run wizard's Esc."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from ui_helpers import answer_question

from commdesk.store import maintenance
from commdesk.store.services.volunteers import teams
from commdesk.ui.backup_dialogs import BackupsDialog
from commdesk.ui.main_window import MainWindow
from commdesk.ui.settings_dialog import SettingsDialog
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators


@pytest.fixture
def shell(qapp: Any, store_with_profile: Any) -> Iterator[Shell]:
    translators = Translators()
    translators.apply("zh_CN")
    s = Shell(store_with_profile, translators)
    yield s
    s.dispose()
    s.ctx.store.close()
    translators.apply("en")


def menu_action(window: MainWindow, menu: str, name: str) -> Any:
    """The window's action ``name``, checked to be in ``menu`` (what a click on the menu runs)."""
    action = getattr(window, name)
    assert action in window.menus[menu].actions(), f"{name} is not in the {menu} menu"
    return action


def click_ok_when_shown(qtbot: Any) -> list[str]:
    """Answer the next message box with its Yes/OK button, as the clerk would."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            qtbot.wait(20)
            return answer()
        seen.append(box.text())
        button = box.button(QMessageBox.StandardButton.Yes) or box.button(
            QMessageBox.StandardButton.Ok
        )
        button.click()
        return None

    QTimer.singleShot(0, answer)
    return seen


@pytest.mark.parametrize("change", ["language", "font"])
def test_restore_after_a_settings_change(qtbot: Any, shell: Shell, change: str) -> None:
    store = shell.ctx.store
    teams.add(store, {"name": "旧服务队"})
    assert shell.start()
    window = shell.window
    assert window is not None
    qtbot.waitExposed(window)
    saved = maintenance.backup(shell.ctx.data_dir)
    teams.add(store, {"name": "新服务队"})

    menu_action(window, "file", "act_settings").trigger()
    dialog = shell.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    combo = dialog.language if change == "language" else dialog.font_scale
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not window, timeout=5000)  # rebuilt in the new setting
    window = shell.window
    assert window is not None

    menu_action(window, "file", "act_backups").trigger()
    backups_dialog = QApplication.activeModalWidget() or shell.backups_dialog
    assert isinstance(backups_dialog, BackupsDialog)
    row = next(i for i, info in enumerate(backups_dialog.infos) if info.path == saved)
    backups_dialog.table.selectRow(row)
    seen = click_ok_when_shown(qtbot)
    qtbot.mouseClick(backups_dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.ctx.store is not store, timeout=10_000)
    assert seen  # the clerk was asked first
    assert shell.window is not None and shell.window is not window
    assert [t["name"] for t in teams.query(shell.ctx.store)] == ["旧服务队"]


def test_esc_on_the_first_run_wizard_asks_before_quitting(qtbot: Any, store: Any) -> None:
    translators = Translators()
    shell = Shell(store, translators)
    try:
        assert shell.start()
        wizard = shell.wizard
        assert wizard is not None
        qtbot.waitExposed(wizard)
        seen: list[str] = []
        answer_question(QMessageBox.StandardButton.No, seen)
        QTest.keyClick(wizard, Qt.Key.Key_Escape)
        assert seen, "Esc quit without asking"
        assert wizard.isVisible()
        answer_question(QMessageBox.StandardButton.Yes)
        QTest.keyClick(wizard, Qt.Key.Key_Escape)
        assert not wizard.isVisible()
    finally:
        shell.dispose()
