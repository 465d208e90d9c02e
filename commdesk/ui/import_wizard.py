"""The import wizard: file → sheet → mapping → preview → commit → report.

A GUI face of :mod:`commdesk.importing` (the same plan/commit/report calls as
``commdesk import``). Every slow call — reading the workbook, planning,
committing — runs on the wizard's worker thread; a page that needs one before
it can move on starts it from ``validatePage`` (which answers "not yet") and
calls ``wizard().next()`` when the result arrives. Nothing is written before
the commit step, and the commit is one transaction: cancel → nothing written.

Wiring (main window)::

    from commdesk.ui.import_wizard import open_import_wizard
    open_import_wizard(ctx, "volunteers", parent=self)   # kind may be None
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from commdesk.importing import list_sheets
from commdesk.importing.kinds import KINDS
from commdesk.importing.readers import SheetInfo
from commdesk.ui.context import UiContext
from commdesk.ui.import_columns import PlanOutcome, plan_or_probe
from commdesk.ui.import_commit import CommitPage, DonePage
from commdesk.ui.import_mapping import MappingPage
from commdesk.ui.import_preview import PreviewPage
from commdesk.ui.import_support import (
    ERROR_STYLE,
    BusyBar,
    ImportState,
    TaskRunner,
    error_text,
    translate,
)
from commdesk.ui.theme import BASE_POINT_SIZE

FILE_PAGE, SHEET_PAGE, MAPPING_PAGE, PREVIEW_PAGE, COMMIT_PAGE, DONE_PAGE = range(6)
FILE_FILTER_EXTENSIONS = "*.xlsx *.xls *.ods *.csv"
LAST_FOLDER_KEY = "import/last_folder"
DISABLED_COLOUR = "#8a979c"


def _kind_for_ledger(kind: str | None) -> str | None:
    """Accept the CLI name (volunteers) or the ledger/table name (volunteer)."""
    if kind is None:
        return None
    if kind in KINDS:
        return kind
    return next((k.cli for k in KINDS.values() if k.ledger.name == kind), None)


class FilePage(QWizardPage):
    """Which ledger and which file; a file that cannot be read is explained here."""

    def __init__(self, state: ImportState, runner: TaskRunner) -> None:
        super().__init__()
        self.state = state
        self.runner = runner
        self._busy = False
        self.setTitle(translate("ImportWizard", "Choose the file to import"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "A roster or ledger kept in Excel or WPS (.xlsx, .xls, .ods) or a .csv file. "
                "Nothing is written until you confirm the preview.",
            )
        )
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("importKind")
        self.kind_combo.setMinimumContentsLength(14)
        for kind in KINDS.values():
            self.kind_combo.addItem(kind.ledger.label(), kind.cli)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText(
            translate("ImportWizard", "Path of the .xlsx, .xls, .ods or .csv file")
        )
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(translate("ImportWizard", "&Browse…"), self)
        self.browse_button.setObjectName("importBrowse")
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        kind_label = QLabel(translate("ImportWizard", "Import &into:"), self)
        kind_label.setBuddy(self.kind_combo)
        file_label = QLabel(translate("ImportWizard", "&File:"), self)
        file_label.setBuddy(self.path_edit)
        form.addRow(kind_label, self.kind_combo)
        form.addRow(file_label, path_row)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("importFileError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.busy = BusyBar(self)
        hint = QLabel(
            translate(
                "ImportWizard",
                "Title rows, merged cells, a 合计 row at the end and blank rows are handled "
                "automatically; the next steps show how each column is read.",
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(hint)
        self.setTabOrder(self.kind_combo, self.path_edit)
        self.setTabOrder(self.path_edit, self.browse_button)
        self.path_edit.textChanged.connect(self._inputs_changed)
        self.kind_combo.currentIndexChanged.connect(self._inputs_changed)

    # ------------------------------------------------------------ inputs
    def set_kind(self, kind: str) -> None:
        index = self.kind_combo.findData(kind)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def path(self) -> str:
        return self.path_edit.text().strip().strip('"')

    def browse(self) -> None:
        """Pick the file; the folder is remembered for next time."""
        settings = self.state.ctx.settings
        start = str(settings.value(LAST_FOLDER_KEY, "") or "")
        if self.path():
            start = str(Path(self.path()).parent)
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("ImportWizard", "Choose the file to import"),
            start,
            translate("ImportWizard", "Spreadsheets ({patterns})").format(
                patterns=FILE_FILTER_EXTENSIONS
            )
            + ";;"
            + translate("ImportWizard", "All files (*)"),
        )
        if name:
            self.path_edit.setText(str(Path(name)))
            settings.setValue(LAST_FOLDER_KEY, str(Path(name).parent))

    def _inputs_changed(self) -> None:
        self.error_label.hide()
        self.completeChanged.emit()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # ------------------------------------------------------------ wizard protocol
    def initializePage(self) -> None:
        self.path_edit.setFocus()

    def isComplete(self) -> bool:
        return bool(self.path()) and not self._busy

    def nextId(self) -> int:
        return SHEET_PAGE if self.state.needs_sheet_page() else MAPPING_PAGE

    def validatePage(self) -> bool:
        key = (self.kind(), self.path())
        if self.state.file_key == key:
            return True
        self._read(key)
        return False

    def _read(self, key: tuple[str, str]) -> None:
        """List the sheets; with one visible sheet, plan it at once (no sheet step)."""
        kind, path = key
        update = self.state.update_duplicates
        store = self.state.ctx.store

        def work() -> tuple[list[SheetInfo], PlanOutcome | None]:
            sheets = list_sheets(path)
            visible = [s for s in sheets if s.visible and s.worksheet]
            outcome = None
            if len(visible) == 1:
                outcome = plan_or_probe(store, kind, path, update_duplicates=update)
            return sheets, outcome

        self._set_busy(True)
        self.error_label.hide()
        self.busy.start(translate("ImportWizard", "Reading {name}…").format(name=Path(path).name))
        self.runner.run("plan", work, lambda r: self._read_done(key, r), self._read_failed)

    def _read_done(
        self, key: tuple[str, str], result: tuple[list[SheetInfo], PlanOutcome | None]
    ) -> None:
        self._set_busy(False)
        sheets, outcome = result
        state = self.state
        state.reset_plan()
        state.kind, state.path = key[0], Path(key[1])
        state.sheets, state.sheet, state.file_key = list(sheets), None, key
        if outcome is not None:
            state.apply(outcome)
            state.plan_key = (key[0], key[1], None)
        self.state.ctx.settings.setValue(LAST_FOLDER_KEY, str(Path(key[1]).parent))
        self.wizard().next()

    def _read_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.state.file_key = None
        self.show_error(error_text(exc))
        self.path_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.kind_combo, self.path_edit, self.browse_button):
            widget.setEnabled(not busy)
        if not busy:
            self.busy.stop()
        self.completeChanged.emit()


class SheetPage(QWizardPage):
    """Several visible sheets: the clerk says which one holds the table."""

    def __init__(self, state: ImportState, runner: TaskRunner) -> None:
        super().__init__()
        self.state = state
        self.runner = runner
        self._busy = False
        self.setTitle(translate("ImportWizard", "Choose the sheet"))
        self.setSubTitle(
            translate("ImportWizard", "The workbook has several sheets. Which one holds the table?")
        )
        self.sheet_list = QListWidget(self)
        self.sheet_list.setObjectName("importSheets")
        self.sheet_list.setSpacing(2)
        self.sheet_list.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.sheet_list.itemDoubleClicked.connect(lambda _item: self.wizard().next())
        self.show_hidden = QCheckBox(translate("ImportWizard", "Show &hidden sheets"), self)
        self.show_hidden.setObjectName("importShowHidden")
        self.show_hidden.toggled.connect(self._fill)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.busy = BusyBar(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_list, 1)
        layout.addWidget(self.show_hidden)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)

    def initializePage(self) -> None:
        hidden_only = not self.state.visible_sheets()
        self.show_hidden.blockSignals(True)
        self.show_hidden.setChecked(hidden_only)
        self.show_hidden.blockSignals(False)
        self._fill()
        self.sheet_list.setFocus()

    def _fill(self) -> None:
        """Hidden sheets are listed but greyed out unless the clerk asks for them."""
        previous = self.selected_sheet() or self.state.sheet
        self.sheet_list.clear()
        show_hidden = self.show_hidden.isChecked()
        first_enabled: QListWidgetItem | None = None
        for info in self.state.sheets:
            text = info.name
            enabled = info.worksheet and (info.visible or show_hidden)
            if not info.worksheet:
                text += "  " + translate("ImportWizard", "(chart sheet, no cells)")
            elif not info.visible:
                text += "  " + translate("ImportWizard", "(hidden)")
            item = QListWidgetItem(text, self.sheet_list)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            if not enabled:
                item.setForeground(QBrush(QColor(DISABLED_COLOUR)))
                item.setFlags(
                    item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                )
            elif first_enabled is None:
                first_enabled = item
            if enabled and info.name == previous:
                first_enabled = item
        if first_enabled is not None:
            self.sheet_list.setCurrentItem(first_enabled)
        self._selection_changed()

    def selected_sheet(self) -> str | None:
        item = self.sheet_list.currentItem()
        if item is None or not (item.flags() & Qt.ItemFlag.ItemIsEnabled):
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def select_sheet(self, name: str) -> None:
        for row in range(self.sheet_list.count()):
            item = self.sheet_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.sheet_list.setCurrentItem(item)

    def _selection_changed(self) -> None:
        self.error_label.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.selected_sheet() is not None and not self._busy

    def validatePage(self) -> bool:
        sheet = self.selected_sheet()
        state = self.state
        if sheet is None or state.path is None:
            return False
        key = (state.kind, str(state.path), sheet)
        if state.plan_key == key and state.columns is not None:
            return True
        store, kind, path, update = state.ctx.store, state.kind, state.path, state.update_duplicates

        def work() -> PlanOutcome:
            return plan_or_probe(store, kind, path, sheet=sheet, update_duplicates=update)

        self._set_busy(True)
        self.busy.start(translate("ImportWizard", "Reading sheet {sheet}…").format(sheet=sheet))
        self.runner.run("plan", work, lambda plan: self._planned(key, plan), self._failed)
        return False

    def _planned(self, key: tuple[str, str, str], outcome: PlanOutcome) -> None:
        self._set_busy(False)
        self.state.reset_plan()
        self.state.apply(outcome)
        self.state.plan_key, self.state.sheet = key, key[2]
        self.wizard().next()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.error_label.setText(error_text(exc))
        self.error_label.show()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.sheet_list.setEnabled(not busy)
        self.show_hidden.setEnabled(not busy)
        if not busy:
            self.busy.stop()
        self.completeChanged.emit()


class ImportWizard(QWizard):
    """Import a legacy spreadsheet into one ledger, with a preview before anything is written."""

    def __init__(
        self, ctx: UiContext, kind: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.ctx = ctx
        self.state = ImportState(ctx)
        self.runner = TaskRunner(self)
        self._close_after_cancel = False
        self.setWindowTitle(translate("ImportWizard", "Import from a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self.state, self.runner)
        self.sheet_page = SheetPage(self.state, self.runner)
        self.mapping_page = MappingPage(self.state, self.runner)
        self.preview_page = PreviewPage(self.state, self.runner)
        self.commit_page = CommitPage(self.state, self.runner)
        self.done_page = DonePage(self.state)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(SHEET_PAGE, self.sheet_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setPage(COMMIT_PAGE, self.commit_page)
        self.setPage(DONE_PAGE, self.done_page)
        self.setStartId(FILE_PAGE)
        chosen = _kind_for_ledger(kind)
        if chosen:
            self.file_page.set_kind(chosen)
        self._fit_size()

    def _fit_size(self) -> None:
        """900×640 at the base font, larger with the font-size setting, never off screen."""
        scale = max(1.0, self.font().pointSizeF() / BASE_POINT_SIZE)
        width, height = int(900 * scale), int(640 * scale)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def reject(self) -> None:
        """Esc / Cancel / close: mid-import the clerk is asked first, and the import rolls back."""
        if self.commit_page.running():
            answer = QMessageBox.question(
                self,
                translate("ImportWizard", "Stop the import?"),
                translate(
                    "ImportWizard", "The import is still running. Stop it? Nothing will be written."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._close_after_cancel = True
                self.commit_page.request_cancel()
            return
        super().reject()

    def commit_stopped(self) -> None:
        """Called by the commit page when a cancelled/failed commit has rolled back."""
        if self._close_after_cancel:
            self._close_after_cancel = False
            super().reject()

    def done(self, result: int) -> None:
        # The worker holds no Qt object of ours after this; planning cannot be interrupted,
        # so wait for it (at most a few seconds) rather than leave a thread behind.
        self.runner.forget("plan")
        self.runner.wait()
        super().done(result)


def open_import_wizard(
    ctx: UiContext, kind: str | None = None, parent: QWidget | None = None
) -> ImportWizard:
    """Open the wizard window-modal (non-blocking); it deletes itself when closed."""
    wizard = ImportWizard(ctx, kind, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    wizard.open()
    return wizard
