"""The batch-entry sheet for service records, driven by the keyboard only."""

from __future__ import annotations

from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import type_text

from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.ui.batch_entry import BatchEntryDialog
from commdesk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def key(widget: Any, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or widget, k, mod)
    QApplication.processEvents()  # the editor commits and closes on a queued call


def typed(widget: Any, text: str) -> None:
    """Key by key to whatever has the focus: the first key opens the cell's editor."""
    for char in text:
        QTest.keyClicks(QApplication.focusWidget() or widget, char)


def open_sheet(qtbot: Any, ctx: Any) -> tuple[MainWindow, BatchEntryDialog]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.show_page("services")
    page = window.ledger_pages["services"]
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChild(BatchEntryDialog)
    assert dialog is not None, "Ctrl+Shift+N opened no batch sheet"
    qtbot.waitExposed(dialog)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.sheet, timeout=2000)
    return window, dialog


def test_twenty_records_by_keyboard_then_one_undo(qtbot: Any, ctx: Any) -> None:
    window, dialog = open_sheet(qtbot, ctx)
    sheet = dialog.sheet
    names = [f.name for f in dialog.fields]
    assert names[:4] == ["service_date", "category_code", "target_group_code", "people_served"]
    place = names.index("place")
    for row in range(20):
        assert (sheet.currentRow(), sheet.currentColumn()) == (row, 0)
        if row == 0:
            typed(sheet, "2026/3/1")
            key(sheet, Qt.Key.Key_Tab)
            typed(sheet, "WM01")
            key(sheet, Qt.Key.Key_Tab)
            typed(sheet, "ELD")
            key(sheet, Qt.Key.Key_Tab)
        else:  # the same day, category and group: Ctrl+D, as in Excel
            for _ in range(3):
                key(sheet, Qt.Key.Key_D, CTRL)
                key(sheet, Qt.Key.Key_Tab)
        typed(sheet, str(row + 1))  # people served, one more on every row
        for _ in range(place - 3):
            key(sheet, Qt.Key.Key_Tab)
        key(sheet, Qt.Key.Key_F2)
        type_text(QApplication.focusWidget(), "活动室")  # Chinese as an input method commits it
        key(sheet, Qt.Key.Key_Return)  # down to the row's first column
    assert "20" in dialog.count_label.text()
    assert dialog.problem.text() == ""
    key(sheet, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    rows = service_records.query(ctx.store, Query(limit=100))
    assert len(rows) == 20
    assert {r["service_date"] for r in rows} == {date(2026, 3, 1)}
    assert {r["category_code"] for r in rows} == {"WM01"}
    assert sorted(r["people_served"] for r in rows) == list(range(1, 21))
    assert {r["place"] for r in rows} == {"活动室"}
    page = window.ledger_pages["services"]
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert service_records.query(ctx.store, Query(limit=100)) == []


def test_a_bad_row_is_marked_when_left_and_nothing_is_saved(
    qtbot: Any, ctx: Any, monkeypatch: Any
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    _window, dialog = open_sheet(qtbot, ctx)
    sheet = dialog.sheet
    typed(sheet, "2026-02-30")  # no such day
    key(sheet, Qt.Key.Key_Tab)
    typed(sheet, "WM01")
    key(sheet, Qt.Key.Key_Return)
    assert sheet.currentRow() == 1
    assert dialog.problem.text().startswith("Row 1")
    assert sheet.item(0, 0).toolTip()
    key(sheet, Qt.Key.Key_S, CTRL)
    assert warned and dialog.isVisible(), dialog.problem.text()
    assert service_records.query(ctx.store, Query(limit=10)) == []
