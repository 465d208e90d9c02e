"""Main window: navigation, shortcuts, status bar, persisted state, language switch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from ui_helpers import answer_question, service_row

from commdesk.store.services.service_records import service_records
from commdesk.ui.consolidation_page import ConsolidationPage
from commdesk.ui.context import SETTINGS_FILE
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.main_window import MainWindow
from commdesk.ui.overview_page import OverviewPage
from commdesk.ui.returns_page import ReturnsPage
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators


def make_window(qtbot: Any, ctx: Any) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()  # shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def test_pages_navigation_and_placeholders(qtbot: Any, ctx: Any) -> None:
    window = make_window(qtbot, ctx)
    # every page but the one shown first is built when first shown, not before the first paint
    assert [key for key, holder in window._lazy.items() if holder.built] == ["services"]
    assert [h.built for h in window.ledger_pages.holders()] == [True, False, False, False, False]
    assert window.page_keys() == [
        "services", "facilities", "volunteers", "workers", "profile",
        "reports", "consolidation", "overview", "audit",
    ]  # fmt: skip
    for key in window.page_keys():
        window.show_page(key)
        assert window.stack.currentWidget() is window.pages[key]
    assert all(holder.built for holder in window._lazy.values())
    assert [h.built for h in window.ledger_pages.holders()] == [True, True, True, False, True]
    assert isinstance(window.returns_page, ReturnsPage)
    assert isinstance(window.consolidation_page, ConsolidationPage)
    assert isinstance(window.overview_page, OverviewPage)
    window.show_page("volunteers")
    window.people_tabs.setCurrentIndex(1)
    assert window.current_ledger_page() is window.ledger_pages["teams"]


def test_shortcuts_route_to_current_page(qtbot: Any, ctx: Any) -> None:
    service_records.add(ctx.store, service_row())
    window = make_window(qtbot, ctx)
    page = window.current_ledger_page()
    assert isinstance(page, LedgerPage) and page.spec.key == "services"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.is_new
    page.dialog.reject()
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert page.dialog is not None and not page.dialog.is_new
    page.dialog.reject()
    page.table.selectRow(0)
    answer_question(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.row_count() == 0
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.windowHandle().requestActivate()  # offscreen has no window manager to do it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.row_count() == 1
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search


def test_status_bar_shows_community_counts_and_folder(qtbot: Any, ctx: Any) -> None:
    service_records.add(ctx.store, service_row())
    window = make_window(qtbot, ctx)
    assert window.community_label.text() == "幸福社区居民委员会"
    assert "1 rows" in window.counts_label.text()
    assert str(ctx.data_dir) in window.folder_label.text()
    assert "幸福社区居民委员会" in window.windowTitle()


def test_state_is_saved_in_the_data_folder(qtbot: Any, ctx: Any) -> None:
    window = make_window(qtbot, ctx)
    window.resize(760, 560)  # offscreen screens are small; geometry is clamped to them
    height = window.height()
    window.show_page("workers")
    window.close()
    assert (ctx.data_dir / SETTINGS_FILE).is_file()
    again = make_window(qtbot, ctx)
    assert again.current_ledger_page() is again.ledger_pages["workers"]
    # the saved size, widened only to what the page now built needs on this small screen
    assert again.width() == max(760, again.minimumSizeHint().width())
    assert again.height() == height


def test_language_switch_rebuilds_window_in_chinese(qtbot: Any, store_with_profile: Any) -> None:
    translators = Translators()
    translators.apply("en")
    shell = Shell(store_with_profile, translators)
    shell.start()
    window = shell.window
    assert window is not None
    assert window.menus["file"].title() == "&File"
    assert window.sidebar.item(0).text() == "Service records"
    shell.apply_settings("zh_CN", 125)
    new = shell.window
    assert new is not None and new is not window
    assert new.menus["file"].title() == "文件(&F)"
    assert new.sidebar.item(0).text() == "服务台账"
    assert new.ledger_pages["services"].new_button.text() == "新增"
    assert shell.ctx.settings.value("language") == "zh_CN"
    shell.apply_settings("en", 100)
    assert shell.window is not None
    assert shell.window.menus["file"].title() == "&File"
    shell.dispose()


def test_file_menu_import_opens_wizard_on_current_ledger(qtbot: Any, ctx: Any) -> None:
    from commdesk.ui.import_wizard import ImportWizard

    window = make_window(qtbot, ctx)
    window.show_page("workers")
    window.act_import.trigger()
    wizards = [w for w in window.findChildren(ImportWizard)]
    assert len(wizards) == 1
    assert "社区工作者" in wizards[0].findChild(QComboBox).currentText()
    wizards[0].close()
    window.show_page("profile")
    assert not window.act_export_view.isEnabled()
