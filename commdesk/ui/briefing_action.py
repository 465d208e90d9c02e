"""概览 → 简报…: the period's briefing written as PDF, the same page as ``commdesk briefing``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from commdesk.returns.dashboard import Dashboard
from commdesk.ui.errors import user_message
from commdesk.ui.returns_dialogs import last_folder, remember_folder
from commdesk.ui.tasks import BackgroundTasks

translate = QCoreApplication.translate


def default_name(d: Dashboard) -> str:
    committee = d.indicators.committee or "CommDesk"
    word = translate("BriefingAction", "briefing")
    return f"{committee}_{d.period.code}_{word}.pdf"


def save_briefing(
    parent: QWidget,
    settings: object,
    tasks: BackgroundTasks,
    d: Dashboard,
    labels: dict[str, str],
    done: object,
) -> None:
    """Ask where, then write on the worker thread; ``done(path)`` runs once it is written."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        translate("BriefingAction", "Save briefing"),
        str(last_folder(settings) / default_name(d)),  # type: ignore[arg-type]
        translate("BriefingAction", "PDF document (*.pdf)"),
    )
    if not path:
        return
    out = Path(path)
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    remember_folder(settings, out)  # type: ignore[arg-type]

    def write() -> Path:
        from commdesk.files import check_output
        from commdesk.returns.briefing import write_briefing

        return write_briefing(d, labels, check_output(out))

    def failed(exc: Exception) -> None:
        QMessageBox.warning(
            parent,
            translate("BriefingAction", "Save briefing"),
            translate("BriefingAction", "The briefing could not be written: {error}").format(
                error=user_message(exc)
            ),
        )

    tasks.run(None, write, done, failed)  # type: ignore[arg-type]
