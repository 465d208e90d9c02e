"""The 汇总 page: committees' return workbooks in, the township's return out.

Pick files or a folder, choose the period, and every file gets a row with its
status (colour) and reason; an altered workbook can be included explicitly.
Reading (hundreds of files) and writing run on a page-owned one-thread pool,
with progress; results come back through queued signals. The township roster
is edited on the second tab. All work goes through :mod:`returns.consolidate`
and the roster service — no SQL here.

Embedding (main window)::

    page = ConsolidationPage(ctx.store, ctx.data_dir, parent, settings=ctx.settings)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import Period
from commdesk.returns import library
from commdesk.returns.definition import Definition
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import Store
from commdesk.store.services.township import load_roster
from commdesk.ui.consolidation_roster import RosterPanel
from commdesk.ui.context import open_settings
from commdesk.ui.errors import user_message
from commdesk.ui.returns_dialogs import export_progress, last_folder, remember_folder
from commdesk.ui.returns_history import open_path
from commdesk.ui.returns_period import PeriodPicker
from commdesk.ui.tasks import BackgroundTasks

if TYPE_CHECKING:  # the consolidation code pulls in openpyxl: load it on first use
    from commdesk.returns.consolidate import Consolidation, InputFile

translate = QCoreApplication.translate
PATH_ROLE = Qt.ItemDataRole.UserRole
MISSING = "missing"
COLOURS = {  # status -> (background, text)
    "included": ("#e6f4ea", "#1a7f37"),
    "included-altered": ("#fff4d6", "#7a5200"),
    "duplicate": ("#eef1f2", "#5b6b73"),
    "output-file": ("#eef1f2", "#5b6b73"),
}
EXCLUDED_COLOURS = ("#fdecea", "#b42318")


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


class ConsolidationPage(QWidget):
    """Consolidate committees' returns into the township's return (汇总)."""

    checked = Signal()  # the file list shows fresh statuses
    exportFinished = Signal(object)  # Path of the written workbook

    FILE, UNIT, CODE, KIND, STATUS, REASON, INCLUDE = range(7)

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_consolidation")
        self.store = store
        self.data_dir = Path(data_dir)
        self.settings = settings if settings is not None else open_settings(self.data_dir)
        self.definition: Definition = library.current(self.data_dir)
        self.sources: list[Path] = []  # files and folders as the clerk chose them
        self.inputs: list[InputFile] = []
        self.include_altered: set[Path] = set()
        self.consolidation: Consolidation | None = None
        self.progress: QProgressDialog | None = None
        self.result_message: QMessageBox | None = None
        self._tasks = BackgroundTasks(self)
        self._generation = 0
        self._showing = False
        self._build(today or date.today())
        self._tasks.busy_changed.connect(self._update_buttons)

    # ------------------------------------------------------------ layout
    def _build(self, today: date) -> None:
        title = QLabel(translate("ConsolidationPage", "Consolidation (汇总)"), self)
        title.setObjectName("pageTitle")
        hint = QLabel(
            translate(
                "ConsolidationPage",
                "{title}, template version {version}. Add the committees' return workbooks; "
                "each is checked before it is summed.",
            ).format(title=self.definition.title, version=self.definition.version),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.picker = PeriodPicker(list(self.definition.periods), today, self)
        self.picker.periodChanged.connect(lambda _p: self.recheck())
        self.add_files_button = QPushButton(translate("ConsolidationPage", "Add files…"), self)
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button = QPushButton(translate("ConsolidationPage", "Add folder…"), self)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.reload_button = QPushButton(translate("ConsolidationPage", "Read again"), self)
        self.reload_button.clicked.connect(self.reload)
        self.clear_button = QPushButton(translate("ConsolidationPage", "Clear"), self)
        self.clear_button.clicked.connect(self.clear)
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        bar.addStretch(1)
        for b in (self.add_files_button, self.add_folder_button, self.reload_button):
            bar.addWidget(b)
        bar.addWidget(self.clear_button)

        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("consolidationFiles")
        self.table.setHorizontalHeaderLabels(
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
        header = self.table.horizontalHeader()
        for col in range(7):
            mode = QHeaderView.ResizeMode.ResizeToContents
            if col == self.REASON:
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(col, mode)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._include_toggled)

        self.summary = QLabel(self)
        self.summary.setObjectName("consolidationSummary")
        self.summary.setWordWrap(True)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("hint")
        self.export_button = QPushButton(
            translate("ConsolidationPage", "Consolidate and save…"), self
        )
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.start_export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.busy_label)
        bottom.addWidget(self.export_button)

        intake = QWidget(self)
        box = QVBoxLayout(intake)
        box.addWidget(hint)
        box.addLayout(bar)
        box.addWidget(self.table, 1)
        box.addLayout(bottom)

        self.roster = RosterPanel(self.store, self, settings=self.settings)
        self.roster.changed.connect(self.recheck)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(intake, translate("ConsolidationPage", "Returns"))
        self.tabs.addTab(self.roster, translate("ConsolidationPage", "Township roster"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self._update_buttons()

    # ------------------------------------------------------------ state
    def period(self) -> Period:
        return self.picker.period()

    def set_period(self, period: Period) -> None:
        self.picker.set_period(period)

    def is_busy(self) -> bool:
        return self._tasks.is_busy()

    def wait_idle(self, msecs: int = 60000) -> bool:
        """Block until background work is done (tests, shutdown)."""
        return self._tasks.finish(msecs) and not self._tasks.is_busy()

    def _update_buttons(self) -> None:
        busy = self.is_busy()
        ready = self.consolidation is not None and self.consolidation.result is not None
        self.export_button.setEnabled(not busy and ready)
        for b in (self.add_files_button, self.add_folder_button, self.clear_button):
            b.setEnabled(not busy)
        self.reload_button.setEnabled(not busy and bool(self.sources))

    # ------------------------------------------------------------ background tasks
    def _run(
        self,
        work: Callable[[Callable[[int, int], None]], Any],
        on_done: Callable[[Any], None],
        on_fail: Callable[[BaseException], None],
    ) -> None:
        """Every task here reports progress and is never superseded (see commdesk.ui.tasks)."""
        self._tasks.run(None, work, on_done, on_fail, progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        text = translate("ConsolidationPage", "Reading {done} of {total} files…").format(
            done=done, total=total
        )
        self.busy_label.setText(text)
        if self.progress is not None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        self.busy_label.setText("")
        QMessageBox.warning(
            self,
            translate("ConsolidationPage", "Consolidation"),
            translate("ConsolidationPage", "The consolidation failed:\n{error}").format(
                error=user_message(exc)
            ),
        )

    # ------------------------------------------------------------ inputs
    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            translate("ConsolidationPage", "Add return workbooks"),
            str(last_folder(self.settings)),
            translate("ConsolidationPage", "Excel workbook (*.xlsx)"),
        )
        if paths:
            self.add_paths([Path(p) for p in paths])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            translate("ConsolidationPage", "Add a folder of return workbooks"),
            str(last_folder(self.settings)),
        )
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        """Add files or folders (each once) and read everything again."""
        known = {p.resolve() for p in self.sources}
        self.sources += [p for p in paths if p.resolve() not in known]
        self.reload()

    def clear(self) -> None:
        self.sources, self.inputs, self.include_altered = [], [], set()
        self.consolidation = None
        self._generation += 1
        self._show(None)

    def reload(self) -> None:
        """Read every source file (in the background), then check them."""
        if not self.sources:
            return
        self._generation += 1
        generation, sources = self._generation, list(self.sources)
        self.busy_label.setText(translate("ConsolidationPage", "Reading files…"))
        self._run(
            lambda progress: _consolidate().read_inputs(sources, progress=progress),
            lambda inputs: self._read_done(generation, inputs),
            self._failed,
        )

    def _read_done(self, generation: int, inputs: list[InputFile]) -> None:
        if generation != self._generation:
            return
        self.inputs = inputs
        self.recheck()

    def _settings(self) -> dict[str, Any]:
        return {
            "period": self.period(),
            "definition": self.definition,
            "township": load_roster(self.store),
            "include_altered": set(self.include_altered),
            "catalogues": load_catalogues(self.store),
        }

    def recheck(self) -> None:
        """Judge the read files again (period, roster or include choices changed)."""
        if not self.inputs:
            self._show(None)
            return
        self._generation += 1
        generation, inputs, options = self._generation, self.inputs, self._settings()
        self.busy_label.setText(translate("ConsolidationPage", "Checking…"))
        self._run(
            lambda _progress: _consolidate().classify(inputs, **options),
            lambda cons: self._checked(generation, cons),
            self._failed,
        )

    def _checked(self, generation: int, cons: Consolidation) -> None:
        if generation != self._generation:
            return
        self.busy_label.setText("")
        self.consolidation = cons
        self._show(cons)
        self._update_buttons()
        self.checked.emit()

    # ------------------------------------------------------------ display
    def _show(self, cons: Consolidation | None) -> None:
        self._showing = True
        try:
            files = cons.files if cons is not None else []
            missing = cons.missing if cons is not None else []
            self.table.setRowCount(len(files) + len(missing))
            for r, f in enumerate(files):
                kind = f.community.get("kind_zh") or ""
                cells = [f.path.name, f.name, f.code, kind, status_label(f.status)]
                detail = "\n".join(x for x in [f.reason, *f.notes] if x)
                self._fill_row(r, [*cells, detail], f.status, str(f.path))
                altered = f.ret is not None and f.ret.altered
                self._include_cell(r, f, altered)
            for i, m in enumerate(missing, start=len(files)):
                zh = {"village": "村", "urban": "居"}.get(m.kind, "")
                cells = ["—", m.name, m.code, zh, status_label(MISSING), m.reason]
                self._fill_row(i, cells, MISSING, "")
                self.table.setItem(i, self.INCLUDE, QTableWidgetItem(""))
        finally:
            self._showing = False
        self.table.resizeRowsToContents()
        self.summary.setText(self._summary_text(cons))
        self._update_buttons()

    def _fill_row(self, r: int, cells: list[str], status: str, path: str) -> None:
        background, colour = COLOURS.get(status, EXCLUDED_COLOURS)
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(PATH_ROLE, path)
            if c == self.FILE:
                item.setToolTip(path)
            if c == self.STATUS:
                item.setData(Qt.ItemDataRole.UserRole + 1, status)
                item.setBackground(QBrush(QColor(background)))
                item.setForeground(QBrush(QColor(colour)))
            self.table.setItem(r, c, item)

    def _include_cell(self, r: int, f: InputFile, altered: bool) -> None:
        item = QTableWidgetItem("")
        item.setData(PATH_ROLE, str(f.path))
        if altered and f.status in ("altered", "included-altered", "audit-errors"):
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = f.path.resolve() in self.include_altered
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
        self.table.setItem(r, self.INCLUDE, item)

    def row_of(self, name: str) -> int:
        """The table row of the file called ``name`` (tests, keyboard users), or -1."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, self.FILE)
            if item is not None and item.text() == name:
                return r
        return -1

    def status_of(self, name: str) -> str:
        r = self.row_of(name)
        item = self.table.item(r, self.STATUS) if r >= 0 else None
        return str(item.data(Qt.ItemDataRole.UserRole + 1)) if item is not None else ""

    def _summary_text(self, cons: Consolidation | None) -> str:
        if cons is None:
            return translate("ConsolidationPage", "No files added yet.")
        text = translate(
            "ConsolidationPage",
            "{unit} ({code}): {included} of {files} files included, {excluded} left out, "
            "{missing} expected committees missing.",
        ).format(
            unit=cons.unit_name or "?",
            code=cons.unit_code or "?",
            included=len(cons.included),
            files=len(cons.files),
            excluded=len(cons.excluded),
            missing=len(cons.missing),
        )
        if not cons.roster_used:
            text += " " + translate(
                "ConsolidationPage",
                "No roster: the township is taken from the files and missing committees "
                "are not checked.",
            )
        return text

    def _include_toggled(self, item: QTableWidgetItem) -> None:
        if self._showing or item.column() != self.INCLUDE:
            return
        path = Path(str(item.data(PATH_ROLE))).resolve()
        if item.checkState() == Qt.CheckState.Checked:
            self.include_altered.add(path)
        else:
            self.include_altered.discard(path)
        self.recheck()

    def set_included(self, name: str, include: bool) -> None:
        """Tick or untick "include anyway" for the file called ``name``."""
        item = self.table.item(self.row_of(name), self.INCLUDE)
        state = Qt.CheckState.Checked if include else Qt.CheckState.Unchecked
        item.setCheckState(state)

    # ------------------------------------------------------------ export
    def start_export(self) -> None:
        cons = self.consolidation
        if self.is_busy() or cons is None or cons.result is None:
            return
        name = f"{self.definition.title}_{self.period().label_zh}_{cons.unit_name}_汇总.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ConsolidationPage", "Save the consolidated return"),
            str(last_folder(self.settings) / name.replace("/", "_").replace(" ", "_")),
            translate("ConsolidationPage", "Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        remember_folder(self.settings, out)
        self._write(out)

    def _write(self, out: Path) -> None:
        inputs, options = self.inputs, self._settings()
        self.progress = export_progress(
            self, translate("ConsolidationPage", "Writing {file}…").format(file=out.name)
        )
        self.progress.show()

        def work(_progress: Callable[[int, int], None]) -> Consolidation:
            cons = _consolidate().classify(inputs, output=out, **options)  # latest choices
            if cons.result is not None:
                from commdesk.returns.consolidate_sheets import write_consolidation

                write_consolidation(cons, out)
            return cons

        self._generation += 1
        generation = self._generation
        self._run(work, lambda cons: self._written(generation, cons), self._failed)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _written(self, generation: int, cons: Consolidation) -> None:
        self._close_progress()
        self._checked(generation, cons)
        if cons.output is None:
            self._failed(RuntimeError(translate("ConsolidationPage", "No return could be used.")))
            return
        self.exportFinished.emit(cons.output)
        box = QMessageBox(self)
        box.setObjectName("consolidatedMessage")
        box.setIcon(QMessageBox.Icon.Information if cons.complete else QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("ConsolidationPage", "Consolidated return saved"))
        box.setText(self._summary_text(cons))
        box.setInformativeText(
            str(cons.output)
            + "\n"
            + translate(
                "ConsolidationPage",
                "Every file and what happened to it is listed on the 汇总说明 sheet.",
            )
        )
        open_button = box.addButton(
            translate("ConsolidationPage", "Open file"), QMessageBox.ButtonRole.ActionRole
        )
        box.addButton(QMessageBox.StandardButton.Close)
        path = cons.output

        def clicked(button: Any) -> None:
            if button is open_button:
                open_path(path)

        def finished(_result: int) -> None:
            self.result_message = None
            box.deleteLater()

        box.buttonClicked.connect(clicked)
        box.finished.connect(finished)
        self.result_message = box
        box.open()


def _consolidate() -> Any:
    from commdesk.returns import consolidate

    return consolidate
