"""汇总 → 指标达标情况: every committee's plan indicators, the township's own, and a chart.

Filled from the consolidation the page has just checked (no store access): the
township's table 6 with its urban and rural shares, how many committees meet
each target, a sortable table of the committees (达标 highlighted) and a chart of
the committees against the chosen indicator's target.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.indicators import NO_DATA
from commdesk.returns.consolidate_model import Consolidation
from commdesk.returns.indicator_text import number, state_text
from commdesk.returns.township_indicators import TownshipIndicators, township_indicators
from commdesk.ui.indicators_panel import STATE_BACKGROUNDS, STATE_COLOURS
from commdesk.ui.tasks import BackgroundTasks
from commdesk.ui.trend_charts import preload

translate = QCoreApplication.translate
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class _Item(QTableWidgetItem):
    """Sorted by its number (or text), not by the text shown."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if isinstance(mine, int | float) and isinstance(theirs, int | float):
            return mine < theirs
        if isinstance(mine, int | float) != isinstance(theirs, int | float):
            return isinstance(mine, int | float)  # numbers before 无数据
        return str(self.text()) < str(other.text())


def _item(text: str, sort: Any = None, *, right: bool = False) -> _Item:
    item = _Item(text)
    item.setData(SORT_ROLE, sort if sort is not None else text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(parent: QWidget, name: str) -> QTableWidget:
    table = QTableWidget(0, 0, parent)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    return table


class TownshipIndicatorsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("townshipIndicators")
        self.data: TownshipIndicators | None = None
        self.canvas: Any = None
        self._drawn_for: object = None
        # matplotlib (~0.5 s) loads on a worker while the committees' files are read, not
        # on the GUI thread when the first chart is drawn.
        self._loader = BackgroundTasks(self)
        self._loader.run("charts", preload, lambda _r: None, lambda _e: None)
        self.caption = QLabel(translate("TownshipIndicators", "Nothing consolidated yet."), self)
        self.caption.setObjectName("hint")
        self.overall = _table(self, "townshipOverall")
        self.shares = _table(self, "townshipShares")
        self.committees = _table(self, "townshipCommittees")
        self.committees.setSortingEnabled(True)
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("townshipChartIndicator")
        self.chooser.currentIndexChanged.connect(lambda _i: self._draw())
        self.chart_box = QWidget(self)
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chooser)

        top = QHBoxLayout()
        top.addWidget(self.overall, 1)
        top.addWidget(self.shares, 1)
        top_box = QWidget(self)
        top_box.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.committees)
        bottom.addWidget(self.chart_box)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top_box)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(split, 1)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until matplotlib is loaded (tests, benchmarks)."""
        return self._loader.finish(msecs)

    # ------------------------------------------------------------ data
    def show_consolidation(self, cons: Consolidation | None) -> None:
        if cons is None or cons.result is None:
            self.data = None
            self.caption.setText(translate("TownshipIndicators", "Nothing consolidated yet."))
            for table in (self.overall, self.shares, self.committees):
                table.setRowCount(0)
            return
        self.set_data(township_indicators(cons))

    def set_data(self, ti: TownshipIndicators) -> None:
        self.data = ti
        plan = ti.plan
        self.caption.setText(
            translate(
                "TownshipIndicators", "{unit}, {period}: {count} committees; targets: {plan}"
            ).format(
                unit=ti.unit_name,
                period=ti.period.label(),
                count=len(ti.committees),
                plan=f"{plan.name}（{plan.document}）" if plan else "—",
            )
        )
        self._fill_overall(ti)
        self._fill_shares(ti)
        self._fill_committees(ti)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for col in ti.columns:
            if not col.flag:
                self.chooser.addItem(f"{col.code} {col.label}", col.code)
        self.chooser.blockSignals(False)
        self._drawn_for = None
        if self.isVisible():
            self._draw()

    def _state_item(self, state: str, text: str, sort: Any = None) -> _Item:
        item = _item(text, sort, right=True)
        item.setForeground(STATE_COLOURS[state])
        background = STATE_BACKGROUNDS.get(state)
        if background is not None:
            item.setBackground(background)
        item.setToolTip(state_text(state))
        return item

    def _fill_overall(self, ti: TownshipIndicators) -> None:
        t = self.overall
        t.setColumnCount(4)
        t.setHorizontalHeaderLabels(
            [
                translate("TownshipIndicators", "Township indicator"),
                translate("TownshipIndicators", "Value"),
                translate("TownshipIndicators", "Target"),
                translate("TownshipIndicators", "State"),
            ]
        )
        t.setRowCount(len(ti.township))
        for r, row in enumerate(ti.township):
            unit = f"（{row.unit}）" if row.unit else ""
            t.setItem(r, 0, _item(f"{row.code} {row.label}{unit}"))
            value = "—" if row.value is None else number(row.value, row.decimals)
            t.setItem(r, 1, _item(value, row.value, right=True))
            t.setItem(r, 2, _item(row.target_text or "—"))
            t.setItem(r, 3, self._state_item(row.state, state_text(row.state)))
        header = t.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)

    def _fill_shares(self, ti: TownshipIndicators) -> None:
        t = self.shares
        t.setColumnCount(4)
        t.setHorizontalHeaderLabels(
            [
                translate("TownshipIndicators", "Committees meeting the target"),
                translate("TownshipIndicators", "All"),
                translate("TownshipIndicators", "Urban (居)"),
                translate("TownshipIndicators", "Rural (村)"),
            ]
        )
        t.setRowCount(len(ti.shares))
        for r, (col, share) in enumerate(zip(ti.columns, ti.shares, strict=True)):
            t.setItem(r, 0, _item(f"{col.code} {col.label}"))
            for c, group in enumerate(("all", "urban", "village"), start=1):
                percent = ti.share_percent(col.code, group)
                text = f"{share.met[group]}/{share.judged[group]}"
                if percent is not None:
                    text += f"（{number(percent, 1)}%）"
                t.setItem(r, c, _item(text, percent, right=True))
        header = t.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)

    def _fill_committees(self, ti: TownshipIndicators) -> None:
        t = self.committees
        t.setUpdatesEnabled(False)
        t.setSortingEnabled(False)
        # No column sized to its contents while 6,000 cells go in: once, at the end.
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.clear()
        t.setColumnCount(3 + len(ti.columns))
        t.setHorizontalHeaderLabels(
            [
                translate("TownshipIndicators", "Committee"),
                translate("TownshipIndicators", "Code"),
                translate("TownshipIndicators", "Kind"),
                *(col.code for col in ti.columns),
            ]
        )
        for c, col in enumerate(ti.columns, start=3):
            t.horizontalHeaderItem(c).setToolTip(f"{col.label}\n{col.target_text}")
        kinds = {
            "urban": translate("TownshipIndicators", "Urban (居)"),
            "village": translate("TownshipIndicators", "Rural (村)"),
        }
        t.setRowCount(len(ti.committees))
        for r, row in enumerate(ti.committees):
            t.setItem(r, 0, _item(row.name))
            t.setItem(r, 1, _item(row.code))
            t.setItem(r, 2, _item(kinds.get(row.kind, row.kind)))
            for c, (col, cell) in enumerate(zip(ti.columns, row.cells, strict=True), start=3):
                if cell.value is None:
                    text = state_text(NO_DATA)
                elif col.flag:
                    text = (
                        translate("Indicators", "Yes")
                        if cell.value
                        else translate("Indicators", "No")
                    )
                else:
                    text = number(cell.value, col.decimals)
                t.setItem(r, c, self._state_item(cell.state, text, cell.value))
        t.setSortingEnabled(True)
        header = t.horizontalHeader()
        header.setResizeContentsPrecision(40)  # widths from 40 rows, not all 500
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.setUpdatesEnabled(True)

    # ------------------------------------------------------------ chart
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw()

    def chart_spec(self) -> Any:
        from commdesk.returns.charts import committee_spec

        code = self.chooser.currentData()
        if self.data is None or code is None:
            return None
        return committee_spec(self.data, str(code))

    def _draw(self) -> None:
        """Draw the chosen indicator's chart (matplotlib is loaded on the first one)."""
        key = (id(self.data), self.chooser.currentData())
        if not self.isVisible() or self._drawn_for == key:
            return
        spec = self.chart_spec()
        if spec is None:
            return
        from commdesk.returns.charts import draw

        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.canvas = FigureCanvasQTAgg(Figure(figsize=(4, 3), layout="constrained"))
            self.canvas.setObjectName("townshipChart")
            self.canvas.setMinimumSize(200, 160)
            self.chart_box.layout().addWidget(self.canvas, 1)
        figure = self.canvas.figure
        figure.clear()
        draw(figure.add_subplot(), spec)
        self.canvas.draw_idle()
        self._drawn_for = key
