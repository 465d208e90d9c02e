"""汇总 → Indicators: the committees' table (sortable, 达标 highlighted), the township's
shares, and the chart of committees against a target, from a real consolidation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cons_helpers import Town, visible_figures
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from commdesk.domain.periods import Period


def test_township_view_after_adding_a_folder(
    qtbot: Any, store: Any, data_dir: Path, tmp_path: Path, town: Town, monkeypatch: Any
) -> None:
    from commdesk.ui.consolidation_page import ConsolidationPage

    page = ConsolidationPage(
        store, data_dir, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.set_period(Period.parse("2026Q3"))
    chosen = town.committees[:12]
    folder = town.folder("view", chosen)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(page.add_folder_button, Qt.MouseButton.LeftButton)
    page.tabs.setFocus()
    QTest.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    QTest.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    view = page.indicators
    assert page.tabs.currentWidget() is view
    table = view.committees
    assert table.rowCount() == 12

    # Sorted by 602 (每百户面积) with a click on its header: ascending, as read by hand.
    column = 3 + 1
    assert table.horizontalHeaderItem(column).text() == "602"
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    shown = [table.item(r, column).text() for r in range(12)]
    by_hand = sorted(visible_figures(c.path)[("表6", "602", "1")] for c in chosen)
    assert shown == [f"{v:,.1f}" for v in by_hand]
    for r in range(12):
        value = float(table.item(r, column).text())
        colour = table.item(r, column).background().color().name()
        assert colour == ("#e3f4e6" if value >= 30 else "#fbe4e2")

    # Committees meeting 605 (≥18 per 10,000 residents), counted by hand.
    met = sum(visible_figures(c.path)[("表6", "605", "1")] >= 18 for c in chosen)
    row = next(r for r in range(view.shares.rowCount())
               if view.shares.item(r, 0).text().startswith("605"))  # fmt: skip
    assert view.shares.item(row, 1).text().startswith(f"{met}/12")

    # The chart: every committee's value of the chosen indicator against its line.
    spec = view.chart_spec()
    assert spec.key == "committees_602" and spec.line == 30
    drawn = sorted(a + b for a, b in zip(spec.series[0].values, spec.series[1].values, strict=True))
    assert drawn == by_hand
    assert view.canvas is not None
