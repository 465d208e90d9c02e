"""The file list of the 汇总 page: one row per input file (and per missing committee).

Each row shows the file's status in colour and the reason; an altered workbook
gets an "include anyway" tick box. Delete (or 移除 in the context menu) asks the
page to take the selected files off the list.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

if TYPE_CHECKING:  # the consolidation code pulls in openpyxl: load it on first use
    from commdesk.returns.consolidate import Consolidation, InputFile

translate = QCoreApplication.translate
PATH_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING = "missing"
COLOURS = {  # status -> (background, text)
    "included": ("#e6f4ea", "#1a7f37"),
    "included-altered": ("#fff4d6", "#7a5200"),
    "duplicate": ("#eef1f2", "#5b6b73"),
    "output-file": ("#eef1f2", "#5b6b73"),
}
EXCLUDED_COLOURS = ("#fdecea", "#b42318")
PLAIN_KEYS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def status_label(status: str) -> str:
    """The status in the UI language (the reason stays as the workbook says it)."""
    return {
        "included": translate("ConsolidationPage", "Included"),
        "included-altered": translate("ConsolidationPage", "Included (altered, visible cells)"),
        "altered": translate("ConsolidationPage", "Altered after export"),
        "not-a-return": translate("ConsolidationPage", "Not a CommDesk return"),
        "unreadable": translate("ConsolidationPage", "Damaged or unreadable"),
        "wrong-definition": translate("ConsolidationPage", "Different return template"),
        "wrong-period": translate("ConsolidationPage", "Different period"),
        "foreign-code": translate("ConsolidationPage", "Not under this township"),
        "wrong-level": translate("ConsolidationPage", "Wrong level"),
        "duplicate": translate("ConsolidationPage", "Duplicate (older export)"),
        "audit-errors": translate("ConsolidationPage", "Audit errors"),
        "inactive": translate("ConsolidationPage", "Inactive in the roster"),
        "output-file": translate("ConsolidationPage", "Output file"),
        MISSING: translate("ConsolidationPage", "Missing"),
    }.get(status, status)


class FileTable(QTableWidget):
    """The input files with their status; Delete and 移除 emit ``removeRequested``."""

    removeRequested = Signal()
    includeToggled = Signal(object, bool)  # resolved Path, ticked

    FILE, UNIT, CODE, KIND, STATUS, REASON, INCLUDE = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setObjectName("consolidationFiles")
        self.setHorizontalHeaderLabels(
            [
                translate("ConsolidationPage", "File"),
                translate("ConsolidationPage", "Committee"),
                translate("ConsolidationPage", "Division code"),
                translate("ConsolidationPage", "Type"),
                translate("ConsolidationPage", "Status"),
                translate("ConsolidationPage", "Reason"),
                translate("ConsolidationPage", "Include anyway"),
            ]
        )
        header = self.horizontalHeader()
        for col in range(7):
            mode = QHeaderView.ResizeMode.ResizeToContents
            if col == self.REASON:
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(col, mode)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.itemChanged.connect(self._item_changed)
        self._showing = False
        # The key is handled in event()/keyPressEvent; the shortcut is shown in the menu.
        self.remove_action = QAction(translate("ConsolidationPage", "Remove"), self)
        self.remove_action.setObjectName("removeFile")
        self.remove_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.removeRequested)
        self.addAction(self.remove_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    # ------------------------------------------------------------ keys
    @staticmethod
    def _is_remove_key(event: QKeyEvent) -> bool:
        keys = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        return event.key() in keys and event.modifiers() in PLAIN_KEYS

    def event(self, event: QEvent) -> bool:
        """Claim Delete before the main window's Delete (for ledger records) takes it."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._is_remove_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_remove_key(event):
            if self.remove_action.isEnabled():
                self.removeRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ content
    def show_consolidation(
        self, cons: Consolidation | None, include_altered: Collection[Path]
    ) -> None:
        self._showing = True
        try:
            files = cons.files if cons is not None else []
            missing = cons.missing if cons is not None else []
            self.setRowCount(len(files) + len(missing))
            for r, f in enumerate(files):
                kind = f.community.get("kind_zh") or ""
                cells = [f.path.name, f.name, f.code, kind, status_label(f.status)]
                detail = "\n".join(x for x in [f.reason, *f.notes] if x)
                self._fill_row(r, [*cells, detail], f.status, str(f.path))
                offer = _may_include(f, cons)
                self._include_cell(r, f, offer, f.path.resolve() in include_altered)
            for i, m in enumerate(missing, start=len(files)):
                zh = {"village": "村", "urban": "居"}.get(m.kind, "")
                cells = ["—", m.name, m.code, zh, status_label(MISSING), m.reason]
                self._fill_row(i, cells, MISSING, "")
                self.setItem(i, self.INCLUDE, QTableWidgetItem(""))
        finally:
            self._showing = False
        self.resizeRowsToContents()

    def add_rows(self, rows: list[tuple[list[str], str]]) -> None:
        """Rows that are no file (a committee on the server that has not submitted)."""
        self._showing = True
        try:
            for cells, status in rows:
                r = self.rowCount()
                self.setRowCount(r + 1)
                self._fill_row(r, cells, status, "")
                self.setItem(r, self.INCLUDE, QTableWidgetItem(""))
        finally:
            self._showing = False
        if rows:
            self.resizeRowsToContents()

    def _fill_row(self, r: int, cells: list[str], status: str, path: str) -> None:
        background, colour = COLOURS.get(status, EXCLUDED_COLOURS)
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(PATH_ROLE, path)
            if c == self.FILE:
                item.setToolTip(path)
            if c == self.STATUS:
                item.setData(STATUS_ROLE, status)
                item.setBackground(QBrush(QColor(background)))
                item.setForeground(QBrush(QColor(colour)))
            self.setItem(r, c, item)

    def _include_cell(self, r: int, f: InputFile, offer: bool, chosen: bool) -> None:
        item = QTableWidgetItem("")
        item.setData(PATH_ROLE, str(f.path))
        if offer:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            item.setToolTip(
                translate(
                    "ConsolidationPage",
                    "This workbook was edited after export. Tick to sum its visible cells "
                    "anyway; the 汇总说明 sheet records it.",
                )
            )
        else:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.setItem(r, self.INCLUDE, item)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._showing or item.column() != self.INCLUDE:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        self.includeToggled.emit(Path(str(item.data(PATH_ROLE))).resolve(), ticked)

    # ------------------------------------------------------------ lookups
    def row_of(self, name: str) -> int:
        """The row of the file called ``name`` (tests, keyboard users), or -1."""
        for r in range(self.rowCount()):
            item = self.item(r, self.FILE)
            if item is not None and item.text() == name:
                return r
        return -1

    def status_of(self, name: str) -> str:
        r = self.row_of(name)
        item = self.item(r, self.STATUS) if r >= 0 else None
        return str(item.data(STATUS_ROLE)) if item is not None else ""

    def selected_paths(self) -> list[Path]:
        """Files of the selected rows (an expected-but-missing committee is no file)."""
        paths = []
        for r in sorted({i.row() for i in self.selectedIndexes()}):
            item = self.item(r, self.FILE)
            path = str(item.data(PATH_ROLE) or "") if item is not None else ""
            if path:
                paths.append(Path(path))
        return paths


def _may_include(f: InputFile, cons: Consolidation | None) -> bool:
    """An altered file can be included on request, unless its committee sent a genuine
    return: that one is used, always."""
    if f.ret is None or not f.ret.altered:
        return False
    if f.status not in ("altered", "included-altered", "audit-errors"):
        return False
    if f.duplicate_of is None or cons is None:
        return True
    keep = next((k for k in cons.files if k.path == f.duplicate_of), None)
    return keep is None or keep.ret is None or keep.ret.altered
