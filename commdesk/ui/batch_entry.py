"""Batch entry for service records: a sheet, one row per record, as in Excel.

The service form's fields are the columns. Tab moves right (wrapping to the
next row), Enter moves down to the column where the row was started, Ctrl+D
fills down, a running count says how many rows are filled. Each row is checked
when the clerk leaves it, and the sheet is saved with Ctrl+S — both through
the importer's row pipeline (:func:`plan_paste`, the columns in order), so a
cell means the same as in an imported file (2026/3/1, “文体活动”, WM01, 3人).
Saving is one transaction and one undo step; a rejected row saves nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.ledgers import TEAM, VOLUNTEERS, Field
from commdesk.importing import ImportFileError, commit_import
from commdesk.importing.clipboard import PASTE_SHEET, plan_paste
from commdesk.importing.plan import ImportPlan
from commdesk.importing.readers import SheetData
from commdesk.ui.import_support import error_text
from commdesk.ui.undo import PasteCommand

if TYPE_CHECKING:
    from commdesk.ui.ledger_page import LedgerPage

translate = QCoreApplication.translate
START_ROWS = 50
BAD = QColor("#fde2e1")


def grid_fields(page: LedgerPage) -> list[Field]:
    """The form's fields a sheet cell can hold (volunteer pickers stay in the form)."""
    return [f for f in page.ledger.fields if f.visible and f.kind not in (TEAM, VOLUNTEERS)]


class Sheet(QTableWidget):
    """Excel's keys: Tab right, Enter down (to the row's first edited column), Ctrl+D."""

    def __init__(self, rows: int, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(rows, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.row_start = 0  # the column Enter returns to

    def text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text().strip() if item is not None else ""

    def _down(self) -> None:
        row = min(self.currentRow() + 1, self.rowCount() - 1)
        if row == self.rowCount() - 1:
            self.setRowCount(self.rowCount() + 10)
        self.setCurrentCell(row, self.row_start)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in the editor
            self._down()

    def currentChanged(
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        if current.row() != previous.row() or current.column() == 0:
            self.row_start = current.column()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_D and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.fill_down()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            self._down()
            return
        super().keyPressEvent(event)

    def fill_down(self) -> None:
        """Ctrl+D: the top cell of the selection (or the cell above) into the cells below."""
        cells = sorted((i.row(), i.column()) for i in self.selectedIndexes()) or [
            (self.currentRow(), self.currentColumn())
        ]
        columns = sorted({c for _, c in cells})
        for col in columns:
            rows = sorted(r for r, c in cells if c == col)
            source = rows[0] if len(rows) > 1 else rows[0] - 1
            if source < 0:
                continue
            value = self.text(source, col)
            for row in rows:
                if row != source:
                    self.setItem(row, col, QTableWidgetItem(value))


class BatchEntryDialog(QDialog):
    """Many service records typed in one sheet, saved together."""

    def __init__(self, page: LedgerPage) -> None:
        super().__init__(page)
        self.setObjectName("batchEntry")
        self.page = page
        self.fields = grid_fields(page)
        self.setWindowTitle(
            translate("BatchEntry", "Batch entry: {ledger}").format(ledger=page.ledger.label())
        )
        self.sheet = Sheet(START_ROWS, [f.label() for f in self.fields], self)
        self.sheet.setObjectName("batchSheet")
        self.sheet.itemChanged.connect(lambda _item: self._count())
        self.sheet.currentCellChanged.connect(self._left_cell)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("batchCount")
        self.problem = QLabel(self)
        self.problem.setObjectName("batchProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b42318;")
        hint = QLabel(
            translate(
                "BatchEntry",
                "Tab moves right, Enter to the next row, Ctrl+D copies the cell above, "
                "Ctrl+S saves all rows at once.",
            ),
            self,
        )
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        buttons.accepted.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.sheet, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)
        self.resize(1100, 560)
        self._count()
        self.sheet.setCurrentCell(0, 0)
        self.sheet.setFocus()

    # ------------------------------------------------------------ rows
    def filled_rows(self) -> list[int]:
        return [
            r
            for r in range(self.sheet.rowCount())
            if any(self.sheet.text(r, c) for c in range(len(self.fields)))
        ]

    def _count(self) -> None:
        self.count_label.setText(
            translate("BatchEntry", "Rows filled: {count}").format(count=len(self.filled_rows()))
        )

    def _plan(self, rows: list[int]) -> ImportPlan:
        data = SheetData(
            PASTE_SHEET,
            [
                (r + 1, tuple(self.sheet.text(r, c) or None for c in range(len(self.fields))))
                for r in rows
            ],
        )
        columns = [(f.label(), f.name) for f in self.fields]
        return plan_paste(
            self.page.ctx.store,
            "services",
            data,
            columns,
            source=self.page.ctx.data_dir / "batch.xlsx",
            header=False,
        )

    def _mark(self, rows: list[int], plan: ImportPlan) -> None:
        reasons = {r.row_number - 1: r.reason for r in plan.rejected}
        reasons |= {r.row_number - 1: r.reason for r in plan.skipped}
        for row in rows:
            for col in range(len(self.fields)):
                item = self.sheet.item(row, col)
                if item is None:
                    item = QTableWidgetItem("")
                    self.sheet.blockSignals(True)
                    self.sheet.setItem(row, col, item)
                    self.sheet.blockSignals(False)
                item.setBackground(QBrush(BAD) if row in reasons else QBrush())
                item.setToolTip(reasons.get(row, ""))
        shown = [
            translate("BatchEntry", "Row {row}: {reason}").format(row=r + 1, reason=why)
            for r, why in sorted(reasons.items())
        ]
        self.problem.setText("\n".join(shown[:5]))

    def _left_cell(self, row: int, _col: int, previous_row: int, _previous_col: int) -> None:
        """Check a row when the clerk leaves it."""
        if previous_row < 0 or previous_row == row or previous_row not in self.filled_rows():
            return
        try:
            self._mark([previous_row], self._plan([previous_row]))
        except ImportFileError as exc:
            self.problem.setText(error_text(exc))

    # ------------------------------------------------------------ save
    def save(self) -> int:
        """All filled rows in one transaction, or none when any row is refused."""
        rows = self.filled_rows()
        if not rows:
            self.reject()
            return 0
        try:
            plan = self._plan(rows)
        except ImportFileError as exc:
            self.problem.setText(error_text(exc))
            return 0
        self._mark(rows, plan)
        if plan.rejected or plan.skipped:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                translate(
                    "BatchEntry",
                    "{count} row(s) cannot be saved (marked in red); nothing was saved.",
                ).format(count=len(plan.rejected) + len(plan.skipped)),
            )
            return 0
        try:
            result = commit_import(self.page.ctx.store, plan, source_name=self.windowTitle())
        except Exception as exc:  # shown, nothing written (one transaction)
            self.problem.setText(error_text(exc))
            return 0
        if result.first_id is not None and result.last_id is not None:
            ids = list(range(result.first_id, result.last_id + 1))
            self.page.undo_stack.push(PasteCommand(self.page.ctx, self.page.service, ids))
        self.page.notice.emit(
            translate("BatchEntry", "Saved {count} records.").format(count=result.added)
        )
        self.accept()
        return result.added


def open_batch_entry(page: LedgerPage) -> BatchEntryDialog | None:
    if page.ledger.name != "service_record" or page.showing_deleted:
        page.notice.emit(translate("BatchEntry", "Batch entry is for the services ledger."))
        return None
    dialog = BatchEntryDialog(page)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
