"""The plan indicators on the overview: value, target, state, and the rows behind each.

A row's state is coloured (达标 green, 未达标 red, 无数据 grey); double-clicking
a row (or Enter) opens the ledger filtered to the facilities or workers counted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.indicators import MET, NO_DATA, NO_TARGET, NOT_MET
from commdesk.returns.indicator_text import indicator_label, state_detail, value_text
from commdesk.returns.indicators import Indicator, IndicatorReport

translate = QCoreApplication.translate

STATE_COLOURS = {
    MET: QColor("#1e7b34"),
    NOT_MET: QColor("#b3261e"),
    NO_DATA: QColor("#6b6b6b"),
    NO_TARGET: QColor("#6b6b6b"),
}
STATE_BACKGROUNDS = {MET: QColor("#e3f4e6"), NOT_MET: QColor("#fbe4e2")}


class _ElidedLabel(QLabel):
    """One line, cut with … where it is too narrow; the whole text in its tooltip."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, self.width())
        if elided != self.text():
            self.setText(elided)


class IndicatorsPanel(QWidget):
    """One row per indicator of table 6, as of the chosen period's end."""

    open_records = Signal(str, object)  # ledger name, list of ids

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorsPanel")
        self.report: IndicatorReport | None = None
        self.caption = _ElidedLabel(self)  # one line: the indicators stay above the fold
        self.caption.setObjectName("hint")
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("indicatorsTable")
        self.table.setHorizontalHeaderLabels(
            [
                translate("Indicators", "Indicator"),
                translate("Indicators", "Value"),
                translate("Indicators", "Target"),
                translate("Indicators", "State"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(60)  # scrolls rather than push the page off the screen
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.open_row(row))
        self.table.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)  # the caption belongs to the table under it
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_row(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def set_report(self, report: IndicatorReport) -> None:
        self.report = report
        plan = report.plan
        plan_text = (
            f"{plan.name}（{plan.document}）" if plan else translate("Indicators", "No plan loaded")
        )
        self.caption.set_full_text(
            translate("Indicators", "As of {date}; targets: {plan}").format(
                date=f"{report.as_of:%Y-%m-%d}", plan=plan_text
            )
        )
        self.table.setRowCount(len(report.indicators))
        for row, ind in enumerate(report.indicators):
            cells = [
                indicator_label(ind),
                value_text(ind),
                ind.target_text or "—",
                state_detail(ind),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 3:
                    item.setForeground(STATE_COLOURS[ind.state])
                    background = STATE_BACKGROUNDS.get(ind.state)
                    if background is not None:
                        item.setBackground(background)
                item.setToolTip(f"{indicator_label(ind)}\n{self._tooltip(ind)}")
                self.table.setItem(row, column, item)

    def _tooltip(self, ind: Indicator) -> str:
        counted = sum(len(ids) for ids in ind.records.values())
        if not ind.records:
            return state_detail(ind)
        return translate("Indicators", "{state}; {count} records behind it (double-click)").format(
            state=state_detail(ind), count=counted
        )

    def open_row(self, row: int) -> None:
        if self.report is None or not 0 <= row < len(self.report.indicators):
            return
        ind = self.report.indicators[row]
        for ledger, ids in ind.records.items():
            self.open_records.emit(ledger, list(ids))
            return
