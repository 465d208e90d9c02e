"""Overview page: figures as the clerk sees them, and the ways from it to the other pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget
from test_main_window import make_window
from ui_helpers import service_row

from commdesk.domain.periods import Period
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams

TODAY = date(2026, 11, 20)


def _texts(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_overview_shows_activity_ledgers_and_returns_due(
    qtbot: Any, ctx: Any, submit_period: Any
) -> None:
    store = ctx.store
    service_records.add(store, service_row(service_date=date(2026, 11, 2), people_served=3))
    service_records.add(store, service_row(service_date=date(2026, 10, 9), hours=2.5))
    service_records.add(store, service_row(service_date=date(2026, 2, 1), people_served=10))
    teams.add(store, {"name": "党员先锋队"})
    submit_period(store, "2026Q3")
    window = make_window(qtbot, ctx)
    window.show_page("overview")
    page = window.overview_page
    page.refresh(TODAY)  # supersedes the refresh of showing it, which used the real date
    assert page.wait()
    assert page.status.text() == "As of 2026-11-20"
    assert _texts(page.activity, 0) == ["1", "3", "1.5"]  # this month
    assert _texts(page.activity, 1) == ["1", "2", "2.5"]  # last month
    assert _texts(page.activity, 2) == ["3", "15", "5.5"]  # the year so far
    assert page.counts["teams"].text().endswith("  1")
    assert page.counts["volunteers"].text().endswith("  0")
    # One list of the returns to send now: what, period, deadline, state and action.
    table = page.due.table
    assert page.findChild(QTableWidget, "overviewReturns") is None  # no second list
    rows = {
        table.item(r, 0).text(): [table.item(r, c).text() for c in (1, 2, 3)]
        + [table.cellWidget(r, 4).text()]
        for r in range(table.rowCount())
    }
    assert rows["月报"] == [
        "2026年10月", "2026-11-15 (5 days late)", "Overdue", "Prepare…",
    ]  # fmt: skip
    assert rows["季报"] == ["2026年第3季度", "2026-10-15", "Submitted", "Open…"]
    assert rows["年报"][0] == "2025年" and rows["年报"][2] == "Overdue"
    assert set(rows) == {"月报", "季报", "年报快报", "年报"}
    # from the overview to the return to send
    month = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "月报")
    button = table.cellWidget(month, 4)
    assert isinstance(button, QPushButton) and button.text() == "Prepare…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pages["reports"]
    assert window.returns_page.period() == Period.parse("2026-10")
    # and to a ledger
    window.show_page("overview")
    qtbot.mouseClick(page.counts["workers"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pages["workers"]


def test_overview_follows_changes_while_shown(qtbot: Any, ctx: Any) -> None:
    window = make_window(qtbot, ctx)
    window.show_page("overview")
    page = window.overview_page
    assert page.wait()
    assert [page.activity.item(r, 0).text() for r in range(3)] == ["0", "0", "0"]
    service_records.add(ctx.store, service_row(service_date=date.today()))
    ctx.events.changed.emit("service_record")
    assert page.wait()
    assert [page.activity.item(r, 0).text() for r in range(3)] == ["1", "0", "1"]
