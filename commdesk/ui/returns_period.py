"""Choosing the reporting period: type (月报/季报/半年报/年报), year, month/quarter/half.

Defaults to the last completed period of the chosen type, the one a clerk
normally reports at the start of a month or quarter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from commdesk.domain.periods import MAX_YEAR, MIN_YEAR, QUICK_PERIODS, Period, quick_period
from commdesk.ui.quick_periods import QuickPeriodBox

translate = QCoreApplication.translate


def last_completed(kind: str, today: date) -> Period:
    """The period a clerk normally reports: the last one that has ended."""
    return Period.containing(kind, today).previous()


class PeriodPicker(QWidget):
    """Period type (月报/季报/半年报/年报) + year + month/quarter/half."""

    periodChanged = Signal(object)  # Period

    def __init__(self, kinds: list[str], today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("periodKind")
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("periodYear")
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        self.index_combo = QComboBox(self)
        self.index_combo.setObjectName("periodIndex")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # No "Period:" caption: 月报/季报 … says it, and the row must fit 1366 px at 150 %.
        self.kind_combo.setAccessibleName(translate("PeriodPicker", "Period:"))
        # 本月, 上季度 …: the owner places it where its row has room.
        self.quick = QuickPeriodBox((), self.choose_quick, self)
        for w in (self.kind_combo, self.year_spin, self.index_combo):
            layout.addWidget(w)
        self.set_kinds(kinds)
        for by_hand in (self.kind_combo.activated, self.index_combo.activated):
            by_hand.connect(lambda _i: self.quick.reset())
        self.year_spin.editingFinished.connect(self._year_edited)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.year_spin.valueChanged.connect(self._emit)
        self.index_combo.currentIndexChanged.connect(self._emit)

    @staticmethod
    def kind_label(kind: str) -> str:
        return {
            "month": translate("PeriodPicker", "Monthly"),
            "quarter": translate("PeriodPicker", "Quarterly"),
            "half": translate("PeriodPicker", "Half-yearly"),
            "year": translate("PeriodPicker", "Annual"),
        }[kind]

    @staticmethod
    def index_labels(kind: str) -> list[str]:
        if kind == "month":
            return [translate("PeriodPicker", "Month {n}").format(n=n) for n in range(1, 13)]
        if kind == "quarter":
            return [translate("PeriodPicker", "Quarter {n}").format(n=n) for n in range(1, 5)]
        if kind == "half":
            return [
                translate("PeriodPicker", "First half"),
                translate("PeriodPicker", "Second half"),
            ]
        return []

    def _year_edited(self) -> None:
        chosen = self.quick.currentData()
        if chosen is not None and quick_period(str(chosen), self.today) != self.period():
            self.quick.reset()

    def choose_quick(self, key: str) -> None:
        """本月, 上月, 本季度, 上季度, 本年, 上年 for this picker's today."""
        self.set_period(quick_period(key, self.today))

    def set_kinds(self, kinds: list[str]) -> None:
        current = self.kind_combo.currentData()
        self.quick.set_keys([k for k, (kind, _step) in QUICK_PERIODS.items() if kind in kinds])
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for kind in kinds:
            self.kind_combo.addItem(self.kind_label(kind), kind)
        self.kind_combo.blockSignals(False)
        default = current if current in kinds else ("quarter" if "quarter" in kinds else kinds[0])
        self.set_period(last_completed(default, self.today), notify=False)

    def period(self) -> Period:
        kind = str(self.kind_combo.currentData())
        index = self.index_combo.currentIndex() + 1 if kind != "year" else 1
        return Period(kind, self.year_spin.value(), max(index, 1))

    def set_period(self, period: Period, *, notify: bool = True) -> None:
        widgets = (self.kind_combo, self.year_spin, self.index_combo)
        for w in widgets:
            w.blockSignals(True)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(period.kind), 0))
        self.index_combo.clear()
        self.index_combo.addItems(self.index_labels(period.kind))
        self.index_combo.setVisible(period.kind != "year")
        self.year_spin.setValue(period.year)
        if period.kind != "year":
            self.index_combo.setCurrentIndex(period.index - 1)
        for w in widgets:
            w.blockSignals(False)
        if notify:
            self._emit()

    def _kind_changed(self) -> None:
        self.set_period(last_completed(str(self.kind_combo.currentData()), self.today))

    def _emit(self, *_args: Any) -> None:
        self.periodChanged.emit(self.period())
