"""The 汇总 page's file list in the real main window, in Chinese: Delete and the
context menu's 移除 take a file off the list (the rest is checked again, and the
file stays off when its folder is read again); switching language or font in
Settings keeps the list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cons_helpers import Town, tamper
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QTranslator
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from commdesk.domain import i18n
from commdesk.domain.periods import Period


@pytest.fixture
def shell(qapp: QApplication, store_with_profile: Any) -> Iterator[Any]:
    """The GUI session as the clerk starts it, in Chinese."""
    from commdesk.ui.shell import Shell
    from commdesk.ui.translations import Translators

    translators = Translators()
    translators.apply("zh_CN")
    session = Shell(store_with_profile, translators)
    session.start()
    yield session
    session.dispose()
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    i18n.install(None, "zh_CN")


@pytest.fixture
def inbox(town: Town) -> Path:
    folder = town.folder("list", town.committees[:4])
    tamper(town.committees[4].path, folder / "改过的.xlsx", "表1", "101", 9)
    return folder


def consolidation_page(qtbot: Any, shell: Any) -> Any:
    window = shell.window
    window.show_page("consolidation")
    window.windowHandle().requestActivate()  # shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    page = window.consolidation_page
    page.set_period(Period.parse("2026Q3"))
    return page


def add_folder(qtbot: Any, page: Any, monkeypatch: Any, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(page.add_folder_button, Qt.MouseButton.LeftButton)


def click_row(qtbot: Any, page: Any, name: str) -> None:
    table = page.table
    rect = table.visualRect(table.model().index(page.row_of(name), page.FILE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    selected = {i.row() for i in table.selectedIndexes()}
    assert selected == {page.row_of(name)}


def file_names(page: Any) -> list[str]:
    names = [page.table.item(r, page.FILE).text() for r in range(page.table.rowCount())]
    return sorted(n for n in names if n != "—")


def test_delete_key_and_context_menu_remove_files(
    qtbot: Any, shell: Any, inbox: Path, town: Town, monkeypatch: Any
) -> None:
    page = consolidation_page(qtbot, shell)
    add_folder(qtbot, page, monkeypatch, inbox)
    first, second = (c.path.name for c in town.committees[:2])
    assert len(file_names(page)) == 5
    assert page.status_of("改过的.xlsx") == "altered"

    # Delete, typed on the list, while the main window also has a Delete (for records).
    click_row(qtbot, page, "改过的.xlsx")
    with qtbot.waitSignal(page.checked, timeout=30000):
        QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert "改过的.xlsx" not in file_names(page)
    assert len(page.consolidation.files) == 4 and not page.consolidation.excluded
    assert page.export_button.isEnabled()
    assert (inbox / "改过的.xlsx").exists()  # off the list, not off the disk

    # The context menu's 移除 (the menu is a popup: choose it with the keyboard).
    click_row(qtbot, page, first)
    table = page.table
    seen: list[list[Any]] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append(menu.actions())
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(200, choose)
    pos = table.visualRect(table.model().index(table.currentRow(), 0)).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, table.viewport().mapToGlobal(pos)
    )
    with qtbot.waitSignal(page.checked, timeout=30000):
        QApplication.sendEvent(table.viewport(), event)
    assert seen and seen[0] == [table.remove_action]
    # 移除 once the pending translations are merged (translations/pending/consol.json)
    assert table.remove_action.text() == QCoreApplication.translate("ConsolidationPage", "Remove")
    assert first not in file_names(page) and second in file_names(page)

    # Read again: the folder is read anew, the removed files stay off.
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(page.reload_button, Qt.MouseButton.LeftButton)
    assert "改过的.xlsx" not in file_names(page) and first not in file_names(page)
    assert len(file_names(page)) == 3


def test_list_survives_language_and_font_switch(
    qtbot: Any, shell: Any, inbox: Path, town: Town, monkeypatch: Any
) -> None:
    page = consolidation_page(qtbot, shell)
    add_folder(qtbot, page, monkeypatch, inbox)
    page.set_period(Period.parse("2026Q3"))
    before = file_names(page)
    assert len(before) == 5
    assert page.table.item(page.row_of(town.committees[0].path.name), page.STATUS).text() == (
        "已汇总"
    )
    kept = file_names(page)

    for language, scale, included in (("en", 100, "Included"), ("zh_CN", 125, "已汇总")):
        shell.apply_settings(language, scale)  # what 确定 in Settings does
        page = shell.window.consolidation_page
        qtbot.waitUntil(lambda p=page: p.consolidation is not None, timeout=30000)
        page.wait_idle()
        assert file_names(page) == kept, language
        assert page.period().code == "2026Q3"
        row = page.row_of(town.committees[1].path.name)
        assert page.table.item(row, page.STATUS).text() == included
        assert page.export_button.isEnabled()
    assert QCoreApplication.translate("ConsolidationPage", "Included") == "已汇总"
