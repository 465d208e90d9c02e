"""The wizard's mapping step: which column of the file goes into which field.

One row per source column: its letter, header, the first few values and a
combo with the ledger's fields plus “ignore”. Columns the header matcher could
not place (no match, ambiguous, no header) are highlighted. Any change
re-plans in the background with the *whole* mapping passed as ``mapping=``,
so the commit remembers exactly what the clerk confirmed for this header set.
A grid of combos (not a table view) keeps Tab moving from combo to combo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from commdesk.domain.i18n import translate as importer_translate
from commdesk.importing import plan_import
from commdesk.importing.headers import HeaderMatcher, column_letter, normalise
from commdesk.importing.kinds import kind_for
from commdesk.importing.plan import ImportPlan
from commdesk.ui.import_support import (
    ERROR_STYLE,
    BusyBar,
    ImportState,
    TaskRunner,
    cell_text,
    error_text,
    translate,
)

REPLAN_DELAY_MS = 300
ATTENTION_STYLE = "background: #fff4d6; color: #7a5200; padding: 1px 4px;"
NOTE_STYLE = "color: #5b6b73;"
HEADER_CHARS = 24
SAMPLE_CHARS = 34
NOTE_CHARS = 8


class _QuietCombo(QComboBox):
    """A combo that ignores the mouse wheel unless focused, so scrolling the grid is safe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and not self.hasFocus():
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def column_key(headers: list[str], col: int) -> str:
    """How to name column ``col`` in ``mapping=`` so the importer finds exactly it.

    The importer looks a name up as header text first (the first column whose
    normalised header is equal), then as a column letter; a blank or repeated
    header is therefore named by its letter.
    """
    head = headers[col] if col < len(headers) else ""
    if head:
        key = normalise(head)
        first = next(
            (
                i
                for i, text in enumerate(headers)
                if text == head or (key and normalise(text) == key)
            ),
            None,
        )
        if first == col:
            return head
    return column_letter(col)


class _ColumnRow:
    """The widgets of one source column in the grid."""

    def __init__(self, col: int, key: str, header: str) -> None:
        self.col = col
        self.key = key
        self.header = header
        self.letter: QLabel
        self.header_label: QLabel
        self.sample: QLabel
        self.combo: QComboBox
        self.note: QLabel


class MappingPage(QWizardPage):
    """Confirm or correct how each column of the file is read."""

    def __init__(self, state: ImportState, runner: TaskRunner) -> None:
        super().__init__()
        self.state = state
        self.runner = runner
        self.rows: list[_ColumnRow] = []
        self._touched: set[int] = set()
        self._planning = False
        self._pending = False
        self._error: str | None = None
        self._headers: list[str] = []
        self.setTitle(translate("ImportWizard", "Check the columns"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "Which field each column of the file goes into. Highlighted columns were not "
                "recognised: choose a field for them or leave them ignored.",
            )
        )
        self.info = QLabel(self)
        self.info.setObjectName("hint")
        self.info.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("importMapping")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setWidget(self.grid_host)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("importMappingError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.busy = BusyBar(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPLAN_DELAY_MS)
        self._timer.timeout.connect(self._replan)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)

    # ------------------------------------------------------------ wizard protocol
    def initializePage(self) -> None:
        self._touched.clear()
        self._error = None
        self._pending = self._planning = False
        self.error_label.hide()
        self.busy.stop()
        self._build()
        if self.state.plan is None:  # planning refused the file: say why, let the clerk fix it
            self._show_error(self._conflict() or self.state.plan_error or "")
        if self.rows:
            self.rows[0].combo.setFocus()

    def _show_error(self, text: str) -> None:
        self._error = text or None
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        """Going back while a re-plan is due: the plan no longer matches, read again."""
        if self._pending or self._planning or self._error:
            self._timer.stop()
            self.runner.forget("plan")
            self.state.file_key = None
            self.state.plan_key = None
        self._pending = self._planning = False

    def isComplete(self) -> bool:
        return (
            self.state.plan is not None
            and not self._pending
            and not self._planning
            and self._error is None
        )

    # ------------------------------------------------------------ grid
    def _ledger_fields(self) -> list[tuple[str, str]]:
        """(field name, label) offered in the combos: what the header matcher can map."""
        ledger = kind_for(self.state.kind).ledger
        fields = HeaderMatcher(ledger).fields
        return [(f.name, f.label() + (" *" if f.required else "")) for f in fields]

    def _build(self) -> None:
        view = self.state.columns
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for line in range(self.grid.rowCount()):
            self.grid.setRowStretch(line, 0)
        self.rows = []
        if view is None:
            return
        self._headers = list(view.headers)
        bold = QFont(self.font())
        bold.setBold(True)
        titles = [
            translate("ImportWizard", "Column"),
            translate("ImportWizard", "Header in the file"),
            translate("ImportWizard", "First values"),
            translate("ImportWizard", "Import into"),
            translate("ImportWizard", "Note"),
        ]
        for index, title in enumerate(titles):
            label = QLabel(title, self.grid_host)
            label.setFont(bold)
            self.grid.addWidget(label, 0, index)
        fields = self._ledger_fields()
        samples = view.samples
        metrics = self.fontMetrics()  # widths follow the font size setting (100–150 %)
        sample_width = metrics.averageCharWidth() * SAMPLE_CHARS
        note_width = metrics.horizontalAdvance("中") * NOTE_CHARS
        columns = view.columns()
        for line, col in enumerate(columns, start=1):
            header = self._headers[col] if col < len(self._headers) else ""
            row = _ColumnRow(col, column_key(self._headers, col), header)
            row.letter = QLabel(column_letter(col), self.grid_host)
            row.letter.setAlignment(Qt.AlignmentFlag.AlignCenter)
            shown = header or translate("ImportWizard", "(no header)")
            if len(shown) > HEADER_CHARS:
                shown = shown[: HEADER_CHARS - 1] + "…"
            row.header_label = QLabel(shown, self.grid_host)
            row.header_label.setToolTip(header)
            values = [cell_text(cells[col]) for cells in samples if col < len(cells)]
            sample_text = " · ".join(v for v in values if v)
            row.sample = QLabel(self.grid_host)
            row.sample.setToolTip(sample_text)
            row.sample.setText(self._elide(row.sample, sample_text, sample_width))
            row.sample.setStyleSheet(NOTE_STYLE)
            row.combo = _QuietCombo(self.grid_host)
            row.combo.setObjectName(f"importMap_{column_letter(col)}")
            row.combo.setAccessibleName(
                translate("ImportWizard", "Field for column {letter} ({header})").format(
                    letter=column_letter(col), header=header or "-"
                )
            )
            row.combo.addItem(translate("ImportWizard", "— ignore —"), "")
            for name, label in fields:
                row.combo.addItem(label, name)
            row.combo.setMinimumContentsLength(10)
            row.combo.setCurrentIndex(max(0, row.combo.findData(view.fields.get(col, ""))))
            row.combo.currentIndexChanged.connect(lambda _i, r=row: self._combo_changed(r))
            row.header_label.setBuddy(row.combo)
            row.note = QLabel(self.grid_host)
            row.note.setWordWrap(True)
            row.note.setMinimumWidth(note_width)
            for index, widget in enumerate(
                (row.letter, row.header_label, row.sample, row.combo, row.note)
            ):
                self.grid.addWidget(widget, line, index)
            self.rows.append(row)
        self.grid.setColumnStretch(2, 2)
        self.grid.setColumnStretch(4, 3)
        self.grid.setRowStretch(len(columns) + 1, 1)
        for previous, current in zip(self.rows, self.rows[1:], strict=False):
            QWidget.setTabOrder(previous.combo, current.combo)
        self._refresh_notes()

    @staticmethod
    def _elide(label: QLabel, text: str, width: int) -> str:
        return label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)

    def _refresh_notes(self) -> None:
        """Notes and highlights from the current plan and what the clerk changed."""
        view = self.state.columns
        if view is None:
            return
        matcher = HeaderMatcher(kind_for(self.state.kind).ledger)
        labels = {name: label for name, label in self._ledger_fields()}
        reasons = {col: reason for col, _, reason in view.ignored}
        by_choice = importer_translate("Import", "ignored by choice")
        chosen = self._chosen()
        counts: dict[str, int] = {}
        for name in chosen.values():
            if name:
                counts[name] = counts.get(name, 0) + 1
        for row in self.rows:
            name = chosen[row.col]
            attention = False
            if name and counts[name] > 1:
                text, attention = translate("ImportWizard", "used by more than one column"), True
            elif row.col in self._touched:
                text = (
                    translate("ImportWizard", "your choice")
                    if name
                    else translate("ImportWizard", "ignored")
                )
            elif name:
                origin = view.origin.get(row.col)
                text = translate("ImportWizard", "as last time") if origin == "remembered" else ""
            else:
                found = matcher.match(row.header).fields if row.header else ()
                if len(found) > 1:
                    text = translate("ImportWizard", "could be {fields}").format(
                        fields=" / ".join(labels.get(f, f) for f in found)
                    )
                else:
                    text = reasons.get(row.col, translate("ImportWizard", "ignored"))
                attention = text != by_choice
            row.note.setText(text)
            style = ATTENTION_STYLE if attention else NOTE_STYLE
            row.note.setStyleSheet(style)
            row.header_label.setStyleSheet(ATTENTION_STYLE if attention else "")
        self.info.setText(
            translate(
                "ImportWizard", "{file}, sheet {sheet}: header in row {rows}, {count} data rows."
            ).format(
                file=view.source.name,
                sheet=view.sheet,
                rows="+".join(str(r) for r in view.header_rows),
                count=view.data_rows,
            )
        )

    # ------------------------------------------------------------ changes
    def _chosen(self) -> dict[int, str]:
        return {row.col: str(row.combo.currentData() or "") for row in self.rows}

    def mapping(self) -> dict[str, str]:
        """The whole mapping as ``plan_import(mapping=…)`` takes it ("" ignores a column)."""
        return {row.key: str(row.combo.currentData() or "") for row in self.rows}

    def _conflict(self) -> str | None:
        """A mapping the importer would refuse or misread, said in the wizard's words."""
        ledger = kind_for(self.state.kind).ledger
        chosen = set(self._chosen().values())
        missing = [
            f.label()
            for f in ledger.fields
            if f.required and f.default is None and f.name not in chosen
        ]
        if missing:
            return translate(
                "ImportWizard", "Choose a column for the required field(s): {fields}."
            ).format(fields="、".join(missing))
        seen: dict[str, list[str]] = {}
        for row in self.rows:
            name = str(row.combo.currentData() or "")
            if name:
                seen.setdefault(name, []).append(column_letter(row.col))
        labels = {name: label for name, label in self._ledger_fields()}
        for name, letters in seen.items():
            if len(letters) > 1:
                return translate(
                    "ImportWizard", "Columns {columns} all go into “{field}”; choose one of them."
                ).format(columns="、".join(letters), field=labels.get(name, name).rstrip(" *"))
        return None

    def set_field(self, letter: str, field_name: str) -> None:
        """Choose a field ("" ignores) for the column with this letter (tests, scripting)."""
        for row in self.rows:
            if column_letter(row.col) == letter:
                row.combo.setCurrentIndex(row.combo.findData(field_name))
                return
        raise KeyError(letter)

    def _combo_changed(self, row: _ColumnRow) -> None:
        self._touched.add(row.col)
        self._refresh_notes()
        conflict = self._conflict()
        if conflict:
            self._timer.stop()
            self.runner.forget("plan")  # a re-plan under way is for a mapping now changed
            self._pending = self._planning = False
            self.busy.stop()
            self._show_error(conflict)
            return
        self._show_error("")
        self.state.mapping = self.mapping()
        self._pending = True
        self.busy.start(translate("ImportWizard", "Checking the rows with the new columns…"))
        self._timer.start()
        self.completeChanged.emit()

    def _replan(self) -> None:
        state = self.state
        assert state.path is not None and state.mapping is not None
        store, kind, path = state.ctx.store, state.kind, state.path
        sheet, mapping, update = state.sheet, dict(state.mapping), state.update_duplicates

        def work() -> ImportPlan:
            return plan_import(
                store, kind, path, sheet=sheet, mapping=mapping, update_duplicates=update
            )

        self._pending = False
        self._planning = True
        self.runner.run("plan", work, self._planned, self._failed)

    def _planned(self, plan: ImportPlan) -> None:
        self._planning = False
        self.busy.stop()
        self.state.set_plan(plan)
        if list(plan.headers) != self._headers:  # the header row moved: show the new columns
            self._build()
        else:
            self._refresh_notes()
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self._planning = False
        self.busy.stop()
        self._show_error(error_text(exc))

    def busy_now(self) -> bool:
        """A re-plan is due or running (tests wait on this)."""
        return self._pending or self._planning
