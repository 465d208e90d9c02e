"""What the import wizard's pages share: the wizard's state and its one worker thread.

Reading and planning a 50,000-row file takes seconds and committing it more,
so all importer calls run on a single background thread (one thread: the
store sees one writer from here and tasks finish in order). A task started on
a *channel* supersedes the channel's earlier tasks: their results are dropped
and, if they have not started yet, they never run — so a clerk flicking
through mapping combos does not queue up ten re-plans.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from commdesk.importing import ImportCancelled, ImportFileError
from commdesk.importing.commit import ImportResult
from commdesk.importing.plan import ImportPlan
from commdesk.importing.readers import SheetInfo
from commdesk.importing.report import default_report_path, number_as_excel_shows
from commdesk.store.engine import StoreError
from commdesk.store.services.periods import PeriodLocked
from commdesk.ui.context import UiContext
from commdesk.ui.import_columns import ColumnsView, PlanOutcome
from commdesk.ui.tasks import BackgroundTasks

translate = QCoreApplication.translate
CELL_CHARS = 60


@dataclass
class ImportState:
    """Where the clerk is in the wizard; pages read and write it, the wizard owns it."""

    ctx: UiContext
    kind: str = "volunteers"
    path: Path | None = None
    sheets: list[SheetInfo] = field(default_factory=list)
    sheet: str | None = None  # None: the importer picks the only visible sheet
    file_key: tuple[str, str] | None = None  # (kind, path) that `sheets` belongs to
    plan_key: tuple[str, str, str | None] | None = None  # (kind, path, sheet) of `plan`
    plan: ImportPlan | None = None
    columns: ColumnsView | None = None  # what the mapping step shows (from plan or probe)
    plan_error: str | None = None  # why there is columns but no plan
    mapping: dict[str, str] | None = None  # None until the clerk changes a column
    update_duplicates: bool = False
    result: ImportResult | None = None
    written: bool = False  # commit_import ran (something was written)
    report_path: Path | None = None
    report_error: str | None = None
    report_choice: Path | None = None  # None: the data folder's reports/

    def report_target(self) -> Path:
        """Where the rejected rows will be written: the clerk's choice or reports/."""
        assert self.path is not None
        return self.report_choice or default_report_path(self.ctx.store.data_dir, self.path)

    def visible_sheets(self) -> list[SheetInfo]:
        return [s for s in self.sheets if s.visible and s.worksheet]

    def needs_sheet_page(self) -> bool:
        """The sheet step is shown unless the workbook has exactly one visible sheet."""
        return len(self.visible_sheets()) != 1

    def set_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.columns = ColumnsView.from_plan(plan)
        self.plan_error = None

    def apply(self, outcome: PlanOutcome) -> None:
        """A plan; or, when planning failed but the table was found, its columns and why."""
        if outcome.plan is not None:
            self.set_plan(outcome.plan)
        else:
            self.plan, self.columns, self.plan_error = None, outcome.probe, outcome.error

    def reset_plan(self) -> None:
        self.plan = None
        self.columns = None
        self.plan_error = None
        self.plan_key = None
        self.mapping = None
        self.result = None
        self.written = False
        self.report_path = None
        self.report_error = None
        self.report_choice = None


KNOWN_ERRORS = (ImportFileError, ImportCancelled, PeriodLocked, StoreError, OSError)


class TaskRunner(BackgroundTasks):
    """The wizard's one worker thread; the importer's own errors are not logged as bugs."""

    progress = Signal(int, int)  # done, total — emitted from the worker, queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, expected=KNOWN_ERRORS)
        self._last_progress = 0

    def emit_progress(self, done: int, total: int) -> None:
        """Progress callback for commit_import (called on the worker thread).

        Updates made row by row (50,000 of them) would flood the GUI thread's
        event queue; about 200 steps per import are plenty for a progress bar.
        """
        if done == 0 or done >= total or done - self._last_progress >= max(1, total // 200):
            self._last_progress = done
            self.progress.emit(done, total)


def error_text(exc: BaseException) -> str:
    """One readable line: the importer's own message, or the exception's type for the rest."""
    if isinstance(exc, KNOWN_ERRORS):
        text = str(exc).strip()
        return text.splitlines()[0] if text else type(exc).__name__
    return translate("ImportWizard", "Unexpected error: {error}").format(
        error=f"{type(exc).__name__}: {exc}"
    )


def cell_text(value: Any) -> str:
    """A source cell as the clerk saw it in Excel (15 significant digits, ISO dates)."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, int | float):
        text = number_as_excel_shows(value) if math.isfinite(value) else str(value)
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    elif isinstance(value, date | time):
        text = value.isoformat()
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


class BusyBar(QWidget):
    """An indeterminate progress bar with a caption, shown while the worker reads the file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("hint")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(220)
        self.bar.setMaximumHeight(14)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def stop(self) -> None:
        self.hide()


ERROR_STYLE = "color: #b42318;"
BAD_COLOUR = "#b42318"
WARN_COLOUR = "#7a5200"


class StatTiles(QWidget):
    """A row of big numbers with captions: the counts the clerk checks first."""

    def __init__(self, names: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for key, caption in names:
            tile = QFrame(self)
            tile.setFrameShape(QFrame.Shape.StyledPanel)
            tile.setObjectName(f"importCount_{key}")
            number = QLabel("0", tile)
            font = QFont(number.font())
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            number.setFont(font)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(caption, tile)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text.setWordWrap(True)
            box = QVBoxLayout(tile)
            box.setContentsMargins(6, 4, 6, 4)
            box.addWidget(number)
            box.addWidget(text)
            layout.addWidget(tile, 1)
            self.values[key] = number

    def set_counts(self, counts: dict[str, int]) -> None:
        for key, label in self.values.items():
            value = int(counts.get(key, 0))
            label.setText(f"{value:,}")
            colour = ""
            if value and key == "rejected":
                colour = BAD_COLOUR
            elif value and key == "warnings":
                colour = WARN_COLOUR
            label.setStyleSheet(f"color: {colour};" if colour else "")
