"""Entry forms generated from a ledger's field list.

:class:`FormWidget` lays out one editor per field with a required mark and an
inline message under it, re-validating as the clerk types. :class:`RecordDialog`
wraps it with Save / Save and new / Cancel. The dialog does not know whether it
adds or edits: the page passes a ``save`` callback, which may raise
:class:`~commdesk.domain.records.ValidationError` to put messages on fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.ledgers import ID_NUMBER, Field, Ledger
from commdesk.domain.records import Validated, ValidationError, validate_record
from commdesk.domain.validators import check_resident_id, id_birth_date, id_gender
from commdesk.store.services.conflicts import EditConflict
from commdesk.store.services.periods import PeriodLocked
from commdesk.ui.context import UiContext
from commdesk.ui.field_widgets import IdEditor, make_editor
from commdesk.ui.period_lock import ask_unlock
from commdesk.ui.screen_fit import content_height, fit_size, scroll_area

translate = QCoreApplication.translate
SaveCallback = Callable[[dict[str, Any]], object]


class FormWidget(QWidget):
    """Editors for ``fields`` of ``ledger`` with live per-field messages."""

    validity_changed = Signal(bool)
    edited = Signal()

    def __init__(
        self,
        ctx: UiContext,
        ledger: Ledger,
        fields: Iterable[Field] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ledger = ledger
        self.fields = list(fields if fields is not None else ledger.fields)
        self.editors: dict[str, Any] = {}
        self.messages: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self._loading = False
        self._valid = False
        self.dirty = False
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for i, f in enumerate(self.fields):
            editor = make_editor(f, ctx, self)
            editor.setObjectName(f"editor_{f.name}")
            label = QLabel(f.label() + (" *" if f.required else ""), self)
            label.setBuddy(editor)
            if f.required:
                label.setProperty("required", True)
            message = QLabel(self)
            message.setObjectName("fieldMessage")
            message.setWordWrap(True)
            message.hide()
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            grid.addWidget(label, 2 * i, 0, align)
            grid.addWidget(editor, 2 * i, 1)
            grid.addWidget(message, 2 * i + 1, 1)
            self.editors[f.name] = editor
            self.messages[f.name] = message
            self.labels[f.name] = label
            editor.changed.connect(lambda name=f.name: self._on_changed(name))
            self._watch_enter(editor)
        # Spare height goes below the last field, never into a message row.
        grid.setRowStretch(2 * len(self.fields), 1)
        self._even_rows()
        self.set_values({})

    def _even_rows(self) -> None:
        """Labels level with their editor's first line; check box rows as tall as the rest."""
        line_height = max(
            (e.sizeHint().height() for e in self.editors.values() if isinstance(e, QLineEdit)),
            default=0,
        )
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                editor.setMinimumHeight(line_height)
            label = self.labels[name]
            label.setMinimumHeight(line_height)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    # ------------------------------------------------------------ values
    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def set_values(self, data: Mapping[str, Any], *, keep: Iterable[str] = ()) -> None:
        """Load a stored row (missing fields get defaults); ``keep`` stays as typed."""
        keep = set(keep)
        self._loading = True
        try:
            for f in self.fields:
                if f.name in keep:
                    continue
                value = data.get(f.name, f.default if f.name not in data else None)
                if value is None and f.kind == "date" and f.required:
                    from datetime import date

                    value = date.today()
                self.editors[f.name].set_value(value)
        finally:
            self._loading = False
        self._touched.clear()
        self.dirty = False
        self.revalidate()

    # ------------------------------------------------------------ validation
    def validate(self) -> Validated:
        return validate_record(self.ledger, self.values(), self.ctx.catalogues, partial=True)

    def revalidate(self, *, show_all: bool = False) -> Validated:
        result = self.validate()
        for f in self.fields:
            errors = result.errors.get(f.name, [])
            warnings = result.warnings.get(f.name, [])
            blank = self.editors[f.name].value() in (None, "", [])
            if errors and blank and not show_all and f.name not in self._touched:
                errors = []  # no "required" nagging on a field nobody has visited yet
            self._show(f.name, errors, warnings)
        self._set_valid(result.ok)
        return result

    def show_errors(self, errors: Mapping[str, list[str]]) -> None:
        for name, msgs in errors.items():
            if name in self.messages:
                self._show(name, msgs, [])

    def _show(self, name: str, errors: list[str], warnings: list[str]) -> None:
        label = self.messages[name]
        text = " ".join(errors or warnings)
        label.setText(text)
        label.setProperty("level", "error" if errors else "warning")
        label.style().unpolish(label)
        label.style().polish(label)
        label.setVisible(bool(text))

    def first_error(self) -> str | None:
        """The first field (in form order) showing an error message."""
        for f in self.fields:
            label = self.messages[f.name]
            if not label.isHidden() and label.property("level") == "error":
                return f.name
        return None

    def focus_field(self, name: str) -> None:
        """Scroll the field and its message into view and put the cursor in it."""
        editor = self.editors[name]
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            self.layout().activate()  # a message just shown must have its place first
            parent.ensureWidgetVisible(self.messages[name], 0, 8)
            parent.ensureWidgetVisible(self.labels[name], 0, 8)
            parent.ensureWidgetVisible(editor, 0, 8)

    def _set_valid(self, valid: bool) -> None:
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    @property
    def is_valid(self) -> bool:
        return self._valid

    def message(self, name: str) -> str:
        label = self.messages[name]
        return label.text() if not label.isHidden() else ""

    def _on_changed(self, name: str) -> None:
        if self._loading:
            return
        self._touched.add(name)
        self.dirty = True
        if self.ledger.field(name).kind == ID_NUMBER:
            self._fill_from_id(name)
        self.revalidate()
        self.edited.emit()

    def _fill_from_id(self, name: str) -> None:
        """A valid ID number gives gender and birth date: fill them for the clerk."""
        checked = check_resident_id(self.editors[name].value())
        if not checked.ok or not checked.value:
            return
        derived = {"gender": id_gender(checked.value), "birth_date": id_birth_date(checked.value)}
        for field_name, value in derived.items():
            editor = self.editors.get(field_name)
            if editor is None or value is None:
                continue
            if self.ledger.field(field_name).derived_from_id:
                editor.set_value(value)

    # ------------------------------------------------------------ keyboard
    def _watch_enter(self, editor: QWidget) -> None:
        targets: list[QObject] = [editor]
        if isinstance(editor, QComboBox) and editor.lineEdit() is not None:
            targets.append(editor.lineEdit())
        for target in targets:
            target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter moves to the next field, as clerks expect from spreadsheets."""
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
            and isinstance(watched, QLineEdit | QComboBox | QAbstractSpinBox | QCheckBox)
        ):
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False
            self.focusNextChild()
            return True
        return super().eventFilter(watched, event)


class RecordDialog(QDialog):
    """Add or edit one row; Save refuses an invalid form and shows the clerk where."""

    saved = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        ledger: Ledger,
        save: SaveCallback,
        *,
        values: Mapping[str, Any] | None = None,
        row_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row_id = row_id
        self.ledger = ledger
        self._save_callback = save
        self.is_new = values is None
        # What the clerk started from: the base of a three-way merge on a conflict.
        self.original = dict(values or {})
        name = ledger.label()
        if self.is_new:
            title = translate("RecordDialog", "New record — {ledger}").format(ledger=name)
        else:
            title = translate("RecordDialog", "Edit record — {ledger}").format(ledger=name)
        self.setWindowTitle(title)
        self.form = FormWidget(ctx, ledger, parent=self)
        if row_id is not None:
            self._protect_ids(row_id)
        self.form.set_values(values or {})
        scroll = scroll_area(self.form, self)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.save_button = QPushButton(translate("RecordDialog", "Save"), self)
        self.save_button.setObjectName("primary")
        self.save_new_button: QPushButton | None = None
        self.cancel_button = QPushButton(translate("RecordDialog", "Cancel"), self)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        if self.is_new:
            self.save_new_button = QPushButton(translate("RecordDialog", "Save and new"), self)
            self.save_new_button.clicked.connect(self._save_and_new)
            self.buttons.addWidget(self.save_new_button)
        self.buttons.addWidget(self.save_button)
        self.buttons.addWidget(self.cancel_button)
        for button in (self.save_button, self.save_new_button, self.cancel_button):
            if button is not None:
                button.setAutoDefault(False)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        hint = QLabel(
            translate(
                "RecordDialog",
                "Enter moves to the next field · Ctrl+S saves · Esc cancels · * required",
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addLayout(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._save)
        self.form.edited.connect(self.status.clear)
        width = max(640, 36 * self.fontMetrics().height())
        chrome = hint.sizeHint().height() + self.save_button.sizeHint().height() + 80
        fit_size(self, width, content_height(self.form, width - 40) + chrome)

    def _save(self) -> None:
        self.commit(again=False)

    def _save_and_new(self) -> None:
        self.commit(again=True)

    def commit(self, *, again: bool = False) -> bool:
        """Save through the callback; on success close, or clear for the next entry."""
        result = self.form.revalidate(show_all=True)
        if not result.ok:
            self._point_at_error()
            return False
        try:
            outcome = self._call_unlocking(self.form.values())
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.form._set_valid(False)
            self._point_at_error(" ".join(m for msgs in exc.errors.values() for m in msgs))
            return False
        except PeriodLocked:
            return False  # the clerk kept the period locked; the dialog stays open
        except EditConflict as conflict:
            return self._resolve(conflict)
        except Exception as exc:
            return self._not_saved(exc)
        self.saved.emit(outcome)
        if again and self.is_new:
            keep = [f.name for f in self.ledger.fields if f.keep_on_save_and_new]
            self.form.set_values({}, keep=keep)
            self.status.setText(translate("RecordDialog", "Saved. Enter the next record."))
            first = self.form.editors[self.form.fields[0].name]
            first.setFocus()
            return True
        self.form.dirty = False
        self.accept()
        return True

    def _not_saved(self, exc: Exception) -> bool:
        """The server went away (or this is a read-only copy): say so, keep what was typed."""
        from commdesk.store.backend import failure_message
        from commdesk.ui.errors import user_message

        away = failure_message(exc)
        if away is None and "readonly database" not in str(exc):
            raise exc  # anything else is a defect: the program's error hook reports it
        text = away or user_message(exc)
        self.status.setText(translate("RecordDialog", "Not saved: {reason}").format(reason=text))
        QMessageBox.warning(self, self.windowTitle(), text)
        return False

    def _resolve(self, conflict: EditConflict) -> bool:
        """Another clerk saved first: show both versions; save the clerk's choice."""
        from commdesk.store.services.volunteers import team_choices
        from commdesk.ui.conflict_dialog import THEIRS, ConflictDialog

        if conflict.theirs is None:
            self.status.setText(
                translate(
                    "RecordDialog",
                    "Not saved: another clerk deleted this record while you were editing it. "
                    "It can be restored from the Deleted view.",
                )
            )
            return False
        dialog = ConflictDialog(
            self.ledger,
            self.ctx.catalogues,
            base=self.original,
            mine=conflict.mine,
            theirs=conflict.theirs,
            team_names=dict(team_choices(self.ctx.store)),
            parent=self,
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.status.setText(
                    translate(
                        "RecordDialog",
                        "Not saved: another clerk changed this record. Save again to compare.",
                    )
                )
                return False
            choice, values = dialog.choice, dialog.result_values()
        finally:
            dialog.deleteLater()
        self.original = {name: conflict.theirs.get(name) for name in self.ledger.names()}
        self.form.set_values(values)
        if choice == THEIRS:  # their version is already saved: nothing to write
            self.form.dirty = False
            self.saved.emit(self.row_id)
            self.accept()
            return True
        return self.commit()

    def _point_at_error(self, otherwise: str = "") -> None:
        """Not saved: say so, and take the clerk to the first field that needs fixing."""
        name = self.form.first_error()
        if name is None:
            self.status.setText(otherwise)  # a refusal about no field of this form
            return
        self.status.setText(
            translate("RecordDialog", "Not saved: check {field}.").format(
                field=self.ledger.field(name).label()
            )
        )
        self.form.focus_field(name)

    def _protect_ids(self, row_id: int) -> None:
        """Stored ID numbers open masked; showing one is audited first."""
        from commdesk.store.privacy import audit_reveal

        for name, editor in self.form.editors.items():
            if not isinstance(editor, IdEditor):
                continue

            def reveal(field: str = name) -> bool:
                audit_reveal(self.ctx.store, self.ledger.name, row_id, field=field)
                return True

            editor.protect(reveal)

    def _call_unlocking(self, values: dict[str, Any]) -> Any:
        """Save; a record in a submitted period first asks to unlock it (with a reason)."""
        try:
            return self._save_callback(values)
        except PeriodLocked as exc:
            if not ask_unlock(self, self.ctx.store, exc):
                raise
            self.ctx.events.changed.emit("export_log")
            return self._save_callback(values)

    def reject(self) -> None:
        """Esc/Cancel: ask before throwing typed data away."""
        if self.form.dirty:
            answer = QMessageBox.question(
                self,
                translate("RecordDialog", "Discard changes?"),
                translate("RecordDialog", "This record has unsaved changes. Discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
