"""Ctrl+V on a ledger page: rows copied in Excel or WPS, through the import preview.

The clipboard's HTML table (or its tab-separated text) is planned by
:func:`commdesk.importing.clipboard.plan_paste` — the importer's own column
matching and row validation — and shown in the import wizard's preview,
commit and result pages: values as they will be stored, rejected rows with
their reasons, then one transaction or nothing. The written rows go on the
page's undo stack as one step, so Ctrl+Z removes the whole paste.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from commdesk.importing import ImportFileError
from commdesk.importing.clipboard import pasted_sheet, plan_paste
from commdesk.importing.kinds import kind_for
from commdesk.importing.plan import ImportPlan
from commdesk.ui.context import UiContext
from commdesk.ui.import_commit import CommitPage, DonePage
from commdesk.ui.import_preview import PreviewPage
from commdesk.ui.import_support import ImportState, TaskRunner, error_text
from commdesk.ui.theme import BASE_POINT_SIZE
from commdesk.ui.undo import PasteCommand

if TYPE_CHECKING:
    from commdesk.ui.ledger_page import LedgerPage

translate = QCoreApplication.translate
PREVIEW_PAGE, COMMIT_PAGE, DONE_PAGE = range(3)
PASTE_FOLDER = "pasted"  # in the data folder: the rows a paste did not write, with reasons


class PastePreviewPage(PreviewPage):
    """The import preview without the file's notes and without updating duplicates
    (a paste only adds, so undo can take it back whole)."""

    def __init__(self, state: ImportState, runner: TaskRunner) -> None:
        super().__init__(state, runner)
        self.update_box.hide()
        self.setSubTitle(
            translate(
                "PasteRows",
                "Nothing has been written yet. Check the rows as they will be stored, then "
                "import them; Ctrl+Z afterwards removes the whole paste.",
            )
        )

    @staticmethod
    def _notes_text(plan: ImportPlan, counts: dict[str, int]) -> str:
        total = sum(counts[k] for k in ("added", "updated", "skipped", "rejected"))
        lines = [
            translate("PasteRows", "{count} pasted rows.").format(count=total),
            *plan.notes,
        ]
        if plan.ignored_columns:
            lines.append(
                translate("ImportWizard", "Columns not imported: {columns}.").format(
                    columns="；".join(plan.ignored_columns)
                )
            )
        if counts["added"] == 0:
            lines.append(translate("ImportWizard", "No row would be written."))
        elif plan.rejected:
            lines.append(
                translate(
                    "PasteRows",
                    "Rejected rows are not written; the others can be imported without them.",
                )
            )
        return "\n".join("• " + line for line in lines)


class PasteWizard(QWizard):
    """Preview → commit → result of one paste; ``written`` gets the new rows' ids
    and the ids of the teams the paste created."""

    def __init__(
        self,
        ctx: UiContext,
        plan: ImportPlan,
        written: Callable[[list[int], list[int]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pasteWizard")
        self.ctx = ctx
        self._written = written
        self.state = ImportState(ctx, kind=plan.kind, path=plan.source)
        self.state.set_plan(plan)
        self.runner = TaskRunner(self)
        self.setWindowTitle(translate("PasteRows", "Paste rows"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.preview_page = PastePreviewPage(self.state, self.runner)
        self.commit_page = CommitPage(self.state, self.runner)
        self.done_page = DonePage(self.state)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setPage(COMMIT_PAGE, self.commit_page)
        self.setPage(DONE_PAGE, self.done_page)
        self.setStartId(PREVIEW_PAGE)
        self.currentIdChanged.connect(self._page_changed)
        scale = max(1.0, self.font().pointSizeF() / BASE_POINT_SIZE)
        width, height = int(900 * scale), int(640 * scale)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def _page_changed(self, page_id: int) -> None:
        result = self.state.result
        if page_id != DONE_PAGE:
            return
        # The commit page's Cancel had the focus and is gone: Enter now closes the result.
        self.button(QWizard.WizardButton.FinishButton).setFocus()
        if not self.state.written or result is None:
            return
        if result.first_id is not None and result.last_id is not None:
            ids = list(range(result.first_id, result.last_id + 1))
            self._written(ids, result.team_ids)

    def reject(self) -> None:
        if self.commit_page.running():  # the commit is one transaction: let it finish or roll back
            self.commit_page.request_cancel()
            return
        super().reject()

    def commit_stopped(self) -> None:
        """The commit page's hook after a cancelled or failed commit (nothing written)."""

    def done(self, result: int) -> None:
        self.runner.wait()
        super().done(result)


def paste_source(ctx: UiContext) -> Path:
    """Where the rows a paste rejects are saved (named like an imported file's report)."""
    folder = ctx.data_dir / PASTE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"剪贴板-{datetime.now():%Y%m%d-%H%M%S}.xlsx"


def paste_rows(page: LedgerPage) -> PasteWizard | None:
    """Plan the clipboard's rows for ``page`` and open the preview (window-modal)."""
    from commdesk.ui.ledger_page import IMPORTABLE

    parent = page.window()
    if page.ledger.name not in IMPORTABLE or page.showing_deleted:
        page.notice.emit(translate("PasteRows", "Rows cannot be pasted into this view."))
        return None
    mime = QGuiApplication.clipboard().mimeData()
    text = mime.text() if mime is not None and mime.hasText() else ""
    markup = mime.html() if mime is not None and mime.hasHtml() else ""
    columns = [(f.label(), f.name) for f in page.visible_fields()]
    kind = kind_for(page.ledger.name).cli
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data = pasted_sheet(text, markup)
        plan = plan_paste(page.ctx.store, kind, data, columns, source=paste_source(page.ctx))
    except (ImportFileError, OSError) as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, translate("PasteRows", "Paste rows"), error_text(exc))
        return None
    QApplication.restoreOverrideCursor()

    def written(ids: list[int], team_ids: list[int]) -> None:
        page.undo_stack.push(PasteCommand(page.ctx, page.service, ids, team_ids))

    wizard = PasteWizard(page.ctx, plan, written, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    wizard.open()
    return wizard
