"""Export history (导出记录): what was exported when, and whether it was submitted.

Marking an export as submitted (已上报) locks the records of its period, so it
asks first; opening the file or its folder goes through QDesktopServices.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import Period, PeriodError
from commdesk.domain.roles import SUBMIT
from commdesk.store.engine import Store
from commdesk.store.services import periods as period_log
from commdesk.ui.permissions import guard

translate = QCoreApplication.translate

STATUS_COLOURS = {
    period_log.SUBMITTED: QColor("#1a7f37"),
    period_log.MODIFIED: QColor("#9a6700"),
}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def status_text(status: str) -> str:
    """The words for a period or export state, shared by the banner and the table."""
    return {
        period_log.NONE: translate("ReturnsHistory", "Not exported"),
        period_log.EXPORTED: translate("ReturnsHistory", "Exported"),
        period_log.SUBMITTED: translate("ReturnsHistory", "Submitted"),
        period_log.MODIFIED: translate("ReturnsHistory", "Modified, needs re-submitting"),
    }.get(status, status)


def entry_status(entry: dict[str, Any]) -> str:
    """State of one export-log row (the period state is :func:`periods.state`)."""
    if entry.get("modified_after_submit"):
        return period_log.MODIFIED
    if entry.get("status") == period_log.SUBMITTED:
        return period_log.SUBMITTED
    return period_log.EXPORTED


def period_label(code: str) -> str:
    try:
        return Period.parse(code).label()
    except PeriodError:
        return code


def format_time(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value or "")


def open_path(path: Path) -> bool:
    """Hand a file or folder to the desktop (Excel/WPS, Explorer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class HistoryPanel(QWidget):
    """The export log with open / open folder / mark submitted."""

    changed = Signal()  # a period was marked submitted

    PERIOD, TIME, FILE, STATUS = range(4)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("exportHistory")
        self.table.setHorizontalHeaderLabels(
            [
                translate("ReturnsHistory", "Period"),
                translate("ReturnsHistory", "Exported at"),
                translate("ReturnsHistory", "File"),
                translate("ReturnsHistory", "Status"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.PERIOD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.FILE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.open_button = QPushButton(translate("ReturnsHistory", "Open file"), self)
        self.folder_button = QPushButton(translate("ReturnsHistory", "Open folder"), self)
        self.submit_button = QPushButton(translate("ReturnsHistory", "Mark as submitted…"), self)
        self.submit_button.setToolTip(
            translate(
                "ReturnsHistory",
                "Record that this return was handed to the township. "
                "The period's records become read-only.",
            )
        )
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.open_folder)
        self.submit_button.clicked.connect(self.mark_submitted)
        guard(self.submit_button, store, SUBMIT)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.open_file())
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # ------------------------------------------------------------ data
    def refresh(self) -> None:
        selected = self.selected_entry()
        keep = selected["id"] if selected else None
        rows = period_log.history(self.store)
        self.table.setRowCount(len(rows))
        for i, entry in enumerate(rows):
            status = entry_status(entry)
            path = Path(entry["file_name"])
            cells = [
                period_label(entry["period_code"]),
                format_time(entry["exported_at"]),
                path.name,
                status_text(status),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ROW_ROLE, entry)
                if j == self.FILE:
                    item.setToolTip(str(path))
                if j == self.STATUS and status in STATUS_COLOURS:
                    item.setForeground(QBrush(STATUS_COLOURS[status]))
                self.table.setItem(i, j, item)
            if entry["id"] == keep:
                self.table.selectRow(i)
        self._update_buttons()

    def row_count(self) -> int:
        return self.table.rowCount()

    def entries(self) -> list[dict[str, Any]]:
        return [self.table.item(i, 0).data(ROW_ROLE) for i in range(self.table.rowCount())]

    def select_log(self, log_id: int) -> bool:
        for i, entry in enumerate(self.entries()):
            if entry["id"] == log_id:
                self.table.selectRow(i)
                return True
        return False

    def selected_entry(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(ROW_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.open_button.setEnabled(entry is not None)
        self.folder_button.setEnabled(entry is not None)
        self.submit_button.setEnabled(
            entry is not None and entry_status(entry) == period_log.EXPORTED
        )

    # ------------------------------------------------------------ actions
    def open_file(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        path = Path(entry["file_name"])
        if not path.is_file():
            QMessageBox.warning(
                self,
                translate("ReturnsHistory", "Open file"),
                translate(
                    "ReturnsHistory", "The file is no longer there (moved or deleted):\n{path}"
                ).format(path=path),
            )
            return
        open_path(path)

    def open_folder(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        folder = Path(entry["file_name"]).parent
        if not folder.is_dir():
            QMessageBox.warning(
                self,
                translate("ReturnsHistory", "Open folder"),
                translate("ReturnsHistory", "The folder is no longer there:\n{path}").format(
                    path=folder
                ),
            )
            return
        open_path(folder)

    def mark_submitted(self) -> bool:
        entry = self.selected_entry()
        if entry is None or entry_status(entry) != period_log.EXPORTED:
            return False
        label = period_label(entry["period_code"])
        answer = QMessageBox.question(
            self,
            translate("ReturnsHistory", "Mark as submitted"),
            translate(
                "ReturnsHistory",
                "Mark the return for {period} ({file}) as submitted to the township?\n\n"
                "Records dated in {period} will be locked. Changing one later needs an "
                "unlock with a reason, and the return must then be submitted again.",
            ).format(period=label, file=Path(entry["file_name"]).name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from commdesk.store.accounts import NotAllowed

        try:
            period_log.mark_submitted(self.store, int(entry["id"]))
        except NotAllowed as refused:  # the store decides; the clerk reads why
            QMessageBox.warning(
                self, translate("ReturnsHistory", "Mark as submitted"), str(refused)
            )
            return False
        self.refresh()
        self.changed.emit()
        return True
