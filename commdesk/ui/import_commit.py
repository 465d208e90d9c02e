"""The wizard's last two steps: commit (one transaction) and the result.

The commit runs on the worker thread with a progress bar and a Cancel
button; cancel, error or crash roll the whole import back. On success the
pages are told (``ctx.events.changed``) and the result page shows what was
written and where the rejected rows went: an xlsx next to the source with a
原因 column, which the clerk corrects and imports again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from commdesk.importing import ImportCancelled, commit_import, write_report
from commdesk.importing.commit import ImportResult
from commdesk.importing.kinds import kind_for
from commdesk.ui.import_support import (
    ERROR_STYLE,
    ImportState,
    StatTiles,
    TaskRunner,
    error_text,
    translate,
)

TEAMS_LEDGER = "volunteer_team"


class CommitPage(QWizardPage):
    """Writes the plan in one transaction; Cancel rolls it back."""

    def __init__(self, state: ImportState, runner: TaskRunner) -> None:
        super().__init__()
        self.state = state
        self.runner = runner
        self._running = False
        self._finished = False
        self._cancel = threading.Event()
        # A commit page: once the import has run, Back cannot return to the preview
        # (the result page has no Back); after a cancel "Back to the preview" does.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ImportWizard", "&Import"))
        self.setTitle(translate("ImportWizard", "Importing"))
        self.setSubTitle(
            translate(
                "ImportWizard", "All rows are written in one go: if you cancel, nothing is written."
            )
        )
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.cancel_button = QPushButton(translate("ImportWizard", "&Cancel import"), self)
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.clicked.connect(self.request_cancel)
        self.message = QLabel(self)
        self.message.setObjectName("importCommitMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.back_button = QPushButton(translate("ImportWizard", "&Back to the preview"), self)
        self.back_button.setObjectName("importBackToPreview")
        self.back_button.clicked.connect(lambda: self.wizard().back())
        self.back_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        runner.progress.connect(self._progress)

    def running(self) -> bool:
        return self._running

    def isComplete(self) -> bool:
        return self._finished

    def initializePage(self) -> None:
        plan, state = self.state.plan, self.state
        assert plan is not None and state.path is not None
        self._finished = False
        self._cancel.clear()
        self.message.hide()
        self.back_button.hide()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        total = len(plan.to_add) + len(plan.to_update)
        ledger = kind_for(plan.kind).ledger.label()
        self.status.setText(
            translate("ImportWizard", "Writing {count} rows into {ledger}…").format(
                count=f"{total:,}", ledger=ledger
            )
        )
        self.progress.setRange(0, 0)
        store, source, cancel, emit, target = (
            state.ctx.store,
            state.path.name,
            self._cancel.is_set,
            self.runner.emit_progress,
            state.report_target(),
        )

        def work() -> tuple[ImportResult | None, Path | None, str | None]:
            result = None
            if plan.to_add or plan.to_update or plan.new_teams:
                result = commit_import(
                    store, plan, source_name=source, progress=emit, cancel=cancel
                )
            report, problem = None, None
            if plan.rejected:
                try:
                    report = write_report(plan, target)
                except Exception as exc:  # the import stands; the page offers "save as"
                    problem = error_text(exc)
            return result, report, problem

        self._running = True
        self.runner.run("commit", work, self._committed, self._failed)
        self.cancel_button.setFocus()

    def _progress(self, done: int, total: int) -> None:
        if not self._running:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def request_cancel(self) -> None:
        """Ask the worker to stop at the next batch; the transaction is rolled back."""
        if not self._running:
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(translate("ImportWizard", "Stopping the import…"))

    def _committed(self, outcome: tuple[ImportResult | None, Path | None, str | None]) -> None:
        result, report, problem = outcome
        plan, state = self.state.plan, self.state
        assert plan is not None
        self._running = False
        state.written = result is not None
        if result is None:
            counts = plan.counts()
            result = ImportResult(
                skipped=counts["skipped"], rejected=counts["rejected"], warnings=counts["warnings"]
            )
        state.result, state.report_path, state.report_error = result, report, problem
        if state.written:
            state.ctx.events.changed.emit(plan.ledger)
            if result.teams_created:
                state.ctx.events.changed.emit(TEAMS_LEDGER)
        self._finished = True
        self.completeChanged.emit()
        self.wizard().next()

    def _failed(self, exc: Exception) -> None:
        self._running = False
        self.cancel_button.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(exc, ImportCancelled):
            text = translate("ImportWizard", "Import cancelled; nothing was written.")
        else:
            text = translate(
                "ImportWizard", "The import failed; nothing was written. {error}"
            ).format(error=error_text(exc))
        self.status.setText(text)
        self.message.setText(
            translate("ImportWizard", "You can go back to the preview and import again, or close.")
        )
        self.message.show()
        self.back_button.show()
        self.back_button.setFocus()
        wizard = self.wizard()
        if hasattr(wizard, "commit_stopped"):
            wizard.commit_stopped()


class DonePage(QWizardPage):
    """What was written, and where the rows that were not imported went."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(translate("ImportWizard", "Import finished"))
        self.setSubTitle(" ")  # the outcome, filled in when the page is shown
        self.setFinalPage(True)
        self.tiles = StatTiles(
            [
                ("added", translate("ImportWizard", "Added")),
                ("updated", translate("ImportWizard", "Updated")),
                ("skipped", translate("ImportWizard", "Duplicates skipped")),
                ("rejected", translate("ImportWizard", "Not imported")),
                ("warnings", translate("ImportWizard", "Warnings")),
            ],
            self,
        )
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.report_box = QFrame(self)
        self.report_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.report_intro = QLabel(self.report_box)
        self.report_intro.setWordWrap(True)
        self.report_label = QLabel(self.report_box)
        self.report_label.setObjectName("importReportPath")
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_report_button = QPushButton(
            translate("ImportWizard", "&Open report"), self.report_box
        )
        self.open_report_button.setObjectName("importOpenReport")
        self.open_report_button.clicked.connect(self.open_report)
        self.open_folder_button = QPushButton(
            translate("ImportWizard", "Open fol&der"), self.report_box
        )
        self.open_folder_button.setObjectName("importOpenFolder")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.save_report_button = QPushButton(
            translate("ImportWizard", "&Save report as…"), self.report_box
        )
        self.save_report_button.setObjectName("importSaveReport")
        self.save_report_button.clicked.connect(self.save_report_as)
        for button in (self.open_report_button, self.open_folder_button, self.save_report_button):
            button.setAutoDefault(False)  # Enter finishes, even when the wizard focused one
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_report_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addWidget(self.save_report_button)
        buttons.addStretch(1)
        box = QGridLayout(self.report_box)
        box.addWidget(self.report_intro, 0, 0)
        box.addWidget(self.report_label, 1, 0)
        box.addLayout(buttons, 2, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tiles)
        layout.addWidget(self.notes)
        layout.addWidget(self.report_box)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state, result, plan = self.state, self.state.result, self.state.plan
        assert result is not None and plan is not None
        ledger = kind_for(plan.kind).ledger.label()
        if state.written:
            self.setSubTitle(
                translate("ImportWizard", "{count} rows were written to {ledger}.").format(
                    count=f"{result.added + result.updated:,}", ledger=ledger
                )
            )
        else:
            self.setSubTitle(
                translate("ImportWizard", "Nothing was written to {ledger}.").format(ledger=ledger)
            )
        self.tiles.set_counts(
            {
                "added": result.added,
                "updated": result.updated,
                "skipped": result.skipped,
                "rejected": result.rejected,
                "warnings": result.warnings,
            }
        )
        lines = []
        if result.teams_created:
            lines.append(
                translate("ImportWizard", "New volunteer teams: {teams}.").format(
                    teams="、".join(result.teams_created)
                )
            )
        lines.extend(result.notes)
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        self._show_report()
        self.wizard().button(QWizard.WizardButton.FinishButton).setFocus()

    def _show_report(self) -> None:
        state = self.state
        has_report = state.report_path is not None
        self.report_box.setVisible(bool(state.report_path or state.report_error))
        if has_report:
            self.report_intro.setText(
                translate(
                    "ImportWizard",
                    "The rows that were not imported are in this workbook, with the reason for "
                    "each in the 原因 column. Correct them there and import that file again.",
                )
            )
            self.report_label.setText(str(state.report_path))
            self.report_label.setStyleSheet("")
        elif state.report_error:
            self.report_intro.setText(
                translate(
                    "ImportWizard", "The list of rows that were not imported could not be saved:"
                )
            )
            self.report_label.setText(state.report_error)
            self.report_label.setStyleSheet(ERROR_STYLE)
        self.open_report_button.setVisible(has_report)
        self.open_folder_button.setVisible(has_report)
        self.save_report_button.setVisible(not has_report)

    def open_report(self) -> None:
        if self.state.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.state.report_path)))

    def open_folder(self) -> None:
        if self.state.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.state.report_path.parent)))

    def save_report_as(self) -> None:
        """The chosen place was not writable (read-only share, file open in Excel, full disk)."""
        plan = self.state.plan
        if plan is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("ImportWizard", "Save the rows that were not imported"),
            str(Path.home() / self.state.report_target().name),
            translate("ImportWizard", "Excel workbook (*.xlsx)"),
        )
        if not name:
            return
        try:
            self.state.report_path = write_report(plan, Path(name))
            self.state.report_error = None
        except Exception as exc:  # shown on the page
            self.state.report_error = error_text(exc)
        self._show_report()
