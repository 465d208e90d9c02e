"""The wizard's preview step: the dry run, before anything is written.

Counts (to add, to update, duplicates skipped, rejected, warnings), a switch
to update existing records instead of skipping duplicates (re-plans), the
first rows of each category in tabs, and notes about how the file was read
(title rows, table end, blank rows, hidden sheets, ignored columns).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from commdesk.domain.ledgers import ID_NUMBER, TEAM, Field
from commdesk.domain.validators import mask_id
from commdesk.importing import plan_import
from commdesk.importing.headers import column_letter
from commdesk.importing.kinds import kind_for
from commdesk.importing.plan import ImportPlan
from commdesk.importing.rows import RowResult
from commdesk.store.services.volunteers import team_choices
from commdesk.ui.context import UiContext
from commdesk.ui.display import display_value
from commdesk.ui.import_dates import DateChoices
from commdesk.ui.import_support import (
    ERROR_STYLE,
    BusyBar,
    ImportState,
    StatTiles,
    TaskRunner,
    cell_text,
    error_text,
    translate,
)

PREVIEW_ROWS = 50
NOTE_ROWS = 5
NOTE_LINES = 6  # lines of notes shown before they scroll


def count_names() -> list[tuple[str, str]]:
    return [
        ("added", translate("ImportWizard", "To add")),
        ("updated", translate("ImportWizard", "To update")),
        ("skipped", translate("ImportWizard", "Duplicates skipped")),
        ("rejected", translate("ImportWizard", "Rejected")),
        ("warnings", translate("ImportWizard", "Warnings")),
    ]


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(False)
    return table


def _raw_rows(plan: ImportPlan, rows: Iterable[tuple]) -> Iterator[tuple]:
    """Rows the importer could not turn into values (rejected, duplicates) as they
    stand in the file; cells mapped to an ID number show as ``mask_id`` shows one:
    enough to find the row, not the birth date (the report file keeps them whole)."""
    kinds = {f.name: f.kind for f in kind_for(plan.kind).ledger.fields}
    masked = {c for c, name in plan.columns.fields.items() if kinds.get(name) == ID_NUMBER}
    for *lead, cells in rows:
        yield (
            *lead,
            [mask_id(cell_text(c)) if i in masked else cell_text(c) for i, c in enumerate(cells)],
        )


class StoredValues:
    """Accepted rows as they will be stored and then shown in the ledger: "14人" reads
    14, a provider code its label, a default that no column gave is there too."""

    def __init__(self, plan: ImportPlan, ctx: UiContext) -> None:
        self.plan = plan
        self.ctx = ctx
        rows = [*plan.to_add, *(r for _, r in plan.to_update)]
        self.fields: list[Field] = [
            f
            for f in kind_for(plan.kind).ledger.fields
            if f.visible
            and any(r.values and r.values.get(f.name) not in (None, "", []) for r in rows)
        ]
        self._teams: dict[int, str] | None = None

    def headers(self) -> list[str]:
        return [f.label() for f in self.fields]

    def texts(self, row: RowResult) -> list[str]:
        values = row.values or {}
        return [self._text(f, values.get(f.name), row) for f in self.fields]

    def _text(self, f: Field, value: object, row: RowResult) -> str:
        if f.kind == TEAM and value is None and row.new_team:
            return translate("ImportWizard", "{team} (new)").format(team=row.new_team)
        if f.kind == TEAM and self._teams is None:
            self._teams = dict(team_choices(self.ctx.store))
        return display_value(f, value, self.ctx.catalogues, team_names=self._teams)


def _fill(
    table: QTableWidget, first: Sequence[str], headers: Sequence[str], rows: Iterable[tuple]
) -> None:
    """Rows are (row number, *leading texts, cell texts); only the first PREVIEW_ROWS."""
    shown = list(islice(rows, PREVIEW_ROWS))
    table.clear()
    table.setColumnCount(len(first) + len(headers))
    table.setHorizontalHeaderLabels([*first, *headers])
    table.setRowCount(len(shown))
    for r, (number, *lead, cells) in enumerate(shown):
        texts = [str(number), *lead, *cells]
        for c, text in enumerate(texts[: table.columnCount()]):
            item = QTableWidgetItem(text)
            if c == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if len(first) > 1 and c == 1:
                item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):
        table.setColumnWidth(c, min(table.columnWidth(c), 380 if c == 1 else 180))


class PreviewPage(QWizardPage):
    """The dry run: counts, the first rows of each category, and notes about the file."""

    def __init__(self, state: ImportState, runner: TaskRunner) -> None:
        super().__init__()
        self.state = state
        self.runner = runner
        self._planning = False
        self._error: str | None = None
        self.setTitle(translate("ImportWizard", "Preview"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "Nothing has been written yet. Check the counts and the rows below, then import.",
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ImportWizard", "&Import"))
        self.tiles = StatTiles(count_names(), self)
        self.update_box = QCheckBox(
            translate(
                "ImportWizard",
                "&Update records already in the ledger instead of skipping duplicates",
            ),
            self,
        )
        self.update_box.setObjectName("importUpdateDuplicates")
        self.update_box.toggled.connect(self._update_toggled)
        self.dates = DateChoices(self)  # asked only when the roster lacks dates
        self.dates.changed.connect(self._dates_changed)
        self.notes = QLabel(self)
        self.notes.setObjectName("importNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setContentsMargins(0, 0, 4, 0)
        # Notes can run long (many hidden sheets, ignored rows): they scroll, the tables stay.
        self.notes_area = QScrollArea(self)
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_area.setWidget(self.notes)
        self.notes_area.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QLabel { background: transparent; }"
        )
        self.notes_area.viewport().setAutoFillBackground(False)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("importPreviewTabs")
        self.rejected_table = _table(self)
        self.warnings_table = _table(self)
        self.skipped_table = _table(self)
        self.update_table = _table(self)
        self.add_table = _table(self)
        for table in (
            self.rejected_table,
            self.warnings_table,
            self.skipped_table,
            self.update_table,
            self.add_table,
        ):
            self.tabs.addTab(table, "")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.busy = BusyBar(self)
        self.report_row = QWidget(self)
        self.report_target = QLabel(self.report_row)
        self.report_target.setObjectName("importReportTarget")
        self.report_target.setWordWrap(True)
        self.report_target.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_choose = QPushButton(
            translate("ImportWizard", "Save it &elsewhere…"), self.report_row
        )
        self.report_choose.setObjectName("importReportChoose")
        self.report_choose.clicked.connect(self.choose_report)
        row = QHBoxLayout(self.report_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.report_target, 1)
        row.addWidget(self.report_choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tiles)
        layout.addWidget(self.update_box)
        layout.addWidget(self.dates)
        layout.addWidget(self.notes_area)
        layout.addWidget(self.report_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)

    def initializePage(self) -> None:
        self._error = None
        self.error_label.hide()
        self.update_box.blockSignals(True)
        self.update_box.setChecked(self.state.update_duplicates)
        self.update_box.blockSignals(False)
        if self.state.plan is not None:
            self.show_plan(self.state.plan)
        self.tabs.setFocus()

    def isComplete(self) -> bool:
        return (
            self.state.plan is not None
            and not self._planning
            and self._error is None
            and self.dates.is_complete()
        )

    def _dates_changed(self) -> None:
        if self.state.plan is not None:
            self.show_plan(self.state.plan)
        self.completeChanged.emit()

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_plan(self, plan: ImportPlan) -> None:
        self.dates.apply(plan)
        counts = plan.counts()
        self.tiles.set_counts(counts)
        headers = [h or column_letter(i) for i, h in enumerate(plan.headers)]
        stored = StoredValues(plan, self.state.ctx)
        row, reason = translate("ImportWizard", "Row"), translate("ImportWizard", "Reason")
        _fill(
            self.rejected_table,
            [row, reason],
            headers,
            _raw_rows(plan, ((r.row_number, r.reason, r.cells) for r in plan.rejected)),
        )
        warnings = plan.warnings[:PREVIEW_ROWS]
        wanted = {number for number, _ in warnings}
        rows_of = {
            r.row_number: r
            for r in (*plan.to_add, *(r for _, r in plan.to_update))
            if r.row_number in wanted
        }
        _fill(
            self.warnings_table,
            [row, translate("ImportWizard", "Warning")],
            stored.headers(),
            ((number, text, stored.texts(rows_of[number])) for number, text in warnings),
        )
        _fill(
            self.skipped_table,
            [row, reason],
            headers,
            _raw_rows(plan, ((r.row_number, r.reason, r.cells) for r in plan.skipped)),
        )
        _fill(
            self.update_table,
            [row, translate("ImportWizard", "Record")],
            stored.headers(),
            ((r.row_number, str(existing), stored.texts(r)) for existing, r in plan.to_update),
        )
        _fill(
            self.add_table,
            [row],
            stored.headers(),
            ((r.row_number, stored.texts(r)) for r in plan.to_add),
        )
        titles = [
            translate("ImportWizard", "Rejected ({count})").format(count=counts["rejected"]),
            translate("ImportWizard", "Warnings ({count})").format(count=counts["warnings"]),
            translate("ImportWizard", "Duplicates ({count})").format(count=counts["skipped"]),
            translate("ImportWizard", "To update ({count})").format(count=counts["updated"]),
            translate("ImportWizard", "To add ({count})").format(count=counts["added"]),
        ]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        first = next(
            (
                i
                for i, key in enumerate(("rejected", "warnings", "skipped", "updated", "added"))
                if counts[key]
            ),
            4,
        )
        self.tabs.setCurrentIndex(first)
        text = self._notes_text(plan, counts)
        self.notes.setText(text)
        lines = min(text.count("\n") + 1, NOTE_LINES)
        self.notes_area.setFixedHeight(self.notes.fontMetrics().lineSpacing() * lines + 6)
        self._show_report_target()

    def _show_report_target(self) -> None:
        plan = self.state.plan
        self.report_row.setVisible(bool(plan is not None and plan.rejected))
        if plan is not None and plan.rejected:
            self.report_target.setText(
                translate(
                    "ImportWizard", "Rejected rows will be saved for correction to: {path}"
                ).format(path=self.state.report_target())
            )

    def choose_report(self) -> None:
        """Another place for the report than the data folder's private reports/."""
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("ImportWizard", "Save the rows that were not imported"),
            str(Path.home() / self.state.report_target().name),
            translate("ImportWizard", "Excel workbook (*.xlsx)"),
        )
        if name:
            self.state.report_choice = Path(name)
            self._show_report_target()

    @staticmethod
    def _notes_text(plan: ImportPlan, counts: dict[str, int]) -> str:
        lines = [
            translate("ImportWizard", "{file}, sheet {sheet}, header in row {rows}.").format(
                file=plan.source.name,
                sheet=plan.sheet,
                rows="+".join(str(r) for r in plan.header_rows),
            ),
            *plan.notes,
        ]
        if plan.ignored_columns:
            lines.append(
                translate("ImportWizard", "Columns not imported: {columns}.").format(
                    columns="；".join(plan.ignored_columns)
                )
            )
        if plan.ignored_rows:
            shown = "；".join(
                translate("ImportWizard", "row {row}: {why}").format(row=row, why=why)
                for row, why in plan.ignored_rows[:NOTE_ROWS]
            )
            more = len(plan.ignored_rows) - NOTE_ROWS
            if more > 0:
                shown += "；" + translate("ImportWizard", "… and {count} more").format(count=more)
            lines.append(
                translate("ImportWizard", "Rows not read as data ({count}): {rows}").format(
                    count=len(plan.ignored_rows), rows=shown
                )
            )
        if counts["added"] + counts["updated"] == 0:
            lines.append(translate("ImportWizard", "No row would be written."))
        return "\n".join("• " + line for line in lines)

    def _update_toggled(self, checked: bool) -> None:
        state = self.state
        state.update_duplicates = checked
        assert state.path is not None
        store, kind, path = state.ctx.store, state.kind, state.path
        sheet, mapping = state.sheet, dict(state.mapping) if state.mapping else None

        def work() -> ImportPlan:
            return plan_import(
                store, kind, path, sheet=sheet, mapping=mapping, update_duplicates=checked
            )

        self._planning = True
        self._error = None
        self.error_label.hide()
        self.busy.start(translate("ImportWizard", "Checking the rows again…"))
        self.completeChanged.emit()
        self.runner.run("plan", work, self._planned, self._failed)

    def _planned(self, plan: ImportPlan) -> None:
        self._planning = False
        self.busy.stop()
        self.state.set_plan(plan)
        self.show_plan(plan)
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self._planning = False
        self.busy.stop()
        self._error = error_text(exc)
        self.error_label.setText(self._error)
        self.error_label.show()
        self.completeChanged.emit()

    def busy_now(self) -> bool:
        return self._planning
