"""Other clerks' changes appear in an open ledger page within a few seconds.

A page polls one cheap counter (the newest audit row's id: every write by anyone
is audited) and reloads when it moves, keeping the clerk's scroll position,
selection and current cell — a colleague's save must not yank the view away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, QTimer, Signal
from PySide6.QtWidgets import QTableView, QWidget
from sqlalchemy.exc import SQLAlchemyError

from commdesk.store.engine import Store
from commdesk.store.services.conflicts import change_counter
from commdesk.ui.table_model import LedgerTableModel

POLL_MS = 2000


class ChangeWatcher(QObject):
    """Emits ``changed`` when someone (any process) wrote since the last look."""

    changed = Signal()

    def __init__(self, store: Store, page: QWidget, interval_ms: int = POLL_MS) -> None:
        super().__init__(page)
        self.store = store
        self.page = page
        self.seen = self._read() or 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _read(self) -> int | None:
        try:
            return change_counter(self.store)
        except SQLAlchemyError:
            return None  # the database is away for a moment: the next poll tries again

    def poll(self) -> None:
        if not self.page.isVisible():
            return
        counter = self._read()
        if counter is None or counter == self.seen:
            return
        self.seen = counter
        self.changed.emit()


def reload_keeping_view(
    table: QTableView, model: LedgerTableModel, reload: Callable[[], None]
) -> None:
    """Run ``reload`` (a model reset) and put the scroll, selection and current row back."""
    vertical, horizontal = table.verticalScrollBar(), table.horizontalScrollBar()
    top, left = vertical.value(), horizontal.value()
    selection = table.selectionModel()
    selected = [(i.row(), model.row_id(i.row())) for i in selection.selectedRows()]
    current = table.currentIndex()
    current_key = (current.row(), model.row_id(current.row())) if current.isValid() else None
    column = current.column() if current.isValid() else 0
    reload()

    def row_now(row: int, row_id: int | None) -> int | None:
        if row_id is None:
            return None
        if model.row_id(row) == row_id:  # the usual case: an edit elsewhere moves nothing
            return row
        return model.row_of_id(row_id)

    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    if current_key is not None:
        row = row_now(*current_key)
        if row is not None:
            selection.setCurrentIndex(
                model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate
            )
    for old_row, row_id in selected:
        row = row_now(old_row, row_id)
        if row is not None:
            selection.select(model.index(row, 0), flags)
    vertical.setValue(top)
    horizontal.setValue(left)
