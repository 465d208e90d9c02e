"""The audit log page: who changed what and when, filtered, with before → after.

Rows are read a page at a time (``canFetchMore``/``fetchMore``), so a log of
a hundred thousand entries opens as fast as a short one. ID numbers arrive
masked from the store service; the page never asks for full ones.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.store.maintenance import disk_problem
from commdesk.store.services import audit_log
from commdesk.store.services.audit_log import AuditFilter, AuditRow
from commdesk.ui.context import UiContext
from commdesk.ui.date_entry import DateEditor, DateProblemLabel

translate = QCoreApplication.translate
PAGE = 200
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    return [
        translate("AuditPage", "Time"),
        translate("AuditPage", "User"),
        translate("AuditPage", "Change"),
        translate("AuditPage", "Ledger"),
        translate("AuditPage", "Record"),
        translate("AuditPage", "What"),
    ]


def summary(row: AuditRow) -> str:
    """One line for the table: the fields changed, or the note."""
    if row.action == "update" and row.changes:
        return "、".join(c.label for c in row.changes)
    return row.note or ""


class AuditModel(QAbstractTableModel):
    """Audit entries newest first, fetched in pages as the view scrolls."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = AuditFilter()
        self.rows: list[AuditRow] = []
        self.total = 0
        self.headers = _headers()

    def reload(self, f: AuditFilter | None = None) -> None:
        self.beginResetModel()
        if f is not None:
            self.filter = f
        self.total = audit_log.count(self.ctx.store, self.filter)
        self.rows = audit_log.query(self.ctx.store, self.filter, offset=0, limit=PAGE)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = audit_log.query(self.ctx.store, self.filter, offset=len(self.rows), limit=PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return row.at.strftime("%Y-%m-%d %H:%M:%S")
            if column == 1:
                return row.user
            if column == 2:
                return audit_log.action_label(row.action)
            if column == 3:
                return audit_log.table_label(row.table_name)
            if column == 4:
                return "" if row.row_id is None else str(row.row_id)
            return summary(row)
        return None


class AuditPage(QWidget):
    """Filters on top, the log in the middle, the selected entry's changes below."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_audit")
        self.ctx = ctx
        self._stale = True
        self.ledger = QComboBox(self)
        self.ledger.setObjectName("auditLedger")
        self.kind = QComboBox(self)
        self.kind.setObjectName("auditKind")
        self.date_from = DateEditor(self, placeholder=translate("AuditPage", "any"))
        self.date_to = DateEditor(self, placeholder=translate("AuditPage", "any"))
        self.date_problem = DateProblemLabel(self, self.date_from, self.date_to)
        self.export_button = QPushButton(translate("AuditPage", "Export to Excel…"), self)
        self.export_button.clicked.connect(self.export)
        for combo in (self.ledger, self.kind):  # long item names must not widen the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
        filters = QHBoxLayout()
        for label, widget in (
            (translate("AuditPage", "Ledger"), self.ledger),
            (translate("AuditPage", "Change"), self.kind),
            (translate("AuditPage", "From"), self.date_from),
            (translate("AuditPage", "To"), self.date_to),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addStretch(1)
        self.model = AuditModel(ctx, self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 90, 120, 110, 60)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_details())
        self.count_label = QLabel(self)
        self.details_title = QLabel(self)
        self.details_title.setWordWrap(True)
        self.details = QTableWidget(0, 3, self)
        self.details.setObjectName("auditDetails")
        self.details.setHorizontalHeaderLabels(
            [
                translate("AuditPage", "Field"),
                translate("AuditPage", "Before"),
                translate("AuditPage", "After"),
            ]
        )
        self.details.verticalHeader().hide()
        self.details.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details_title)
        lower_layout.addWidget(self.details, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.date_problem)
        layout.addWidget(splitter, 1)
        # The export button sits with the count it exports, so the filter row (two
        # dates, two lists) still fits a 1366-pixel screen at 150 % in English.
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        for combo in (self.ledger, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.entered.connect(self.refresh)
        ctx.events.changed.connect(self._on_data_changed)
        self._fill_choices()

    # ------------------------------------------------------------ filters
    def _fill_choices(self) -> None:
        tables, actions = audit_log.distinct_values(self.ctx.store)
        for combo, values, label, everything in (
            (self.ledger, tables, audit_log.table_label, translate("AuditPage", "All ledgers")),
            (self.kind, actions, audit_log.action_label, translate("AuditPage", "All changes")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            known = sorted(set(values) | ({"reveal_id"} if combo is self.kind else set()))
            for value in known:
                combo.addItem(label(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        table, action = self.ledger.currentData(), self.kind.currentData()
        return AuditFilter(
            tables=(table,) if table else (),
            actions=(action,) if action else (),
            date_from=self.date_from.date_value(),
            date_to=self.date_to.date_value(),
        )

    def set_filter(
        self,
        *,
        table: str | None = None,
        action: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> None:
        """Set every filter at once (menus and tests), then reload once."""
        widgets = (self.ledger, self.kind, self.date_from, self.date_to)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.ledger.setCurrentIndex(max(self.ledger.findData(table), 0))
            self.kind.setCurrentIndex(max(self.kind.findData(action), 0))
            self.date_from.set_value(date_from)
            self.date_to.set_value(date_to)
            self.date_problem.update_text()
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.refresh()

    # ------------------------------------------------------------ data
    def refresh(self) -> None:
        self.model.reload(self.current_filter())
        self._stale = False
        self.count_label.setText(
            translate("AuditPage", "{count} entries").format(count=self.model.total)
        )
        if self.model.rows:
            self.table.selectRow(0)
        self.show_details()

    def _on_data_changed(self, _ledger: str) -> None:
        if self.isVisible():
            self._fill_choices()
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._fill_choices()
            self.refresh()

    def selected_row(self) -> AuditRow | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def show_details(self) -> None:
        row = self.selected_row()
        self.details.setRowCount(0)
        if row is None:
            self.details_title.clear()
            return
        title = f"{audit_log.action_label(row.action)} · {audit_log.table_label(row.table_name)}"
        if row.row_id is not None:
            title += translate("AuditPage", " · record {id}").format(id=row.row_id)
        title += f" · {row.user} · {row.at:%Y-%m-%d %H:%M:%S}"
        if row.note:
            title += "\n" + translate("AuditPage", "Note: {note}").format(note=row.note)
        self.details_title.setText(title)
        self.details.setRowCount(len(row.changes))
        for r, change in enumerate(row.changes):
            for c, text in enumerate((change.label, change.before, change.after)):
                self.details.setItem(r, c, QTableWidgetItem(text))

    # ------------------------------------------------------------ export
    def export(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = translate("AuditPage", "audit-log-{day}.xlsx").format(
            day=date.today().strftime("%Y%m%d")
        )
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("AuditPage", "Export the audit log"),
            str(Path(folder or ".") / name),
            translate("AuditPage", "Excel workbook (*.xlsx)"),
        )
        if not path:
            return None
        return self.export_to(Path(path))

    def export_to(self, path: Path) -> Path | None:
        """Write the filtered log (IDs masked); a message says how it went."""
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            written = audit_log.export_xlsx(self.ctx.store, self.current_filter(), path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                translate("AuditPage", "Export failed"),
                translate(
                    "AuditPage", "The audit log could not be written to {path}:\n{reason}"
                ).format(path=path, reason=disk_problem(exc)),
            )
            return None
        self.count_label.setText(
            translate("AuditPage", "{count} entries written to {path}").format(
                count=written, path=path
            )
        )
        return path
