"""One generic page per ledger: search, filters, lazy table, totals, recycle view.

Configured only by a :class:`~commdesk.ui.specs.PageSpec` (ledger description +
service); nothing here is specific to services, facilities or people.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import QUICK_RANGES, quick_range
from commdesk.store.services.base import NotFound
from commdesk.store.services.conflicts import EditConflict
from commdesk.store.services.periods import PeriodLocked
from commdesk.ui.context import UiContext
from commdesk.ui.date_entry import DateEditor, DateProblemLabel
from commdesk.ui.display import format_number
from commdesk.ui.first_window import restore_ledger_header
from commdesk.ui.live_refresh import ChangeWatcher, reload_keeping_view
from commdesk.ui.period_lock import ask_unlock, lock_notice
from commdesk.ui.quick_periods import QuickPeriodBox
from commdesk.ui.record_form import RecordDialog
from commdesk.ui.specs import PageSpec
from commdesk.ui.table_model import LedgerTableModel
from commdesk.ui.tasks import BackgroundTasks
from commdesk.ui.undo import AddCommand, DeleteCommand, EditCommand, editable_values

if TYPE_CHECKING:
    from commdesk.ui.paper_print import Deliver

translate = QCoreApplication.translate
SEARCH_DELAY_MS = 200


# Ledgers the importer understands (by table name).
IMPORTABLE = frozenset({"volunteer", "worker", "facility", "service_record"})


class LedgerPage(QWidget):
    """Table of one ledger with the actions the main window's menus trigger."""

    counts_changed = Signal()
    notice = Signal(str)  # a line for the status bar

    def __init__(self, ctx: UiContext, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fixed_today: date | None = None  # tests fix the clock here
        self.spec = spec
        self.ledger = spec.ledger
        self.service = spec.service
        self.dialog: RecordDialog | None = None
        self.only_ids: list[int] | None = None  # set when opened from an audit warning
        self.undo_stack = ctx.undo_stack_for(spec.key)
        self.setObjectName(f"page_{spec.key}")
        self.model = LedgerTableModel(ctx, spec, self)
        self._build()
        self._restore_header()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        ctx.events.changed.connect(self._on_data_changed)
        # The totals line sums every matching row (a million, unfiltered): on a worker
        # thread, so neither the first paint nor a search waits for it.
        self._tasks = BackgroundTasks(self)
        self._update_totals()
        self.watcher = ChangeWatcher(ctx.store, self)
        self.watcher.changed.connect(
            lambda: reload_keeping_view(self.table, self.model, self.refresh)
        )

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.new_button = QPushButton(translate("LedgerPage", "New"), self)
        self.edit_button = QPushButton(translate("LedgerPage", "Edit"), self)
        self.delete_button = QPushButton(translate("LedgerPage", "Delete"), self)
        self.restore_button = QPushButton(translate("LedgerPage", "Restore"), self)
        self.deleted_toggle = QPushButton(translate("LedgerPage", "Deleted"), self)
        self.export_button = QPushButton(translate("LedgerPage", "Export…"), self)
        self.export_button.setToolTip(
            translate("LedgerPage", "Export the rows shown to Excel (ID numbers masked)")
        )
        self.export_button.clicked.connect(self.export_view)
        self.import_button = QPushButton(translate("LedgerPage", "Import…"), self)
        self.import_button.setToolTip(
            translate("LedgerPage", "Import rows from an Excel, WPS or CSV file")
        )
        self.import_button.clicked.connect(self.import_rows)
        self.import_button.setVisible(self.ledger.name in IMPORTABLE)
        self.deleted_toggle.setCheckable(True)
        self.deleted_toggle.setToolTip(
            translate("LedgerPage", "Show deleted rows so they can be restored")
        )
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.deleted_toggle.toggled.connect(self.set_show_deleted)
        self.restore_button.hide()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            translate("LedgerPage", "Search: name, text, pinyin initials (zs) or ID digits")
        )
        self.search.setMinimumWidth(160)
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addWidget(self.restore_button)
        actions.addSpacing(12)
        actions.addWidget(self.search, 1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        if self.ledger.name == "volunteer":  # 志愿服务记录证明, the register, a record
            from commdesk.ui.certificate_register import certificate_menu_button

            actions.addWidget(certificate_menu_button(self))
        actions.addWidget(self.deleted_toggle)

        filters = QHBoxLayout()
        self.date_from: DateEditor | None = None
        self.date_to: DateEditor | None = None
        if self.spec.has_date_filter:
            any_date = translate("LedgerPage", "any")
            self.date_from = DateEditor(self, placeholder=any_date)
            self.date_to = DateEditor(self, placeholder=any_date)
            self.date_from.setObjectName("filter_date_from")
            self.date_to.setObjectName("filter_date_to")
            self.date_problem = DateProblemLabel(self, self.date_from, self.date_to)
            filters.addWidget(QLabel(translate("LedgerPage", "From"), self))
            filters.addWidget(self.date_from)
            filters.addWidget(QLabel(translate("LedgerPage", "to"), self))
            filters.addWidget(self.date_to)
            self.quick_period = QuickPeriodBox(QUICK_RANGES, self.apply_quick_period, self)
            filters.addWidget(self.quick_period)
            for edit in (self.date_from, self.date_to):
                edit.textEdited.connect(lambda _text: self.quick_period.reset())
            self.date_from.entered.connect(self.apply_filters)
            self.date_to.entered.connect(self.apply_filters)
        self.filter_combos: dict[str, QComboBox] = {}
        for name in self.spec.filter_fields:
            f = self.ledger.field(name)
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{name}")
            combo.addItem(translate("LedgerPage", "All: {field}").format(field=f.label()), None)
            assert f.catalogue is not None
            for item in self.ctx.catalogues[f.catalogue]:
                combo.addItem(item.label(), item.code)
            # Long catalogue labels must not widen the window: the list drops down wider.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
            combo.currentIndexChanged.connect(self.apply_filters)
            filters.addWidget(combo)
            self.filter_combos[name] = combo
        if self.date_from is not None or self.filter_combos:
            clear = QPushButton(translate("LedgerPage", "Clear filters"), self)
            clear.clicked.connect(self.clear_filters)
            filters.addWidget(clear)
        filters.addStretch(1)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.totals = QLabel(self)
        self.totals.setObjectName("totals")
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        if filters.count() > 1:
            layout.addLayout(filters)
        if self.date_from is not None:  # under the dates: a long message never widens the row
            layout.addWidget(self.date_problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        self._update_buttons()

    def _restore_header(self) -> None:
        state = self.ctx.settings.value(f"{self.spec.key}/header")
        restore_ledger_header(self.table, self.model.fields, state, self)

    def save_state(self) -> None:
        header = self.table.horizontalHeader()
        self.ctx.settings.setValue(f"{self.spec.key}/header", header.saveState())

    def _header_menu(self, pos: Any) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        """Checkable list of columns; at least one stays visible."""
        header = self.table.horizontalHeader()
        menu = QMenu(translate("LedgerPage", "Columns"), self)
        for i, f in enumerate(self.model.fields):
            action = menu.addAction(f.label())
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.toggled.connect(lambda on, col=i: self.set_column_visible(col, on))
        return menu

    def set_column_visible(self, column: int, visible: bool) -> None:
        header = self.table.horizontalHeader()
        shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        if not visible and shown == [column]:
            return
        header.setSectionHidden(column, not visible)
        if visible and header.sectionSize(column) < 30:
            header.resizeSection(column, self.model.fields[column].width)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)

    # ------------------------------------------------------------ querying
    def current_filters(self) -> dict[str, Any]:
        return {name: combo.currentData() for name, combo in self.filter_combos.items()}

    def apply_filters(self) -> None:
        self._search_timer.stop()
        kwargs: dict[str, Any] = {
            "search": self.search.text(),
            "filters": {k: v for k, v in self.current_filters().items() if v},
        }
        if self.only_ids is not None:
            kwargs["filters"]["id"] = list(self.only_ids)
        if self.date_from is not None and self.date_to is not None:
            # an unreadable bound narrows nothing; its message says so beside it
            kwargs["date_from"] = self.date_from.date_value()
            kwargs["date_to"] = self.date_to.date_value()
        self.model.set_query(**kwargs)
        self._update_totals()

    def today(self) -> date:
        """The real date; tests fix it by setting ``fixed_today``."""
        return self.fixed_today or date.today()

    def apply_quick_period(self, key: str) -> None:
        """今天, 本周, 本月 … 上年 into the date filters, then filter."""
        self.set_date_range(*quick_range(key, self.today()))

    def set_date_range(self, start: Any, end: Any) -> None:
        if self.date_from is None or self.date_to is None:
            return
        self.date_from.set_value(start or None)
        self.date_to.set_value(end or None)
        self.date_problem.update_text()
        self.apply_filters()

    def show_only(self, ids: list[int]) -> None:
        """Show just these rows (the records behind a return's audit warning)."""
        self.clear_filters(apply=False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if self.showing_deleted:
            self.set_show_deleted(False)
        self.only_ids = list(ids)
        self.apply_filters()

    def clear_filters(self, *, apply: bool = True) -> None:
        self.only_ids = None
        for combo in self.filter_combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            if edit is not None:
                edit.blockSignals(True)
                edit.set_value(None)
                edit.blockSignals(False)
        if self.date_from is not None:
            self.date_problem.update_text()
            self.quick_period.reset()
        if apply:
            self.apply_filters()

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page ends an audit warning's row filter, which the filter bar cannot show."""
        if not event.spontaneous() and self.only_ids is not None and self.window().isVisible():
            self.clear_filters()
        super().hideEvent(event)

    def set_show_deleted(self, on: bool) -> None:
        if self.deleted_toggle.isChecked() != on:
            self.deleted_toggle.setChecked(on)  # re-enters through toggled
            return
        self.restore_button.setVisible(on)
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setVisible(not on)
        self.model.set_query(deleted=on)
        self._update_totals()
        self._update_buttons()

    @property
    def showing_deleted(self) -> bool:
        return self.deleted_toggle.isChecked()

    def refresh(self) -> None:
        self.model.refresh()
        self._update_totals()
        self._update_buttons()

    def _on_data_changed(self, ledger_name: str) -> None:
        if ledger_name == self.ledger.name or ledger_name == "volunteer_team":
            self.refresh()

    def _update_totals(self) -> None:
        """Show the row count now and the sums when the worker has added them up."""
        self._show_totals(None)
        if any(f.summable for f in self.ledger.fields):
            store, service, query = self.ctx.store, self.service, self.model.query
            self._tasks.run(
                "totals",
                lambda: service.totals(store, query),
                self._show_totals,
                self._totals_failed,
            )

    def _totals_failed(self, exc: Exception) -> None:
        self.totals.setText(
            translate("LedgerPage", "Totals could not be computed: {error}").format(error=exc)
        )

    def wait_for_totals(self, msecs: int = 10_000) -> bool:
        """Block until the totals line is final (tests, self-test)."""
        return self._tasks.finish(msecs)

    def _show_totals(self, totals: dict[str, float] | None) -> None:
        parts = [translate("LedgerPage", "Rows: {count}").format(count=self.model.rowCount())]
        for f in self.ledger.fields:
            if f.summable:
                value = "…" if totals is None else format_number(float(totals.get(f.name, 0.0)))
                parts.append(
                    translate("LedgerPage", "{field}: {value}").format(field=f.label(), value=value)
                )
        if self.showing_deleted:
            parts.insert(0, translate("LedgerPage", "Deleted rows"))
        if self.only_ids is not None:
            parts.insert(
                0,
                translate(
                    "LedgerPage", "Records behind an audit warning (Clear filters to see all)"
                ),
            )
        self.totals.setText("  ·  ".join(parts))
        self.counts_changed.emit()

    def row_count(self) -> int:
        return self.model.rowCount()

    # ------------------------------------------------------------ selection
    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.row_id(r) for r in rows) if i is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isSelected(index):
            return self.model.row_id(index.row())
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_id(self, row_id: int) -> bool:
        row = self.model.row_of_id(row_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self, *_args: Any) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.restore_button.setEnabled(has)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            # Ctrl+C / Ctrl+V on the table are rows, not the current cell's text.
            for standard, run in (
                (QKeySequence.StandardKey.Copy, self.copy_selected),
                (QKeySequence.StandardKey.Paste, self.paste_rows),
            ):
                if event.matches(standard):  # type: ignore[attr-defined]
                    event.accept()
                    if event.type() == QEvent.Type.KeyPress:
                        run()
                    return True
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.showing_deleted:
                self.edit_current()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ actions
    def new_record(self) -> RecordDialog | None:
        if self.showing_deleted:
            self.set_show_deleted(False)
        return self._open_dialog(None, None)

    def edit_current(self) -> RecordDialog | None:
        row_id = self.current_id()
        if row_id is None or self.showing_deleted:
            return None
        row = self.service.get(self.ctx.store, row_id)
        if row is None:
            return None
        return self._open_dialog(row_id, editable_values(self.service, row), row.get("version"))

    def _open_dialog(
        self, row_id: int | None, values: dict[str, Any] | None, version: int | None = None
    ) -> RecordDialog:
        if row_id is None:
            dialog = RecordDialog(self.ctx, self.ledger, self._add, parent=self)
        else:
            loaded = [version]  # the version this clerk's copy is at

            def save(data: dict[str, Any]) -> int:
                try:
                    loaded[0] = self._update(row_id, values or {}, data, loaded[0])
                except EditConflict as conflict:
                    loaded[0] = conflict.current_version  # a resolved save goes on theirs
                    raise
                return row_id

            dialog = RecordDialog(
                self.ctx, self.ledger, save, values=values, row_id=row_id, parent=self
            )
        if row_id is not None:
            dialog.status.setText(lock_notice(self.ctx.store, self.service, row_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: RecordDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus()

    def _add(self, data: dict[str, Any]) -> int:
        row_id = self.service.add(self.ctx.store, data)
        self.undo_stack.push(AddCommand(self.ctx, self.service, row_id))
        self.select_id(row_id)
        return row_id

    def _update(
        self, row_id: int, before: dict[str, Any], data: dict[str, Any], version: int | None
    ) -> int:
        """Save an edit made on ``version``; returns the row's new version."""
        new_version = self.service.update(self.ctx.store, row_id, data, expected_version=version)
        # Undo compares the row with what this save stored (derived fields included).
        stored = self.service.get(self.ctx.store, row_id) or {}
        after = editable_values(self.service, stored) if stored else data
        self.undo_stack.push(EditCommand(self.ctx, self.service, row_id, before, after))
        self.select_id(row_id)
        return new_version

    def delete_selected(self, *, confirm: bool = True) -> int:
        ids = self.selected_ids()
        if not ids or self.showing_deleted:
            return 0
        if confirm and not self._confirm_delete(len(ids)):
            return 0
        if not self._unlocked(ids):
            return 0
        try:
            self.undo_stack.push(DeleteCommand(self.ctx, self.service, ids))
        except NotFound:
            self.refresh()
            return 0
        undo_key = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.notice.emit(
            translate("LedgerPage", "Deleted {count} row(s). {undo} undoes it.").format(
                count=len(ids), undo=undo_key
            )
        )
        return len(ids)

    def _confirm_delete(self, count: int) -> bool:
        """Every delete is confirmed; Cancel is the default so a stray Enter keeps the rows."""
        answer = QMessageBox.question(
            self,
            translate("LedgerPage", "Delete rows"),
            translate(
                "LedgerPage",
                "Delete {count} selected row(s)? They can be restored from the Deleted view.",
            ).format(count=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _unlocked(self, ids: list[int]) -> bool:
        """Rows dated in a submitted period: ask to unlock before changing them."""
        try:
            self.service.ensure_unlocked(self.ctx.store, ids)
        except PeriodLocked as exc:
            if not ask_unlock(self, self.ctx.store, exc):
                return False
            self.ctx.events.changed.emit("export_log")
        return True

    def restore_selected(self) -> int:
        ids = self.selected_ids()
        if not ids or not self.showing_deleted or not self._unlocked(ids):
            return 0
        self.undo_stack.push(DeleteCommand(self.ctx, self.service, ids, restore=True))
        return len(ids)

    def visible_columns(self) -> list[int]:
        """Model columns shown, in their on-screen order (the clerk may move them)."""
        header = self.table.horizontalHeader()
        logical = (header.logicalIndex(v) for v in range(header.count()))
        return [i for i in logical if not header.isSectionHidden(i)]

    def visible_fields(self) -> list[Any]:
        return [self.model.fields[i] for i in self.visible_columns()]

    def copy_selected(self) -> int:
        """Ctrl+C: the selected rows as TSV and HTML (see copy_rows)."""
        from commdesk.ui.copy_rows import copy_rows

        return copy_rows(self)

    def paste_rows(self) -> QWidget | None:
        """Ctrl+V: the clipboard's rows through the import preview (see paste_rows)."""
        from commdesk.ui.paste_rows import paste_rows

        return paste_rows(self)

    def import_rows(self) -> QWidget:
        """Open the import wizard for this ledger (non-blocking; pages refresh on commit)."""
        from commdesk.ui.import_wizard import open_import_wizard

        return open_import_wizard(self.ctx, self.ledger.name, self)

    def export_view(self) -> Path | None:
        """Export the current filtered view to xlsx (see roster_export_dialog)."""
        from commdesk.ui.roster_export_dialog import export_page

        return export_page(self)

    def request_paper(self, then: Deliver) -> None:
        """Print / PDF of the current filtered view as a 花名册 (see roster_paper)."""
        from commdesk.ui.roster_paper import request_roster_paper

        request_roster_paper(self, then)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
