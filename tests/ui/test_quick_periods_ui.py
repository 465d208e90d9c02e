"""Quick periods beside the ledger's date filters and on the returns page, chosen with
the keyboard under a fixed clock across month, quarter and year boundaries (issue 17)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_helpers import service_row

from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.returns_period import PeriodPicker
from commdesk.ui.specs import SERVICES_SPEC

DAYS = (date(2025, 10, 1), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 5))


@pytest.fixture
def page(qtbot: Any, ctx: Any) -> LedgerPage:
    for day in DAYS:
        service_records.add(ctx.store, service_row(service_date=day))
    page = LedgerPage(ctx, SERVICES_SPEC)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.fixed_today = date(2026, 1, 1)  # New Year's Day, a Thursday
    return page


def shown_days(page: LedgerPage) -> list[date]:
    rows = service_records.query(page.ctx.store, Query(limit=None))
    by_id = {row["id"]: row["service_date"] for row in rows}
    return sorted(by_id[page.model.row_id(r)] for r in range(page.row_count()))


def choose(qtbot: Any, box: Any, label: str) -> None:
    """Arrow keys on the closed box, as a clerk does, until ``label`` is current."""
    box.setFocus()
    box.setCurrentIndex(0)
    for _ in range(box.count()):
        if box.currentText() == label:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    raise AssertionError(f"{label} not offered: {[box.itemText(i) for i in range(box.count())]}")


@pytest.mark.parametrize(
    ("label", "days", "span"),
    [
        ("Today", [date(2026, 1, 1)], ("2026-01-01", "2026-01-01")),
        ("This week", [date(2025, 12, 31), date(2026, 1, 1)], ("2025-12-29", "2026-01-04")),
        ("Last month", [date(2025, 12, 31)], ("2025-12-01", "2025-12-31")),
        ("This quarter", [date(2026, 1, 1), date(2026, 1, 5)], ("2026-01-01", "2026-03-31")),
        ("Last quarter", [date(2025, 10, 1), date(2025, 12, 31)], ("2025-10-01", "2025-12-31")),
        ("Last year", [date(2025, 10, 1), date(2025, 12, 31)], ("2025-01-01", "2025-12-31")),
    ],
)
def test_quick_period_fills_the_dates_and_filters(
    qtbot: Any, page: LedgerPage, label: str, days: list[date], span: tuple[str, str]
) -> None:
    assert len(shown_days(page)) == 4
    choose(qtbot, page.quick_period, label)
    assert page.date_from is not None and page.date_to is not None
    assert (page.date_from.text(), page.date_to.text()) == span
    assert shown_days(page) == days


def test_editing_a_date_by_hand_drops_the_quick_label(qtbot: Any, page: LedgerPage) -> None:
    choose(qtbot, page.quick_period, "Last month")
    assert page.quick_period.currentText() == "Last month"
    assert page.date_from is not None
    page.date_from.setFocus()
    qtbot.keyClick(page.date_from, Qt.Key.Key_Backspace)
    assert page.quick_period.currentIndex() == 0  # no longer claims "last month"
    page.clear_filters()
    assert len(shown_days(page)) == 4


def test_returns_page_picker_offers_whole_periods(qtbot: Any) -> None:
    picker = PeriodPicker(["month", "quarter", "year"], date(2026, 1, 1))
    qtbot.addWidget(picker)
    picker.show()
    labels = [picker.quick.itemText(i) for i in range(1, picker.quick.count())]
    assert "Today" not in labels and "This week" not in labels  # not reporting periods
    for label, code in (
        ("Last month", "2025-12"),
        ("Last quarter", "2025Q4"),
        ("Last year", "2025"),
        ("This quarter", "2026Q1"),
    ):
        with qtbot.waitSignal(picker.periodChanged):
            choose(qtbot, picker.quick, label)
        assert picker.period().code == code
