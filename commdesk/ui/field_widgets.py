"""One editor widget per field kind, all with the same small interface.

Every editor has a ``changed`` signal, ``value()`` returning what the clerk
entered in a form :func:`commdesk.domain.records.check_field` understands,
and ``set_value()`` taking a stored value. The form never needs to know which
kind it is talking to.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.catalogues import Catalogue
from commdesk.domain.ledgers import (
    BOOL,
    CHOICE,
    CHOICES,
    DATE,
    FLOAT,
    GENDER,
    ID_NUMBER,
    INT,
    LONGTEXT,
    MOBILE,
    PHONE,
    TEAM,
    VOLUNTEERS,
    YEAR,
    Field,
)
from commdesk.domain.validators import mask_id
from commdesk.store.services.base import Query
from commdesk.store.services.volunteers import team_choices, volunteers
from commdesk.ui.context import UiContext
from commdesk.ui.date_entry import DateEditor
from commdesk.ui.display import format_number, gender_label

translate = QCoreApplication.translate
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 10
CODE_ROLE = Qt.ItemDataRole.UserRole + 11


class LineEditor(QLineEdit):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(max(f.max_length, 1))
        self.textChanged.connect(self.changed)

    def value(self) -> Any:
        text = self.text().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class IdEditor(LineEditor):
    """An ID number field that shows a stored number masked until the clerk asks.

    Revealing is an explicit action, and the callback writes it to the audit log
    first (personal-information law): only when that succeeds is the full number
    shown and editable. A masked field still hands the stored number to save.
    """

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(f, parent)
        self._reveal: Callable[[], bool] | None = None
        self._stored: str | None = None
        self.masked = False
        self.reveal_action = QAction(translate("FieldEditors", "Show full number"), self)
        self.reveal_action.setToolTip(
            translate("FieldEditors", "Show the full ID number (recorded in the audit log)")
        )
        self.reveal_action.triggered.connect(self.reveal)
        self.addAction(self.reveal_action, QLineEdit.ActionPosition.TrailingPosition)
        self.reveal_action.setVisible(False)

    def protect(self, reveal: Callable[[], bool]) -> None:
        """Mask stored numbers from now on; ``reveal`` audits and says whether to show."""
        self._reveal = reveal

    def value(self) -> Any:
        if self.masked:
            return self._stored
        return super().value()

    def set_value(self, value: Any) -> None:
        if self._reveal is not None and value:
            self._stored = str(value)
            self.masked = True
            self.setReadOnly(True)
            self.setText(mask_id(self._stored))
            self.reveal_action.setVisible(True)
            return
        self.masked = False
        self.setReadOnly(False)
        self.reveal_action.setVisible(False)
        super().set_value(value)

    def reveal(self) -> bool:
        if not self.masked or self._reveal is None or not self._reveal():
            return False
        self.masked = False
        self.setReadOnly(False)
        self.reveal_action.setVisible(False)
        self.blockSignals(True)  # showing is not editing: the form stays unchanged
        self.setText(self._stored or "")
        self.blockSignals(False)
        return True


def unit_text(unit: str) -> str:
    """A field's unit in the UI language (the ledgers list the Chinese ones for the importer)."""
    return {
        "户": translate("FieldUnits", "households"),
        "人": translate("FieldUnits", "people"),
        "人次": translate("FieldUnits", "person-times"),
        "小时": translate("FieldUnits", "hours"),
        "平方米": translate("FieldUnits", "m²"),
    }.get(unit, unit)


class NumberEditor(LineEditor):
    """A line edit, not a spin box: a typed "-3" or "3小时" must reach the checker."""

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(f, parent)
        self.setMaxLength(20)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        if f.units:
            self.setPlaceholderText(unit_text(f.units[0]))

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else format_number(value))


class LongTextEditor(QPlainTextEdit):
    """Free text of a few hundred characters; Enter moves on as in every field.

    The form's hint says Enter moves to the next field, so it does here too:
    otherwise the next fields' values are typed into this box, out of sight.
    Shift+Enter starts a new line. The box grows with its text from three to
    eight lines, so what was typed stays visible.
    """

    changed = Signal()
    MIN_LINES = 3
    MAX_LINES = 8

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(translate("FieldEditors", "Shift+Enter starts a new line"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self.changed)
        # after layout, unlike textChanged: a new line's height is known by then
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def value(self) -> Any:
        return self.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
                return
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.focusNextChild()
                return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_height()  # the stylesheet's padding and font arrive after __init__
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # a narrower box wraps into more lines

    def _fit_height(self) -> None:
        """Tall enough for the text's wrapped lines, within MIN_LINES..MAX_LINES.

        A line's height comes from the laid-out text, not the font's metrics:
        a fallback CJK font makes lines taller than the metrics say.
        """
        block = self.document().firstBlock()
        laid_out = block.layout().lineCount() if block.layout() is not None else 0
        line = float(self.fontMetrics().lineSpacing())
        if laid_out:
            line = max(line, self.blockBoundingRect(block).height() / laid_out)
        lines = self.document().documentLayout().documentSize().height()  # counted in lines
        lines = min(max(lines, self.MIN_LINES), self.MAX_LINES)
        margins = self.contentsMargins()
        chrome = margins.top() + margins.bottom() + 2 * self.document().documentMargin()
        height = math.ceil(lines * line + chrome) + 1  # Qt scrolls unless a pixel is spare
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setFixedHeight(height)


class BoolEditor(QCheckBox):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggled.connect(self.changed)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class ChoicesEditor(QWidget):
    """One check box per catalogue item: a worker may hold several posts (书记兼主任).

    Tab walks the boxes and Space ticks one, so the field needs no mouse.
    """

    changed = Signal()

    def __init__(self, f: Field, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, item in enumerate(catalogue.items):
            box = QCheckBox(item.label(), self)
            box.setObjectName(f"{f.name}_{item.code}")
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // 3, i % 3)
            self.boxes[item.code] = box
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def value(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_value(self, value: Any) -> None:
        wanted = set(value or ())
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(code in wanted)
            box.blockSignals(False)
        self.changed.emit()


class _LabelCompleter(QCompleter):
    """Filters on a search key (label, synonyms, initials) but inserts the label."""

    def pathFromIndex(self, index: QModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")

    def splitPath(self, path: str) -> list[str]:
        return [path.strip().lower()]


class ChoiceEditor(QComboBox):
    """Editable combo over a catalogue: type Chinese, a synonym or pinyin initials."""

    changed = Signal()

    def __init__(self, f: Field, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._with_initials = False
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        model = QStandardItemModel(self)
        blank = QStandardItem("")
        blank.setData("", SEARCH_ROLE)
        model.appendRow(blank)
        for item in catalogue:
            row = QStandardItem(item.label())
            row.setData(item.code, CODE_ROLE)
            keys = {item.zh, item.en, item.code, *item.synonyms}
            row.setData(" ".join(keys).lower(), SEARCH_ROLE)
            model.appendRow(row)
        self.setModel(model)
        completer = _LabelCompleter(model, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumContentsLength(8)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.currentTextChanged.connect(self.changed)
        self.lineEdit().editingFinished.connect(self._settle)

    def focusInEvent(self, event: Any) -> None:
        self._add_initials()
        super().focusInEvent(event)

    def _add_initials(self) -> None:
        """Pinyin initials join the search keys on first focus, not at start-up.

        Importing pypinyin costs most of a second; a window full of pickers must
        not pay it before the clerk types into one.
        """
        if self._with_initials:
            return
        self._with_initials = True
        from commdesk.domain.initials import initials

        model = self.model()
        for row in range(1, model.rowCount()):
            index = model.index(row, 0)
            item = self.catalogue.get(index.data(CODE_ROLE))
            if item is not None:
                keys = f"{index.data(SEARCH_ROLE)} {initials(item.zh, surname=False)}"
                model.setData(index, keys, SEARCH_ROLE)

    def _settle(self) -> None:
        """Turn what was typed ("ylfw", "养老") into the catalogue item it means."""
        matches = self.catalogue.match(self.currentText())
        if len(matches) == 1:
            self.set_value(matches[0].code)

    def value(self) -> Any:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index > 0:
            return self.itemData(index, CODE_ROLE)
        return text or None

    def set_value(self, value: Any) -> None:
        index = self.findData(value, CODE_ROLE) if value else 0
        if index < 0:
            self.setEditText(str(value))
        else:
            self.setCurrentIndex(index)


class GenderEditor(QComboBox):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        self.addItem(gender_label("M"), "M")
        self.addItem(gender_label("F"), "F")
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(self.findData(value), 0) if value else 0)


class TeamEditor(QComboBox):
    changed = Signal()

    def __init__(self, f: Field, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for team_id, name in team_choices(ctx.store):
            self.addItem(name, team_id)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(self.findData(value), 0) if value else 0)


class VolunteersEditor(QWidget):
    """Searchable checkable list of volunteers (name, initials or ID tail)."""

    changed = Signal()

    def __init__(self, f: Field, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from commdesk.domain.initials import initials

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            translate("VolunteersEditor", "Find a volunteer by name, initials or ID digits")
        )
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        rows = volunteers.query(ctx.store, Query(limit=None, sort="name"))
        for row in rows:
            label = row["name"]
            if row.get("status_code") != "active":
                label += translate("VolunteersEditor", " (left)")
            item = QStandardItem(label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(int(row["id"]), CODE_ROLE)
            tail = (row.get("id_number") or "")[-6:]
            key = f"{row['name']} {initials(row['name'])} {tail}".lower()
            item.setData(key, SEARCH_ROLE)
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setMinimumHeight(110)
        self.list.setMaximumHeight(170)
        self.summary = QLabel(self)
        self.summary.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.model.itemChanged.connect(self._on_item_changed)
        self._update_summary()

    def _on_item_changed(self, _item: QStandardItem) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        count = len(self.value())
        if count == 0:
            text = translate("VolunteersEditor", "No volunteers selected")
        else:
            text = translate("VolunteersEditor", "{n} volunteer(s) selected").format(n=count)
        self.summary.setText(text)

    def value(self) -> list[int]:
        return [
            int(self.model.item(r).data(CODE_ROLE))
            for r in range(self.model.rowCount())
            if self.model.item(r).checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value: Any) -> None:
        wanted = {int(v) for v in (value or ())}
        self.model.blockSignals(True)
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            checked = int(item.data(CODE_ROLE)) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.model.blockSignals(False)
        self._update_summary()
        self.changed.emit()

    def set_checked(self, volunteer_id: int, checked: bool = True) -> None:
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            if int(item.data(CODE_ROLE)) == volunteer_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def make_editor(f: Field, ctx: UiContext, parent: QWidget | None = None) -> QWidget:
    """The editor for one field, chosen by its kind."""
    if f.kind in (INT, FLOAT, YEAR):
        return NumberEditor(f, parent)
    if f.kind == LONGTEXT:
        return LongTextEditor(f, parent)
    if f.kind == DATE:
        return DateEditor(parent)
    if f.kind == BOOL:
        return BoolEditor(f, parent)
    if f.kind == CHOICE and f.catalogue:
        return ChoiceEditor(f, ctx.catalogues[f.catalogue], parent)
    if f.kind == CHOICES and f.catalogue:
        return ChoicesEditor(f, ctx.catalogues[f.catalogue], parent)
    if f.kind == GENDER:
        return GenderEditor(f, parent)
    if f.kind == TEAM:
        return TeamEditor(f, ctx, parent)
    if f.kind == VOLUNTEERS:
        return VolunteersEditor(f, ctx, parent)
    editor = IdEditor(f, parent) if f.kind == ID_NUMBER else LineEditor(f, parent)
    if f.kind == ID_NUMBER:
        editor.setPlaceholderText(translate("FieldEditors", "18 digits, last may be X"))
    elif f.kind == MOBILE:
        editor.setPlaceholderText(translate("FieldEditors", "11-digit mobile number"))
    elif f.kind == PHONE:
        editor.setPlaceholderText(translate("FieldEditors", "e.g. 010-12345678"))
    return editor
