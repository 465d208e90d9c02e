"""Dates typed as clerks type them, into every date field and filter, read back from the store.

Each spelling is typed key by key into the real widgets (Chinese and full-width
text through an input-method commit), saved with the real Save button and read
back through the store services: a spelling that is misread ends up as another
day in the database and fails here. Unreadable text must be refused with a
message and never saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QToolButton
from ui_helpers import make_id, service_row, type_text

from commdesk.domain.ledgers import DATE
from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.ui.audit_page import AuditPage
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.record_form import RecordDialog
from commdesk.ui.specs import (
    FACILITIES_SPEC,
    SERVICES_SPEC,
    TEAMS_SPEC,
    VOLUNTEERS_SPEC,
    WORKERS_SPEC,
    PageSpec,
)
from commdesk.ui.theme import apply_style
from commdesk.ui.translations import Translators

MARCH_1 = date(2026, 3, 1)
SPELLINGS = (
    "2026-03-01",
    "2026/3/1",
    "2026.3.1",
    "20260301",
    "2026年3月1日",
    "２０２６－０３－０１",
)
SPECS = {
    spec.key: spec
    for spec in (SERVICES_SPEC, VOLUNTEERS_SPEC, WORKERS_SPEC, FACILITIES_SPEC, TEAMS_SPEC)
}
UNREADABLE = {
    "2026-02-30": "not a real calendar date",
    "2026-13-01": "not a real calendar date",
    "abc": "Cannot read this as a date",
    "2026-3": "Cannot read this as a date",
    "20260": "Cannot read this as a date",  # half-typed; a spreadsheet serial would be 1955
}


def date_fields(spec: PageSpec) -> list[str]:
    return [f.name for f in spec.ledger.fields if f.kind == DATE]


def make_page(qtbot: Any, ctx: Any, spec: PageSpec) -> LedgerPage:
    page = LedgerPage(ctx, spec)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def open_new(qtbot: Any, page: LedgerPage) -> RecordDialog:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # focus moves (and leaving a field) as on a desk
    return dialog


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    """What a clerk does: click in, select everything, delete it, type."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        type_text(widget, text)  # keyClicks cannot type Chinese or full-width digits


def fill_required(qtbot: Any, dialog: RecordDialog, ctx: Any, seed: int) -> None:
    """The required non-date fields, typed (choices by their catalogue code)."""
    form = dialog.form
    for f in form.fields:
        editor = form.editors[f.name]
        if not f.required or f.kind == DATE or editor.value() not in (None, "", ()):
            continue
        if f.kind == "text":
            type_into(qtbot, editor, f"测试{seed}")
        elif f.kind == "id_number":
            type_into(qtbot, editor, make_id(seed))
        elif f.kind == "choice":
            code = next(iter(ctx.catalogues[f.catalogue])).code
            type_into(qtbot, editor.lineEdit(), code)
        elif f.kind == "choices":  # a worker's posts: tick the first with Space
            first = next(iter(editor.boxes.values()))
            first.setFocus()
            qtbot.keyClick(first, Qt.Key.Key_Space)
        else:
            raise AssertionError(f"no typing rule for required {f.kind} field {f.name}")


def type_date(qtbot: Any, dialog: RecordDialog, name: str, text: str) -> None:
    editor = dialog.form.editors[name]
    type_into(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the hint: Enter moves to the next field
    assert not editor.hasFocus()


# ---------------------------------------------------------------------------
# Every spelling into every date field of every form, saved, read back


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("key", list(SPECS))
def test_each_spelling_in_each_date_field_is_stored_as_typed(
    qtbot: Any, ctx: Any, key: str, spelling: str
) -> None:
    spec = SPECS[key]
    page = make_page(qtbot, ctx, spec)
    dialog = open_new(qtbot, page)
    fill_required(qtbot, dialog, ctx, seed=SPELLINGS.index(spelling) + 40)
    names = date_fields(spec)
    for name in names:
        editor = dialog.form.editors[name]
        f = spec.ledger.field(name)
        if not f.required and not f.derived_from_id:  # a birth date came from the ID
            assert editor.value() is None  # optional dates start empty and can be typed
        type_date(qtbot, dialog, name, spelling)
        assert editor.text() == "2026-03-01"  # shown back in the one canonical spelling
        assert dialog.form.message(name) in ("",) or "Differs" in dialog.form.message(name)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), (dialog.status.text(), dialog.form.values())
    (row,) = spec.service.query(ctx.store, Query(limit=None))
    stored = spec.service.get(ctx.store, row["id"])
    assert stored is not None
    assert {name: stored[name] for name in names} == {name: MARCH_1 for name in names}


def test_day_and_month_are_not_swapped_on_save(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    dialog = open_new(qtbot, page)
    fill_required(qtbot, dialog, ctx, seed=1)
    type_date(qtbot, dialog, "service_date", "2026-10-05")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (row,) = service_records.query(ctx.store, Query(limit=None))
    assert row["service_date"] == date(2026, 10, 5)


@pytest.mark.parametrize(
    ("key", "name"), [("services", "service_date"), ("volunteers", "joined_date")]
)
def test_unreadable_dates_are_refused_with_a_message_and_never_saved(
    qtbot: Any, ctx: Any, key: str, name: str
) -> None:
    spec = SPECS[key]
    page = make_page(qtbot, ctx, spec)
    dialog = open_new(qtbot, page)
    fill_required(qtbot, dialog, ctx, seed=3)
    for text, words in UNREADABLE.items():
        type_date(qtbot, dialog, name, text)
        editor = dialog.form.editors[name]
        assert editor.text() == text  # kept as typed: never turned into another day
        assert words in dialog.form.message(name)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # refused
        assert dialog.isVisible() and words in dialog.form.message(name)
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible()
    assert spec.service.count(ctx.store, Query(limit=None)) == 0
    type_date(qtbot, dialog, name, "2026年3月1日")  # corrected: saves
    assert dialog.form.message(name) == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (row,) = spec.service.query(ctx.store, Query(limit=None))
    assert spec.service.get(ctx.store, row["id"])[name] == MARCH_1  # type: ignore[index]


@pytest.fixture
def chinese_ui() -> Iterator[None]:
    """The shipped Chinese UI; the conftest removes the translators afterwards."""
    locale = QLocale()
    Translators().apply("zh_CN")
    yield
    QLocale.setDefault(locale)


def test_the_refusal_reads_in_chinese_in_a_chinese_ui(
    qtbot: Any, ctx: Any, chinese_ui: None
) -> None:
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    dialog = open_new(qtbot, page)
    type_date(qtbot, dialog, "service_date", "2026-02-30")
    assert dialog.form.message("service_date") == "2026-02-30 不是有效的日期。"
    type_date(qtbot, dialog, "service_date", "abc")
    message = dialog.form.message("service_date")
    assert message and not re.search("[A-Za-z]", message)


def test_optional_date_can_be_emptied_again(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx, VOLUNTEERS_SPEC)
    dialog = open_new(qtbot, page)
    fill_required(qtbot, dialog, ctx, seed=4)
    type_date(qtbot, dialog, "joined_date", "2021-05-10")
    assert dialog.form.editors["joined_date"].text() == "2021-05-10"
    type_date(qtbot, dialog, "joined_date", "")
    assert dialog.form.message("joined_date") == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (row,) = VOLUNTEERS_SPEC.service.query(ctx.store, Query(limit=None))
    assert VOLUNTEERS_SPEC.service.get(ctx.store, row["id"])["joined_date"] is None  # type: ignore[index]


# ---------------------------------------------------------------------------
# The ledger's 日期从/至 filter and the audit page's dates


@pytest.fixture
def three_services(ctx: Any) -> Any:
    for day in (MARCH_1, date(2026, 3, 2), date(2026, 10, 5)):
        service_records.add(ctx.store, service_row(service_date=day))
    return ctx


def filter_dates(qtbot: Any, page: LedgerPage) -> list[date]:
    rows = service_records.query(page.ctx.store, Query(limit=None))
    by_id = {row["id"]: row["service_date"] for row in rows}
    assert page.row_count() <= len(by_id)
    shown = {page.model.row_id(r) for r in range(page.row_count())}
    return sorted(by_id[i] for i in shown)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_typed_filter_dates_narrow_the_rows(qtbot: Any, three_services: Any, spelling: str) -> None:
    page = make_page(qtbot, three_services, SERVICES_SPEC)
    assert page.row_count() == 3
    assert page.date_from is not None and page.date_to is not None
    for edit in (page.date_from, page.date_to):
        type_into(qtbot, edit, spelling)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert edit.text() == "2026-03-01"
    assert filter_dates(qtbot, page) == [MARCH_1]
    type_into(qtbot, page.date_to, "")
    qtbot.keyClick(page.date_to, Qt.Key.Key_Return)
    assert filter_dates(qtbot, page) == [MARCH_1, date(2026, 3, 2), date(2026, 10, 5)]
    type_into(qtbot, page.date_from, "2026-10-05")
    qtbot.keyClick(page.date_from, Qt.Key.Key_Return)
    assert filter_dates(qtbot, page) == [date(2026, 10, 5)]


def test_unreadable_filter_date_is_refused_next_to_the_field(
    qtbot: Any, three_services: Any
) -> None:
    page = make_page(qtbot, three_services, SERVICES_SPEC)
    assert page.date_from is not None
    for text, words in UNREADABLE.items():
        type_into(qtbot, page.date_from, text)
        qtbot.keyClick(page.date_from, Qt.Key.Key_Return)
        assert page.date_from.text() == text
        assert page.date_problem.isVisible() and words in page.date_problem.text()
        assert page.row_count() == 3  # nothing narrowed by a guess
    type_into(qtbot, page.date_from, "2026/3/2")
    qtbot.keyClick(page.date_from, Qt.Key.Key_Return)
    assert not page.date_problem.isVisible()
    assert filter_dates(qtbot, page) == [date(2026, 3, 2), date(2026, 10, 5)]
    page.clear_filters()
    assert page.date_from.text() == "" and page.row_count() == 3


def test_audit_page_date_filter_is_typed(qtbot: Any, three_services: Any) -> None:
    page = AuditPage(three_services)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    logged = page.model.total  # the profile and the three services, all written today
    assert logged >= 3
    today = date.today()
    type_into(qtbot, page.date_from, f"{today.year}年{today.month}月{today.day}日")
    qtbot.keyClick(page.date_from, Qt.Key.Key_Return)
    assert page.model.total == logged
    type_into(qtbot, page.date_to, "2026.3.1")
    qtbot.keyClick(page.date_to, Qt.Key.Key_Return)
    assert page.model.total == 0
    type_into(qtbot, page.date_to, "2026-3")
    qtbot.keyClick(page.date_to, Qt.Key.Key_Return)
    assert "Cannot read this as a date" in page.date_problem.text()
    assert page.model.total == logged


# ---------------------------------------------------------------------------
# The calendar popup


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The shipped stylesheet and font: the popup was cut off only with them."""
    font = QFont(qapp.font())
    apply_style(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


def test_calendar_on_an_empty_field_opens_at_today_and_shows_every_week(
    qtbot: Any, ctx: Any, styled: None
) -> None:
    page = make_page(qtbot, ctx, VOLUNTEERS_SPEC)
    dialog = open_new(qtbot, page)
    editor = dialog.form.editors["joined_date"]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F4)
    popup = editor.popup
    assert popup is not None and popup.isVisible()
    today = QDate.currentDate()
    calendar = popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    grid = popup.grid
    last = grid.model().index(grid.model().rowCount() - 1, 6)
    assert grid.visualRect(last).bottom() <= grid.viewport().height()
    assert popup.frameGeometry().bottom() <= popup.screen().availableGeometry().bottom()
    # picking a day fills the field in the canonical spelling
    day = next(
        grid.model().index(r, c)
        for r in range(1, grid.model().rowCount())
        for c in range(7)
        if str(grid.model().index(r, c).data()) == "15"
    )
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(day).center())
    assert not popup.isVisible()
    assert editor.text() == QDate(today.year(), today.month(), 15).toString("yyyy-MM-dd")


def test_calendar_opens_at_the_fields_date_and_escape_keeps_it(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    assert page.date_from is not None
    type_into(qtbot, page.date_from, "2019-07-20")
    qtbot.keyClick(page.date_from, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = page.date_from.popup
    assert popup is not None and popup.isVisible()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2019, 7)
    assert popup.calendar.selectedDate() == QDate(2019, 7, 20)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert page.date_from.text() == "2019-07-20"


def test_calendar_button_picks_a_filter_date(qtbot: Any, three_services: Any) -> None:
    page = make_page(qtbot, three_services, SERVICES_SPEC)
    assert page.date_from is not None
    (button,) = page.date_from.findChildren(QToolButton)  # the calendar icon in the field
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    popup = page.date_from.popup
    assert popup is not None and popup.isVisible()
    model = popup.grid.model()
    first = next(
        model.index(r, c)
        for r in range(1, model.rowCount())
        for c in range(7)
        if str(model.index(r, c).data()) == "1"
    )
    rect = popup.grid.visualRect(first)
    qtbot.mouseClick(popup.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    start = date.today().replace(day=1)
    assert page.date_from.text() == start.isoformat()
    dates = [MARCH_1, date(2026, 3, 2), date(2026, 10, 5)]
    assert filter_dates(qtbot, page) == [d for d in dates if d >= start]


def test_up_and_down_step_a_day(qtbot: Any, ctx: Any) -> None:
    from commdesk.ui.date_entry import DateEditor

    editor = DateEditor()
    qtbot.addWidget(editor)
    editor.set_value(date(2026, 2, 28))
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert editor.value() == date(2026, 3, 1)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert editor.text() == "2026-02-27"


# ---------------------------------------------------------------------------
# 服务内容: Enter moves on, the box shows its text


def test_enter_in_description_moves_on_and_the_next_text_stays_out(
    qtbot: Any, ctx: Any, styled: None
) -> None:
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    dialog = open_new(qtbot, page)
    form = dialog.form
    description = form.editors["description"]
    line = description.fontMetrics().lineSpacing()
    assert description.viewport().height() >= 3 * line  # not one line tall
    type_text(description, "探访独居老人")
    qtbot.keyClick(description, Qt.Key.Key_Return)
    assert not description.hasFocus()
    focused = QApplication.focusWidget()
    assert focused is form.editors["recipient_name"]
    type_text(focused, "王奶奶")
    assert description.toPlainText() == "探访独居老人"
    # Shift+Enter is the way to a second line, and the box grows to show it
    description.setFocus()
    description.moveCursor(description.textCursor().MoveOperation.End)
    for word in ("第二行", "第三行", "第四行", "第五行"):
        qtbot.keyClick(description, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        type_text(description, word)
    # a plain key last: Qt keeps the last key event's modifiers as the application's,
    # and a Shift left "held" would turn the next test's clicks into range selections
    qtbot.keyClick(description, Qt.Key.Key_End)
    assert description.toPlainText().count("\n") == 4
    assert description.viewport().height() >= 5 * line
    assert description.verticalScrollBar().maximum() == 0  # all five lines in view
