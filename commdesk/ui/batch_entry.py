"""Batch entry for service records: a sheet, one row per record, as in Excel.

The service form's fields are the columns, and each cell edits with the
form's own editor (:mod:`commdesk.ui.grid_editors`): pickers, the date entry
and pinyin completion. Tab moves right (wrapping to the next row), Enter
moves down to the column where the row was started, Ctrl+D fills down, a
running count says how many rows are filled. Each row is checked
when the clerk leaves it, and the sheet is saved with Ctrl+S — both through
the importer's row pipeline (:func:`plan_paste`, the columns in order), so a
cell means the same as in an imported file (2026/3/1, “文体活动”, WM01, 3人).
Saving is one transaction and one undo step; a rejected row saves nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QInputMethodEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.ledgers import Field
from commdesk.importing import ImportFileError, commit_import
from commdesk.importing.clipboard import PASTE_SHEET, plan_paste
from commdesk.importing.plan import ImportPlan
from commdesk.importing.readers import SheetData
from commdesk.ui.date_entry import DateEditor
from commdesk.ui.grid_editors import CellDelegate, start_fresh
from commdesk.ui.import_support import error_text
from commdesk.ui.screen_fit import fit_size
from commdesk.ui.undo import PasteCommand

if TYPE_CHECKING:
    from commdesk.ui.ledger_page import LedgerPage

translate = QCoreApplication.translate
START_ROWS = 50
BAD = QColor("#fde2e1")


def grid_fields(page: LedgerPage) -> list[Field]:
    """The service form's fields, in its order: each is a column."""
    return list(page.ledger.fields)


class Sheet(QTableWidget):
    """Excel's keys: typing replaces a cell, Enter goes down (to the row's first
    edited column), Tab right, F2 edits, F4 opens a list or calendar, Ctrl+D
    fills down, Delete clears; Esc while editing restores the cell."""

    def __init__(self, rows: int, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(rows, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.row_start = 0  # the column Enter returns to

    def text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text().strip() if item is not None else ""

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def open_editor(self) -> QWidget | None:
        """The current cell's editor, opened now if it was not."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        if not self.editing():
            self.edit(index)
        return self.indexWidget(index) if self.editing() else None

    def commit_editor(self) -> None:
        """Write an open editor's text into its cell (before a save)."""
        editor = self.indexWidget(self.currentIndex()) if self.editing() else None
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def move(self, key: int) -> None:
        """After an editor committed: Enter down, Tab right, Shift+Tab left, Up/Down."""
        row, col = self.currentRow(), self.currentColumn()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Down):
            self._down(col if key == Qt.Key.Key_Down else self.row_start)
        elif key == Qt.Key.Key_Up:
            self.setCurrentCell(max(row - 1, 0), col)
        elif key == Qt.Key.Key_Tab:
            if col + 1 < self.columnCount():
                self.setCurrentCell(row, col + 1)
            else:
                self._down(0)
        elif key == Qt.Key.Key_Backtab and col > 0:
            self.setCurrentCell(row, col - 1)
        self.setFocus()

    def _down(self, col: int) -> None:
        row = min(self.currentRow() + 1, self.rowCount() - 1)
        if row == self.rowCount() - 1:
            self.setRowCount(self.rowCount() + 10)
        self.setCurrentCell(row, col)

    def currentChanged(
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        if current.row() != previous.row() or current.column() == 0:
            self.row_start = current.column()

    def _typing(self, event: QKeyEvent | QInputMethodEvent) -> None:
        """A key typed on a selected cell opens its editor, empty, with that key."""
        editor = self.open_editor()
        if editor is None:
            return
        start_fresh(editor)
        target = editor.focusProxy() or editor
        QApplication.sendEvent(target, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_D and mods == ctrl:
            self.fill_down()
            return
        if self.editing():
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._down(self.row_start)
            return
        alt = Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & alt):
            editor = self.open_editor()  # the calendar or the list, as in the form
            if editor is not None:
                QApplication.sendEvent(editor.focusProxy() or editor, event)
            return
        if key == Qt.Key.Key_F2 and not mods:
            editor = self.open_editor()  # the cursor after the text, as Excel's F2 puts it
            line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
            if isinstance(line, QLineEdit):
                line.deselect()
                line.end(False)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods:
            self.clear_cells()
            return
        typed = event.text()
        if typed and typed.isprintable() and not mods & (ctrl | alt):
            self._typing(event)
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if not self.editing() and event.commitString():
            self._typing(event)
            return
        super().inputMethodEvent(event)

    def clear_cells(self) -> None:
        for index in self.selectedIndexes() or [self.currentIndex()]:
            item = self.item(index.row(), index.column())
            if item is not None and item.text():
                item.setText("")

    def fill_down(self) -> None:
        """Ctrl+D: the top cell of the selection (or the cell above) into the cells below."""
        self.commit_editor()
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
        self.delegate = CellDelegate(page.ctx, self.fields, self.sheet.move, self.sheet)
        self.sheet.setItemDelegate(self.delegate)
        self._size_columns()
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
                "Type into a cell to fill it: dates in any spelling, categories and names "
                "by pinyin initials (zs for 张三); F4 opens the list or calendar, F2 edits, "
                "Esc cancels. Tab moves right, Enter to the next row, Ctrl+D copies the cell "
                "above, Ctrl+S saves all rows at once.",
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
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
        fit_size(self, 1300, 620)
        self._count()
        self.sheet.setCurrentCell(0, 0)
        self.sheet.setFocus()

    def _size_columns(self) -> None:
        """Each column as wide as its field's width (scaled with the font) or its title,
        rows as tall as the form's editors, so an open editor shows its text whole."""
        scale = max(1.0, self.fontMetrics().height() / 17)
        header = self.sheet.horizontalHeader()
        metrics = header.fontMetrics()
        for col, f in enumerate(self.fields):
            title = metrics.horizontalAdvance(f.label()) + 24
            self.sheet.setColumnWidth(col, max(int(f.width * scale), title))
        probe = DateEditor(self)
        probe.hide()
        height = max(probe.sizeHint().height(), self.sheet.verticalHeader().defaultSectionSize())
        probe.deleteLater()
        self.sheet.verticalHeader().setDefaultSectionSize(height)

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
        self.sheet.commit_editor()
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
        if plan.new_teams and not self._create_teams(plan.new_teams):
            return 0
        try:
            result = commit_import(self.page.ctx.store, plan, source_name=self.windowTitle())
        except Exception as exc:  # shown, nothing written (one transaction)
            self.problem.setText(error_text(exc))
            return 0
        if result.first_id is not None and result.last_id is not None:
            ids = list(range(result.first_id, result.last_id + 1))
            self.page.undo_stack.push(
                PasteCommand(self.page.ctx, self.page.service, ids, result.team_ids)
            )
        self.page.notice.emit(
            translate("BatchEntry", "Saved {count} records.").format(count=result.added)
        )
        self.accept()
        return result.added

    def _create_teams(self, names: list[str]) -> bool:
        """A team name the data folder does not know creates a team: ask first."""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            translate(
                "BatchEntry",
                "These volunteer teams are new and will be created: {teams}. Save?",
            ).format(teams="、".join(names)),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save

    def reject(self) -> None:
        """Esc outside a cell or Cancel: typed rows are not thrown away without asking."""
        self.sheet.commit_editor()  # what is being typed counts as typed (Esc in a cell is the
        # delegate's: it restores that cell only and never reaches here)
        if self.filled_rows():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                translate("BatchEntry", "Discard the {count} rows typed in this sheet?").format(
                    count=len(self.filled_rows())
                ),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


def open_batch_entry(page: LedgerPage) -> BatchEntryDialog | None:
    if page.ledger.name != "service_record" or page.showing_deleted:
        page.notice.emit(translate("BatchEntry", "Batch entry is for the services ledger."))
        return None
    dialog = BatchEntryDialog(page)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
