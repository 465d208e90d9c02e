"""The batch sheet's cells edit with the form's pickers, by keyboard only.

Keys go where Qt's window system sends them: to an open list (a completer
popup) when one is showing, else to the focused widget. Chinese text only as
an input method commits it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from test_batch_entry import open_sheet
from ui_helpers import make_id, service_row, type_text

from commdesk.store.services.base import Query
from commdesk.store.services.facilities import facilities
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.ui.batch_entry import BatchEntryDialog
from commdesk.ui.date_entry import CalendarPopup, DateEditor
from commdesk.ui.field_widgets import ChoiceEditor
from commdesk.ui.grid_editors import NameEditor

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def target() -> QWidget:
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None
    return widget


def key(k: Qt.Key, mod: Qt.KeyboardModifier = NONE) -> None:
    QTest.keyClick(target(), k, mod)
    QApplication.processEvents()


def typed(text: str) -> None:
    for char in text:
        QTest.keyClick(target(), char)
    QApplication.processEvents()


def column(dialog: BatchEntryDialog, name: str) -> int:
    return [f.name for f in dialog.fields].index(name)


def go_to(dialog: BatchEntryDialog, name: str) -> None:
    """Tab along the row to the column of field ``name``."""
    while dialog.sheet.currentColumn() < column(dialog, name):
        key(Qt.Key.Key_Tab)
    assert dialog.sheet.currentColumn() == column(dialog, name)


def popup_names() -> list[str]:
    popup = QApplication.activePopupWidget()
    assert popup is not None and popup.isVisible(), "no completion list is showing"
    model = popup.model()  # type: ignore[attr-defined]
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def choose(name: str) -> None:
    """Arrow down the open list to ``name`` and press Enter."""
    names = popup_names()
    assert name in names, names
    for _ in range(names.index(name) + 1):
        key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)


def test_pickers_in_cells_pinyin_names_typed_category_and_date_then_saved(
    qtbot: Any, ctx: Any
) -> None:
    zhang = volunteers.add(ctx.store, {"name": "张三", "id_number": make_id(1)})
    volunteers.add(ctx.store, {"name": "赵森", "id_number": make_id(2)})  # also "zs"
    li = volunteers.add(ctx.store, {"name": "李四", "id_number": make_id(3)})
    team = teams.add(ctx.store, {"name": "和平志愿服务队"})
    _window, dialog = open_sheet(qtbot, ctx)
    sheet = dialog.sheet

    typed("2026/3/1")  # the first key opens the date entry with that key
    assert isinstance(QApplication.focusWidget(), DateEditor)
    key(Qt.Key.Key_Tab)
    assert sheet.text(0, 0) == "2026-03-01"
    typed("ylfw")  # 养老服务 by its pinyin initials
    assert isinstance(QApplication.focusWidget(), ChoiceEditor)
    assert popup_names() == ["养老服务"]
    key(Qt.Key.Key_Tab)
    assert sheet.text(0, 1) == "养老服务"
    typed("lnr")  # 老年人
    key(Qt.Key.Key_Tab)
    typed("12")
    go_to(dialog, "provider_kind_code")
    typed("TEAM")
    go_to(dialog, "team_id")
    typed("hp")
    assert popup_names() == ["和平志愿服务队"]
    choose("和平志愿服务队")
    key(Qt.Key.Key_Tab)

    typed("zs")  # the volunteers cell: pinyin initials offer both people
    assert isinstance(QApplication.focusWidget(), NameEditor)
    assert sorted(popup_names()) == ["张三", "赵森"]
    choose("张三")
    assert QApplication.focusWidget().text() == "张三"  # type: ignore[union-attr]
    typed(",ls")  # a second name after a separator
    choose("李四")
    assert QApplication.focusWidget().text() == "张三,李四"  # type: ignore[union-attr]
    key(Qt.Key.Key_Return)  # commits and goes down to the row's first column
    assert (sheet.currentRow(), sheet.currentColumn()) == (1, 0)
    assert sheet.text(0, column(dialog, "volunteers")) == "张三、李四"

    key(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    (row,) = service_records.query(ctx.store, Query(limit=10))
    assert row["service_date"] == date(2026, 3, 1)
    assert row["category_code"] == "WM01"
    assert row["target_group_code"] == "ELD"
    assert row["people_served"] == 12
    assert row["provider_kind_code"] == "TEAM"
    assert row["team_id"] == team
    stored = service_records.get(ctx.store, row["id"])
    assert stored is not None and sorted(stored["volunteers"]) == sorted([zhang, li])


def test_excel_keys_f4_calendar_f2_esc_typing_replaces_and_fill_down(qtbot: Any, ctx: Any) -> None:
    _window, dialog = open_sheet(qtbot, ctx)
    sheet = dialog.sheet
    typed("2026-3-2")
    key(Qt.Key.Key_Down)  # opened by typing: Down commits and moves, as in Excel
    assert (sheet.currentRow(), sheet.text(0, 0)) == (1, "2026-03-02")
    key(Qt.Key.Key_Up)
    key(Qt.Key.Key_F2)  # F2 edits the text in place: Down steps the date a day
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)
    assert sheet.text(0, 0) == "2026-03-01"
    key(Qt.Key.Key_Up)
    key(Qt.Key.Key_F4)  # the calendar, at the cell's date
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, CalendarPopup)
    assert popup.calendar.selectedDate().toPython() == date(2026, 3, 1)
    QTest.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Right)
    QTest.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Return)
    QApplication.processEvents()
    key(Qt.Key.Key_Return)
    assert sheet.text(0, 0) == "2026-03-02"
    key(Qt.Key.Key_Up)
    typed("2026/4/")  # typing replaces the cell; Esc throws the typing away
    key(Qt.Key.Key_Escape)
    assert sheet.text(0, 0) == "2026-03-02" and not sheet.editing()
    assert dialog.isVisible()
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_F2)
    type_text(QApplication.focusWidget(), "养老服务")
    key(Qt.Key.Key_Return)  # down to the row's first column
    assert (sheet.currentRow(), sheet.currentColumn()) == (1, 0)
    key(Qt.Key.Key_D, CTRL)  # the cells above, picker columns too
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_D, CTRL)
    assert [sheet.text(1, 0), sheet.text(1, 1)] == ["2026-03-02", "养老服务"]
    go_to(dialog, "people_served")
    typed("1")
    key(Qt.Key.Key_Up)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_F2)  # F2 keeps the text and types after it
    typed("2")
    key(Qt.Key.Key_Tab)
    assert sheet.text(1, column(dialog, "people_served")) == "12"
    key(Qt.Key.Key_Backtab)
    key(Qt.Key.Key_Delete)
    assert sheet.text(1, column(dialog, "people_served")) == ""


def test_esc_outside_a_cell_asks_before_dropping_typed_rows(
    qtbot: Any, ctx: Any, monkeypatch: Any
) -> None:
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    _window, dialog = open_sheet(qtbot, ctx)
    typed("2026/3/1")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Escape)
    assert asked and "1" in asked[0]
    assert dialog.isVisible() and dialog.sheet.text(0, 0) == "2026-03-01"


def test_recipient_and_place_cells_complete_earlier_recipients_and_facilities(
    qtbot: Any, ctx: Any
) -> None:
    service_records.add(ctx.store, service_row(recipient_name="王小明"))
    facilities.add(ctx.store, {"name": "和平社区文化活动室", "type_code": "F05"})
    _window, dialog = open_sheet(qtbot, ctx)
    sheet = dialog.sheet
    go_to(dialog, "place")
    typed("whhds")  # 文化活动室 inside the facility's name
    assert popup_names() == ["和平社区文化活动室"]
    choose("和平社区文化活动室")
    key(Qt.Key.Key_Tab)
    assert sheet.text(0, column(dialog, "place")) == "和平社区文化活动室"
    go_to(dialog, "recipient_name")
    typed("wxm")
    assert popup_names() == ["王小明"]
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Tab)  # Tab takes the highlighted name and moves on
    assert sheet.text(0, column(dialog, "recipient_name")) == "王小明"
    assert sheet.currentColumn() == column(dialog, "recipient_id_number")


def test_chinese_typed_on_a_selected_cell_and_a_new_team_asked_then_undone_with_the_batch(
    qtbot: Any, ctx: Any, monkeypatch: Any
) -> None:
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "question", answer)
    window, dialog = open_sheet(qtbot, ctx)
    sheet = dialog.sheet
    typed("2026/3/1")
    key(Qt.Key.Key_Tab)
    typed("WM01")
    go_to(dialog, "team_id")
    type_text(sheet, "新星队")  # an input method's commit on the selected cell opens its editor
    assert isinstance(QApplication.focusWidget(), NameEditor)
    key(Qt.Key.Key_Tab)
    go_to(dialog, "place")
    type_text(sheet, "活动室")
    key(Qt.Key.Key_Return)
    assert sheet.text(0, column(dialog, "team_id")) == "新星队"
    assert sheet.text(0, column(dialog, "place")) == "活动室"
    key(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    assert asked and "新星队" in asked[0]
    (row,) = service_records.query(ctx.store, Query(limit=10))
    (team,) = teams.query(ctx.store, Query(limit=10))
    assert (team["name"], row["team_id"], row["place"]) == ("新星队", team["id"], "活动室")
    page = window.ledger_pages["services"]
    page.undo_stack.undo()  # the batch goes, and the team it created with it
    assert service_records.query(ctx.store, Query(limit=10)) == []
    assert teams.query(ctx.store, Query(limit=10)) == []
    page.undo_stack.redo()
    assert [t["name"] for t in teams.query(ctx.store, Query(limit=10))] == ["新星队"]
