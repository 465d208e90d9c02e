"""The 汇总 page: committees' return workbooks in, the township's return out.

Pick files or a folder, choose the period, and every file gets a row with its
status (colour) and reason; an altered workbook can be included explicitly,
and a file taken off the list (Delete, or 移除 in the context menu).
Reading (hundreds of files) and writing run on a page-owned one-thread pool,
with progress; results come back through queued signals. The township roster
is edited on the second tab. All work goes through :mod:`returns.consolidate`
and the roster service — no SQL here.

Embedding (main window), with the state kept by the context across rebuilds::

    state = ctx.page_state.setdefault("consolidation", IntakeState())
    page = ConsolidationPage(ctx.store, ctx.data_dir, parent, settings=ctx.settings,
                             state=state)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import Period
from commdesk.domain.validators import check_date
from commdesk.returns import library
from commdesk.returns.definition import Definition
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import Store
from commdesk.store.services.township import load_roster
from commdesk.ui.consolidation_files import FileTable
from commdesk.ui.consolidation_roster import RosterPanel
from commdesk.ui.consolidation_server import ServerDialog, ask_server, notice_rows, summary
from commdesk.ui.context import open_settings
from commdesk.ui.errors import user_message
from commdesk.ui.returns_dialogs import export_progress, last_folder, remember_folder
from commdesk.ui.returns_history import open_path
from commdesk.ui.returns_period import PeriodPicker
from commdesk.ui.tasks import BackgroundTasks
from commdesk.ui.township_view import TownshipIndicatorsView

if TYPE_CHECKING:  # the consolidation code pulls in openpyxl: load it on first use
    from commdesk.returns.consolidate import Consolidation, InputFile
    from commdesk.ui.paper_print import Deliver

translate = QCoreApplication.translate


@dataclass
class IntakeState:
    """What the clerk put on the page. The UI context keeps it, so a language or font
    switch (which rebuilds the main window) does not empty the list."""

    sources: list[Path] = field(default_factory=list)  # files and folders as chosen
    removed: set[Path] = field(default_factory=set)  # files taken off the list (resolved)
    include_altered: set[Path] = field(default_factory=set)  # resolved paths
    inputs: list[Any] = field(default_factory=list)  # InputFile, read from the sources
    period_code: str = ""
    report_date: str = ""
    server_folder: Path | None = None  # returns read from the server (consolidation_server)
    not_submitted: list[Any] = field(default_factory=list)  # NotSubmitted, from the server


class ConsolidationPage(QWidget):
    """Consolidate committees' returns into the township's return (汇总)."""

    checked = Signal()  # the file list shows fresh statuses
    exportFinished = Signal(object)  # Path of the written workbook

    FILE, UNIT, CODE, KIND, STATUS, REASON, INCLUDE = range(7)  # FileTable's columns

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        today: date | None = None,
        state: IntakeState | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_consolidation")
        self.store = store
        self.data_dir = Path(data_dir)
        self.settings = settings if settings is not None else open_settings(self.data_dir)
        self.definition: Definition = library.current(self.data_dir)
        self.state = state if state is not None else IntakeState()
        self.consolidation: Consolidation | None = None
        self.progress: QProgressDialog | None = None
        self.result_message: QMessageBox | None = None
        self._tasks = BackgroundTasks(self)
        self._generation = 0
        self._reselect: int | None = None  # row to select once a removal is checked
        self._build(today or date.today())
        self._tasks.busy_changed.connect(self._update_buttons)
        self._resume()

    # The clerk's choices live in ``state``; these names read like plain attributes.
    @property
    def sources(self) -> list[Path]:
        return self.state.sources

    @property
    def inputs(self) -> list[InputFile]:
        return self.state.inputs

    @property
    def include_altered(self) -> set[Path]:
        return self.state.include_altered

    def _resume(self) -> None:
        """A page rebuilt on a kept state shows its list again (checked anew)."""
        if self.state.period_code:
            self.picker.set_period(Period.parse(self.state.period_code))
        self.picker.periodChanged.connect(self._period_changed)
        self.report_date_edit.setText(self.state.report_date)
        self.report_date_edit.textChanged.connect(
            lambda text: setattr(self.state, "report_date", text)
        )
        if self.state.inputs:
            self.recheck()
        elif self.state.sources:
            self.reload()

    def _period_changed(self, period: Period) -> None:
        self.state.period_code = period.code
        self.recheck()

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
        self.add_files_button = QPushButton(translate("ConsolidationPage", "Add files…"), self)
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button = QPushButton(translate("ConsolidationPage", "Add folder…"), self)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.reload_button = QPushButton(translate("ConsolidationPage", "Read again"), self)
        self.reload_button.clicked.connect(self.reload)
        self.clear_button = QPushButton(translate("ConsolidationPage", "Clear"), self)
        self.clear_button.clicked.connect(self.clear)
        self.server_button = QPushButton(translate("ConsolidationPage", "Read from server…"), self)
        self.server_button.setObjectName("readFromServer")
        self.server_button.clicked.connect(self.read_from_server)
        self.server_dialog: ServerDialog | None = None
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        bar.addStretch(1)
        for b in (self.add_files_button, self.add_folder_button, self.reload_button):
            bar.addWidget(b)
        bar.addWidget(self.clear_button)

        self.table = FileTable(self)
        self.table.includeToggled.connect(self._include_toggled)
        self.table.removeRequested.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.remove_action = self.table.remove_action

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
        self.report_date_edit = QLineEdit(self)
        self.report_date_edit.setObjectName("reportDate")
        self.report_date_edit.setPlaceholderText(translate("ConsolidationPage", "today"))
        self.report_date_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 14)
        report_label = QLabel(translate("ConsolidationPage", "Report date:"), self)
        report_label.setBuddy(self.report_date_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.busy_label)
        bottom.addWidget(report_label)
        bottom.addWidget(self.report_date_edit)
        bottom.addWidget(self.export_button)

        intake = QWidget(self)
        box = QVBoxLayout(intake)
        top = QHBoxLayout()  # the hint wraps, so the server's button fits any screen here
        top.addWidget(hint, 1)
        top.addWidget(self.server_button)
        box.addLayout(top)
        box.addLayout(bar)
        box.addWidget(self.table, 1)
        box.addLayout(bottom)

        self.roster = RosterPanel(self.store, self, settings=self.settings)
        self.roster.changed.connect(self.recheck)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(intake, translate("ConsolidationPage", "Returns"))
        self.tabs.addTab(self.roster, translate("ConsolidationPage", "Township roster"))
        self.indicators = TownshipIndicatorsView(self)
        self.tabs.addTab(self.indicators, translate("ConsolidationPage", "Indicators"))

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
        for b in (self.add_files_button, self.add_folder_button, self.clear_button,
                  self.server_button):  # fmt: skip
            b.setEnabled(not busy)
        self.reload_button.setEnabled(not busy and bool(self.sources))
        self.remove_action.setEnabled(not busy and bool(self.table.selected_paths()))

    # ------------------------------------------------------------ background tasks
    def _run(
        self,
        work: Callable[[Callable[[int, int], None]], Any],
        on_done: Callable[[Any], None],
        on_fail: Callable[[BaseException], None],
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Every task here reports progress and is never superseded (see commdesk.ui.tasks)."""
        self._tasks.run(None, work, on_done, on_fail, progress=progress or self._progress)

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
        """Add files or folders (each once) and read everything again.

        A file removed earlier comes back when it, or its folder, is added again.
        """
        known = {p.resolve() for p in self.sources}
        self.sources.extend(p for p in paths if p.resolve() not in known)
        for p in paths:
            key = p.resolve()
            self.state.removed -= {r for r in self.state.removed if key in (r, r.parent)}
        self.reload()

    def read_from_server(self) -> None:
        """Ask for the server and login, then read every committee it lets the login read."""
        if not self.is_busy():
            ask_server(self)

    def clear(self) -> None:
        self.state.not_submitted, self.state.server_folder = [], None
        self.state.sources, self.state.inputs = [], []
        self.state.include_altered, self.state.removed = set(), set()
        self.consolidation = None
        self._generation += 1
        self._show(None)

    def remove_selected(self) -> int:
        """Take the selected files off the list (not off the disk) and check the rest again.

        A file that came with a folder stays off when the folder is read again.
        """
        paths = self.table.selected_paths()
        if self.is_busy() or not paths:
            return 0
        keys = {p.resolve() for p in paths}
        self.state.sources = [s for s in self.sources if s.resolve() not in keys]
        self.state.removed |= keys
        self.state.include_altered -= keys
        self.state.inputs = [f for f in self.inputs if f.path.resolve() not in keys]
        row = min(i.row() for i in self.table.selectedIndexes())
        self.recheck()
        self._reselect = row
        return len(keys)

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
        removed = self.state.removed
        self.state.inputs = [f for f in inputs if f.path.resolve() not in removed]
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
        if self._reselect is not None and self.table.rowCount():
            self.table.selectRow(min(self._reselect, self.table.rowCount() - 1))
        self._reselect = None
        self._update_buttons()
        self.checked.emit()

    # ------------------------------------------------------------ display
    def _show(self, cons: Consolidation | None) -> None:
        self.table.show_consolidation(cons, self.include_altered)
        self.table.add_rows(notice_rows(self.state.not_submitted))
        self.indicators.show_consolidation(cons)
        self.summary.setText(
            " ".join(t for t in (self._summary_text(cons), summary(self.state.not_submitted)) if t)
        )
        self._update_buttons()

    def row_of(self, name: str) -> int:
        return self.table.row_of(name)

    def status_of(self, name: str) -> str:
        return self.table.status_of(name)

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

    def _include_toggled(self, path: Path, ticked: bool) -> None:
        if ticked:
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
        try:
            report_date = self.report_date()
        except ValueError as exc:
            QMessageBox.warning(
                self,
                translate("ConsolidationPage", "Consolidation"),
                translate("ConsolidationPage", "Report date: {problem}").format(problem=exc),
            )
            self.report_date_edit.setFocus()
            return
        unit = cons.unit_name or cons.unit_code
        name = f"{self.definition.title}_{self.period().label_zh}_{unit}_汇总.xlsx"
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
        self._write(out, report_date)

    def request_paper(self, then: Deliver) -> None:
        """The consolidated return on paper: the same form as its workbook (汇总说明 and the
        per-unit breakdown stay in the workbook)."""
        cons = self.consolidation
        if self.is_busy() or cons is None or cons.result is None:
            QMessageBox.information(
                self,
                translate("ConsolidationPage", "Consolidation"),
                translate("ConsolidationPage", "Add the committees' returns first."),
            )
            return
        try:
            report_date = self.report_date() or date.today()
        except ValueError as exc:
            QMessageBox.warning(
                self,
                translate("ConsolidationPage", "Consolidation"),
                translate("ConsolidationPage", "Report date: {problem}").format(problem=exc),
            )
            return
        from commdesk.paper.return_pdf import return_document
        from commdesk.returns.consolidate_sheets import consolidation_form

        name = f"{self.definition.title}_{self.period().label_zh}_{cons.unit_name}_汇总.pdf"
        form = consolidation_form(cons, report_date=report_date)
        then(return_document(form), name.replace("/", "_").replace(" ", "_"))

    def report_date(self) -> date | None:
        """The typed 报出日期 (blank: the day of saving); ValueError says why it is unreadable."""
        checked = check_date(self.report_date_edit.text())
        if checked.errors:
            raise ValueError(checked.errors[0])
        return checked.value

    def _write(self, out: Path, report_date: date | None = None) -> None:
        inputs, options = self.inputs, self._settings()
        self.progress = export_progress(
            self, translate("ConsolidationPage", "Writing {file}…").format(file=out.name)
        )
        self.progress.show()

        def work(_progress: Callable[[int, int], None]) -> Consolidation:
            _consolidate().refuse_output_among([f.path for f in inputs], out)  # never overwrite one
            cons = _consolidate().classify(inputs, output=out, **options)  # latest choices
            if cons.result is not None:
                from commdesk.returns.consolidate_sheets import write_consolidation

                write_consolidation(cons, out, report_date=report_date)
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
