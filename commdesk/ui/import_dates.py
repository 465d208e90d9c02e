"""The preview's question about dates the roster lacks (joining date, exit date).

Shown only when the plan names rows without a joining date or marked 退出
without an exit date. Each question offers the rule the CLI uses by default or
a date the clerk gives; the answer is applied to the plan in place
(:func:`commdesk.importing.assumptions.choose_dates`), so nothing is re-read.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from commdesk.domain.validators import check_date
from commdesk.importing.assumptions import DateGaps, choose_dates
from commdesk.importing.plan import ImportPlan

translate = QCoreApplication.translate
RULE, ON_DATE = 0, 1


class _Question:
    """A label, the choice between the default rule and a date, and the date.

    The date is typed as text and read with the importer's own date reader, so
    every spelling a clerk uses (2026-01-01, 2026/1/1, 2026年1月1日 …) works.
    """

    def __init__(self, parent: QWidget, grid: QGridLayout, row: int, name: str) -> None:
        self.label = QLabel(parent)
        self.label.setWordWrap(True)
        self.choice = QComboBox(parent)
        self.choice.setObjectName(f"importAssume_{name}")
        self.choice.addItems(["", translate("ImportDates", "On this date:")])
        self.date = QLineEdit(parent)
        self.date.setObjectName(f"importAssumeDate_{name}")
        self.date.setPlaceholderText(translate("ImportDates", "e.g. 2026-01-01"))
        self.date.setMaximumWidth(self.date.fontMetrics().horizontalAdvance("0") * 16)
        self.label.setBuddy(self.choice)
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.choice, row, 1)
        grid.addWidget(self.date, row, 2)

    def show(self, visible: bool) -> None:
        for widget in (self.label, self.choice, self.date):
            widget.setVisible(visible)
        self.sync()

    def sync(self) -> None:
        """Enable the date only for "on this date"; say why a typed date is refused."""
        on_date = self.choice.currentIndex() == ON_DATE
        self.date.setEnabled(on_date)
        checked = check_date(self.date.text(), not_future=True)
        bad = on_date and bool(self.date.text().strip()) and not checked.ok
        self.date.setToolTip("；".join(checked.errors) if bad else "")
        self.date.setStyleSheet("background: #fde2e1;" if bad else "")

    def answer(self) -> date | None:
        if self.choice.currentIndex() != ON_DATE:
            return None
        checked = check_date(self.date.text(), not_future=True)
        return checked.value if checked.ok else None

    def complete(self) -> bool:
        return not self.label.isVisibleTo(self.label.parentWidget()) or (
            self.choice.currentIndex() == RULE or self.answer() is not None
        )


class DateChoices(QWidget):
    """Ask which dates to use for the rows the file leaves undated."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDateChoices")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        self.join = _Question(self, grid, 0, "join")
        self.left = _Question(self, grid, 1, "left")
        for question in (self.join, self.left):
            question.choice.currentIndexChanged.connect(self._edited)
            question.date.textChanged.connect(self._edited)
        self.hide()

    def _edited(self) -> None:
        for question in (self.join, self.left):
            question.sync()
        self.changed.emit()

    def is_complete(self) -> bool:
        """False while "on this date" is chosen without a date."""
        return self.join.complete() and self.left.complete()

    def apply(self, plan: ImportPlan) -> None:
        """Show the questions this plan raises and apply the current answers to it."""
        gaps = plan.dates
        counts = gaps.counts() if gaps is not None else {"join": 0, "left": 0}
        self.setVisible(any(counts.values()))
        if gaps is None:
            return
        self._word(gaps, counts)
        self.join.show(counts["join"] > 0)
        self.left.show(counts["left"] > 0)
        if self.is_complete():
            choose_dates(plan, join=self.join.answer(), left=self.left.answer())

    def _word(self, gaps: DateGaps, counts: dict[str, int]) -> None:
        self.join.label.setText(
            translate("ImportDates", "Joining date for the {count} rows without one:").format(
                count=counts["join"]
            )
        )
        self.left.label.setText(
            translate(
                "ImportDates", "Exit date for the {count} rows marked 退出 without one:"
            ).format(count=counts["left"])
        )
        join_rule = translate("ImportDates", "Earlier than every period")
        if gaps.last_export is not None:
            left_rule = translate(
                "ImportDates", "Counted up to {period}, the latest exported"
            ).format(period=gaps.last_export[0])
        else:
            left_rule = translate("ImportDates", "Counted in no period (nothing exported yet)")
        for question, text in ((self.join, join_rule), (self.left, left_rule)):
            question.choice.blockSignals(True)
            question.choice.setItemText(RULE, text)
            question.choice.blockSignals(False)
