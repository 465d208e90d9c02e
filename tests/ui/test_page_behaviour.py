"""Clerk-found defects of the ledger pages: warning filter, delete, undo per page, locks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import answer_question, service_row

from commdesk.domain.periods import Period
from commdesk.store.services import periods as period_log
from commdesk.store.services.service_records import service_records
from commdesk.ui.main_window import MainWindow


def activate(qtbot: Any, window: MainWindow) -> None:
    """Shortcuts need the active window; offscreen, nothing reactivates it after a dialog."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def press_enter_on_question() -> None:
    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            QTest.keyClick(box, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def make_window(qtbot: Any, ctx: Any) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    activate(qtbot, window)
    return window


def test_audit_warning_filter_ends_when_leaving_the_page(qtbot: Any, ctx: Any) -> None:
    first = service_records.add(ctx.store, service_row())
    service_records.add(ctx.store, service_row(people_served=5))
    window = make_window(qtbot, ctx)
    page = window.ledger_pages["services"]
    window.show_page("reports")
    window.show_records("service_record", [first])  # what double-clicking a warning does
    assert window.current_ledger_page() is page and page.row_count() == 1
    window.show_page("overview")
    window.show_page("services")
    assert page.row_count() == 2  # the filter bar shows "any", and so does the table
    assert page.only_ids is None


def test_delete_asks_naming_the_count_and_offers_undo(qtbot: Any, ctx: Any) -> None:
    service_records.add(ctx.store, service_row())
    window = make_window(qtbot, ctx)
    page = window.ledger_pages["services"]
    page.table.selectRow(0)
    page.table.setFocus()
    seen: list[str] = []
    answer_question(QMessageBox.StandardButton.Cancel, seen)
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(seen) == 1 and "1" in seen[0]
    assert page.row_count() == 1  # cancelled: nothing deleted
    activate(qtbot, window)
    press_enter_on_question()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.row_count() == 1  # a reflex Enter keeps the rows: Cancel is the default
    activate(qtbot, window)
    answer_question(QMessageBox.StandardButton.Yes)
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.row_count() == 0
    notice = window.statusBar().currentMessage()
    assert "1" in notice and "Ctrl+Z" in notice


def test_edit_menu_undo_follows_the_page_in_front(qtbot: Any, ctx: Any) -> None:
    window = make_window(qtbot, ctx)
    services = window.ledger_pages["services"]
    dialog = services.new_record()
    assert dialog is not None
    dialog.form.set_values(service_row())
    assert dialog.commit()
    assert window.act_undo.isEnabled()
    window.show_page("volunteers")
    assert not window.act_undo.isEnabled()  # nothing done on 志愿者 yet
    window.show_page("profile")
    assert not window.act_undo.isEnabled()
    window.show_page("services")
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert services.row_count() == 0


def test_a_record_of_a_submitted_period_shows_the_lock_when_opened(qtbot: Any, ctx: Any) -> None:
    rid = service_records.add(ctx.store, service_row(service_date="2026-08-03"))
    log_id = period_log.log_export(
        ctx.store, period=Period.parse("2026Q3"), definition_id="community-service",
        definition_version="2026.1", file_name="q3.xlsx", values={}, sha256="0" * 64,
        exported_at=datetime(2026, 10, 3),
    )  # fmt: skip
    period_log.mark_submitted(ctx.store, log_id)
    window = make_window(qtbot, ctx)
    page = window.ledger_pages["services"]
    assert page.select_id(rid)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None
    assert "Locked" in dialog.status.text()
    assert Period.parse("2026Q3").label() in dialog.status.text()
    dialog.form.dirty = False
    dialog.reject()
