"""The 报表 page: pick a period, preview the return, explain warnings, export, submit.

Computing and writing run on a page-owned thread pool (one thread, so tasks
run in order and SQLite sees one reader/writer from here); results come back
through a queued signal, so the window never freezes on a large ledger.
Everything that touches data goes through the returns and store services.

Embedding (main window)::

    page = ReturnsPage(ctx.store, ctx.data_dir, parent, settings=ctx.settings)
    page.showRecords.connect(open_ledger_filtered)   # (ledger name, [ids])
    page.periodsChanged.connect(refresh_ledgers)     # submit / unlock / export
    ctx.events.changed.connect(lambda _name: page.refresh_if_visible())
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import Period
from commdesk.domain.roles import UNLOCK
from commdesk.returns import library
from commdesk.returns.audit import Issue, unexplained
from commdesk.returns.definition import Definition, DefinitionError
from commdesk.returns.export import (
    Exported,
    ExportRefused,
    Prepared,
    export,
    prepare,
    printed_form,
)
from commdesk.returns.rule_titles import rule_name
from commdesk.store.engine import Store
from commdesk.store.services import periods as period_log
from commdesk.store.services.periods import PeriodLocked
from commdesk.ui.context import open_settings
from commdesk.ui.errors import user_message
from commdesk.ui.period_lock import ask_unlock
from commdesk.ui.permissions import guard
from commdesk.ui.returns_dialogs import (
    ExplainWarningsDialog,
    ExportedMessage,
    default_file_name,
    export_progress,
    last_folder,
    remember_folder,
)
from commdesk.ui.returns_history import HistoryPanel, format_time, open_path, status_text
from commdesk.ui.returns_period import PeriodPicker
from commdesk.ui.returns_preview import IssueList, ReturnPreview
from commdesk.ui.tasks import BackgroundTasks

if TYPE_CHECKING:
    from commdesk.paper.blocks import Document

translate = QCoreApplication.translate

BANNER_COLOURS = {  # background, border, text
    period_log.NONE: ("#eef1f2", "#d3dde0", "#5b6b73"),
    period_log.EXPORTED: ("#e8f1f2", "#b9d3d5", "#23474a"),
    period_log.SUBMITTED: ("#e6f4ea", "#9fd3ad", "#1a7f37"),
    period_log.MODIFIED: ("#fff4d6", "#e0b252", "#7a5200"),
}


class ReturnsPage(QWidget):
    """Statistical returns: preview, audit, explain, export, history, submit."""

    showRecords = Signal(str, list)  # ledger name ("service_record"), record ids
    periodsChanged = Signal()  # a period was exported, submitted or unlocked
    computed = Signal()  # the preview shows fresh figures
    exportFinished = Signal(object)  # Path of the written workbook

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
        self.setObjectName("page_reports")
        self.store = store
        self.data_dir = Path(data_dir)
        self.settings = settings if settings is not None else open_settings(self.data_dir)
        self._today = today  # fixed "today" for tests; None means the real date
        self.definition: Definition = library.current(self.data_dir)
        self.prepared: Prepared | None = None
        self.prepared_period: Period | None = None
        self.state_code = period_log.NONE
        self._notes: dict[str, dict[str, str]] = {}  # period code -> rule -> 说明 (session)
        self._tasks = BackgroundTasks(self)
        self._generation = 0
        self.explain_dialog: ExplainWarningsDialog | None = None
        self.progress: QProgressDialog | None = None
        self.exported_message: ExportedMessage | None = None
        self.last_export: Exported | None = None
        self._build()
        self._tasks.busy_changed.connect(self._update_buttons)
        self.refresh_state()

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        title = QLabel(translate("ReturnsPage", "Statistical returns"), self)
        title.setObjectName("pageTitle")
        self.definition_label = QLabel(self)
        self.definition_label.setObjectName("hint")
        self.import_button = QPushButton(translate("ReturnsPage", "Import return template…"), self)
        self.import_button.clicked.connect(self.import_template)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.definition_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.import_button)

        self.picker = PeriodPicker(list(self.definition.periods), self.today(), self)
        self.picker.periodChanged.connect(self._period_changed)
        self.refresh_button = QPushButton(translate("ReturnsPage", "Recalculate"), self)
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("hint")
        # Beside the title, where there is room: the button row is full at large font sizes.
        top.insertSpacing(3, 12)
        top.insertWidget(4, self.busy_label, 0, Qt.AlignmentFlag.AlignBottom)
        self.explain_button = QPushButton(translate("ReturnsPage", "Explain warnings…"), self)
        self.explain_button.clicked.connect(self.explain_warnings)
        self.export_button = QPushButton(translate("ReturnsPage", "Export…"), self)
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.start_export)
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        bar.addWidget(self.picker.quick)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.explain_button)
        bar.addWidget(self.export_button)

        self.banner = QFrame(self)
        self.banner.setObjectName("periodState")
        self.state_label = QLabel(self.banner)
        self.state_label.setObjectName("periodStateText")
        font = self.state_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.state_label.setFont(font)
        self.state_detail = QLabel(self.banner)
        self.state_detail.setWordWrap(True)
        self.unlock_button = QPushButton(translate("ReturnsPage", "Unlock period…"), self.banner)
        self.unlock_button.clicked.connect(self.unlock_current)
        guard(self.unlock_button, self.store, UNLOCK)
        banner = QHBoxLayout(self.banner)
        banner.setContentsMargins(10, 6, 10, 6)
        banner.addWidget(self.state_label)
        banner.addSpacing(12)
        banner.addWidget(self.state_detail, 1)
        banner.addWidget(self.unlock_button)

        self.preview = ReturnPreview(self)
        self.issues = IssueList(self)
        self.issues.issueActivated.connect(self._issue_activated)
        self.history = HistoryPanel(self.store, self)
        self.history.changed.connect(self._lock_changed)
        self.bottom = QTabWidget(self)
        self.bottom.addTab(self.issues, "")
        self.bottom.addTab(self.history, translate("ReturnsPage", "Export history"))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.preview)
        splitter.addWidget(self.bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([520, 220])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._show_definition()
        self._update_issue_tab([])
        self._update_buttons()

    def _show_definition(self) -> None:
        self.definition_label.setText(
            translate("ReturnsPage", "{title}, template version {version}").format(
                title=self.definition.title, version=self.definition.version
            )
        )

    # ------------------------------------------------------------ state
    def today(self) -> date:
        return self._today or date.today()

    def period(self) -> Period:
        return self.picker.period()

    def set_period(self, period: Period) -> None:
        self.picker.set_period(period)

    def notes_for(self, period: Period) -> dict[str, str]:
        """Explanations typed this session for ``period`` (kept when switching away)."""
        return dict(self._notes.get(period.code, {}))

    def is_busy(self) -> bool:
        return self._tasks.is_busy()

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until background work is done (tests, shutdown)."""
        return self._tasks.finish(msecs) and not self._tasks.is_busy()

    def _update_buttons(self) -> None:
        busy = self.is_busy()
        ready = self.prepared is not None and self.prepared_period == self.period()
        self.export_button.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        self.explain_button.setEnabled(not busy and ready and bool(self.prepared.warnings))  # type: ignore[union-attr]

    def refresh_state(self) -> None:
        """The banner (not exported / exported / submitted / modified) and the history."""
        self.history.refresh()
        period = self.period()
        st = period_log.state(self.store, period)
        self.state_code = st.status
        self.state_label.setText(status_text(st.status))
        last = st.last_export or {}
        when = format_time(last.get("exported_at"))
        detail = {
            period_log.NONE: translate("ReturnsPage", "No return exported for {period} yet."),
            period_log.EXPORTED: translate(
                "ReturnsPage", "{period} last exported {time}; not yet marked as submitted."
            ),
            period_log.SUBMITTED: translate(
                "ReturnsPage", "{period} was submitted; its records are locked."
            ),
            period_log.MODIFIED: translate(
                "ReturnsPage",
                "{period} was unlocked and changed after submission. Export it again and "
                "hand the new return in.",
            ),
        }[st.status]
        self.state_detail.setText(detail.format(period=period.label(), time=when))
        background, border, colour = BANNER_COLOURS[st.status]
        self.banner.setStyleSheet(
            f"QFrame#periodState {{ background: {background}; border: 1px solid {border};"
            " border-radius: 4px; }"
        )
        self.state_label.setStyleSheet(f"color: {colour};")
        self.unlock_button.setVisible(st.status == period_log.SUBMITTED)

    # ------------------------------------------------------------ compute
    def refresh(self) -> None:
        """Recompute the preview for the chosen period (in the background)."""
        self._compute(None)

    def refresh_if_visible(self) -> None:
        """For the main window's data-changed signal: cheap when the page is hidden."""
        if self.isVisible():
            self.refresh()
        else:
            self.prepared = None

    def _compute(self, then: Callable[[Prepared], None] | None) -> None:
        self._generation += 1
        generation, period = self._generation, self.period()
        store, definition, today = self.store, self.definition, self._today
        self.busy_label.setText(translate("ReturnsPage", "Calculating…"))
        self._tasks.run(
            None,
            lambda: prepare(store, definition, period, today=today),
            lambda p: self._computed(generation, period, p, then),
            lambda exc: self._compute_failed(generation, exc, then is not None),
        )

    def _computed(
        self,
        generation: int,
        period: Period,
        prepared: Prepared,
        then: Callable[[Prepared], None] | None,
    ) -> None:
        if generation != self._generation:
            return  # the clerk picked another period meanwhile
        self.busy_label.setText("")
        self.prepared, self.prepared_period = prepared, period
        self.preview.show_result(prepared.result)
        self._show_issues()
        self.refresh_state()
        self._update_buttons()
        self.computed.emit()
        if then is not None:
            then(prepared)

    def _compute_failed(self, generation: int, exc: BaseException, loud: bool) -> None:
        if generation != self._generation:
            return
        text = translate("ReturnsPage", "Could not calculate the return: {error}").format(
            error=user_message(exc)
        )
        self.busy_label.setText(text)
        if loud:
            QMessageBox.warning(self, translate("ReturnsPage", "Export"), text)

    def _show_issues(self) -> None:
        issues = self.prepared.issues if self.prepared else []
        notes = self.notes_for(self.prepared_period) if self.prepared_period else {}
        self.issues.show_issues(issues, notes)
        self._update_issue_tab(issues)

    def _update_issue_tab(self, issues: list[Issue]) -> None:
        errors = sum(1 for i in issues if i.level == "error")
        warnings = sum(1 for i in issues if i.level == "warning")
        self.bottom.setTabText(
            0,
            translate("ReturnsPage", "Audit: {errors} errors, {warnings} warnings").format(
                errors=errors, warnings=warnings
            ),
        )

    def _period_changed(self, _period: Period) -> None:
        self.prepared = None
        self.refresh_state()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._refresh_on_show)

    def _refresh_on_show(self) -> None:
        if self.isVisible() and not self.is_busy():
            self.refresh()

    # ------------------------------------------------------------ issues
    def _issue_activated(self, issue: Issue) -> None:
        ids = issue.drill.get("ids") or []
        if ids:
            self.showRecords.emit(str(issue.drill.get("source") or ""), [int(i) for i in ids])
        elif issue.table:
            self.preview.select_cell(issue.table, issue.row, issue.column)

    def explain_warnings(self) -> None:
        if self.prepared is None or self.prepared_period is None or not self.prepared.warnings:
            return
        self._ask_notes(self.prepared, self.prepared_period, None)

    def _ask_notes(
        self, prepared: Prepared, period: Period, then: Callable[[], None] | None
    ) -> None:
        dialog = ExplainWarningsDialog(
            prepared.warnings, self.notes_for(period), period.label(), self
        )
        self.explain_dialog = dialog

        def accepted() -> None:
            self._notes[period.code] = self.notes_for(period) | dialog.notes()
            self._show_issues()
            if then is not None:
                then()

        def finished(_result: int) -> None:
            self.explain_dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()

    # ------------------------------------------------------------ paper
    def request_paper(self, then: Callable[[Document, str], None]) -> None:
        """Recompute, refuse or ask for explanations exactly as Export does, then hand the
        printed return (the same form as the workbook) and a PDF file name to ``then``."""
        if self.is_busy():
            return
        self._compute(lambda prepared: self._paper_checked(prepared, then))

    def _paper_checked(self, prepared: Prepared, then: Callable[[Document, str], None]) -> None:
        period = self.prepared_period or self.period()
        if prepared.errors:
            self._refused(prepared.errors)
            return

        def ready() -> None:
            from commdesk.paper.return_pdf import return_document
            from commdesk.ui.paper_print import pdf_name

            form = printed_form(prepared, self.notes_for(period), today=self.today())
            community = str(prepared.result.profile.get("name") or "")
            name = default_file_name(self.definition.title, period, community)
            then(return_document(form), pdf_name(name))

        if unexplained(prepared.warnings, self.notes_for(period)):
            self._ask_notes(prepared, period, ready)
            return
        ready()

    # ------------------------------------------------------------ export
    def start_export(self) -> None:
        """Recompute (figures may have changed), then refuse, explain, ask for a file, write."""
        if self.is_busy():
            return
        self._compute(self._export_checked)

    def _export_checked(self, prepared: Prepared) -> None:
        period = self.prepared_period or self.period()
        if prepared.errors:
            self._refused(prepared.errors)
            return
        if unexplained(prepared.warnings, self.notes_for(period)):
            self._ask_notes(prepared, period, lambda: self._choose_file(prepared, period))
            return
        self._choose_file(prepared, period)

    def _refused(self, issues: list[Issue]) -> None:
        self.bottom.setCurrentWidget(self.issues)
        listing = "\n".join(f"• {rule_name(i.code)}: {i.message}" for i in issues[:20])
        if len(issues) > 20:
            listing += "\n…"
        QMessageBox.warning(
            self,
            translate("ReturnsPage", "Export refused"),
            translate(
                "ReturnsPage",
                "The return cannot be exported until these audit problems are fixed in the "
                "ledgers or the community profile:\n\n{issues}",
            ).format(issues=listing),
        )

    def _choose_file(self, prepared: Prepared, period: Period) -> None:
        community = str(prepared.result.profile.get("name") or "")
        name = default_file_name(self.definition.title, period, community)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ReturnsPage", "Export return"),
            str(last_folder(self.settings) / name),
            translate("ReturnsPage", "Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        remember_folder(self.settings, out)
        self._write(prepared, period, out, self.notes_for(period))

    def _write(self, prepared: Prepared, period: Period, out: Path, notes: dict[str, str]) -> None:
        store, definition, today = self.store, self.definition, self._today
        self.progress = export_progress(
            self, translate("ReturnsPage", "Writing {file}…").format(file=out.name)
        )
        self.progress.show()
        self._tasks.run(
            None,
            lambda: export(
                store, definition, period, out, notes=notes, prepared=prepared, today=today
            ),
            self._exported,
            self._export_failed,
        )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _exported(self, exported: Exported) -> None:
        self._close_progress()
        self.last_export = exported
        self.refresh_state()
        self.history.select_log(exported.log_id)
        self.bottom.setCurrentWidget(self.history)
        self.periodsChanged.emit()
        self.exportFinished.emit(exported.path)
        box = ExportedMessage(exported.path, self)
        self.exported_message = box

        def clicked(button: QPushButton) -> None:
            if button is box.open_file_button:
                open_path(box.path)
            elif button is box.open_folder_button:
                open_path(box.path.parent)

        def finished(_result: int) -> None:
            self.exported_message = None
            box.deleteLater()

        box.buttonClicked.connect(clicked)
        box.finished.connect(finished)
        box.open()

    def _export_failed(self, exc: BaseException) -> None:
        self._close_progress()
        if isinstance(exc, ExportRefused):
            self._refused(exc.issues)
            return
        text = translate("ReturnsPage", "The return could not be written:\n{error}").format(
            error=user_message(exc)
        )
        if isinstance(exc, OSError):
            text += "\n\n" + translate(
                "ReturnsPage",
                "If the file is open in Excel or WPS, close it and try again, or choose "
                "another name.",
            )
        QMessageBox.critical(self, translate("ReturnsPage", "Export failed"), text)

    # ------------------------------------------------------------ locks
    def unlock_current(self) -> bool:
        """Unlock the shown period (same dialog the ledger pages use)."""
        if not ask_unlock(self, self.store, PeriodLocked([self.period().code])):
            return False
        self._lock_changed()
        return True

    def _lock_changed(self) -> None:
        self.refresh_state()
        self.periodsChanged.emit()

    # ------------------------------------------------------------ templates
    def import_template(self) -> None:
        """A county's updated definition file: validate, keep a copy, use it if newer."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            translate("ReturnsPage", "Import return template"),
            str(last_folder(self.settings)),
            translate("ReturnsPage", "Return templates (*.toml)"),
        )
        if not path:
            return
        title = translate("ReturnsPage", "Import return template")
        try:
            imported = library.import_definition(self.data_dir, Path(path))
        except DefinitionError as exc:
            QMessageBox.warning(
                self,
                title,
                translate(
                    "ReturnsPage", "This file cannot be used as a return template:\n\n{error}"
                ).format(error=str(exc)),
            )
            return
        except OSError as exc:
            QMessageBox.warning(self, title, user_message(exc))
            return
        self.definition = library.current(self.data_dir, self.definition.id)
        message = translate("ReturnsPage", "Imported “{title}”, version {version}.").format(
            title=imported.title, version=imported.version
        )
        if (imported.id, imported.version) == (self.definition.id, self.definition.version):
            message += "\n" + translate("ReturnsPage", "It is used for returns from now on.")
        elif imported.id == self.definition.id:
            message += "\n" + translate(
                "ReturnsPage", "A newer version is already installed and stays in use."
            )
        else:
            message += "\n" + translate(
                "ReturnsPage", "It is kept with the other templates; this page shows “{title}”."
            ).format(title=self.definition.title)
        QMessageBox.information(self, title, message)
        self._show_definition()
        self.picker.set_kinds(list(self.definition.periods))
        self.refresh()
