"""The batch sheet's cell editors: the service form's own, inside the cells.

One delegate serves every column and creates the editor the form uses for
the field's kind: the date entry (any typed spelling, F4 calendar), the
catalogue combo (type a label, synonym or pinyin initials), and for people,
teams and places a line edit completing names from the roster by pinyin
initials (typing ``zs`` offers 张三), as the form's volunteer search does.

A cell holds text, as an imported file's cell does: the sheet's rows go
through the importer's row pipeline, which reads codes, labels, names and
every date spelling. The editors only make the right text easy to type.

Keys follow Excel: Enter and Tab commit and move; an editor opened by typing
gives Up/Down back to the sheet, one opened with F2 keeps them (a date steps
a day, a combo its item). While a list or calendar is open its own keys win.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from commdesk.domain.ledgers import LONGTEXT, TEAM, VOLUNTEERS, Field
from commdesk.store.services.base import Query
from commdesk.store.services.facilities import facilities
from commdesk.store.services.service_records import recipient_names
from commdesk.store.services.volunteers import team_choices, volunteers
from commdesk.ui.context import UiContext
from commdesk.ui.date_entry import DateEditor
from commdesk.ui.field_widgets import SEARCH_ROLE, ChoiceEditor, LineEditor, make_editor

translate = QCoreApplication.translate
NAME_ROLE = Qt.ItemDataRole.UserRole + 12
NAME_SPLIT = re.compile(r"[、,，;；/／\s]+")  # as the importer splits a volunteers cell
TYPING = "sheetTyping"  # editor property: opened by a typed key (Excel's Enter mode)
Entry = tuple[str, str, str]  # (shown in the list, inserted, extra search text)


class NameCompleter(QCompleter):
    """Matches a name, its pinyin initials or ID digits, inserts the name.

    With ``several`` the cell lists names ("张三、李四"): only the last one,
    after the last separator, is completed.
    """

    def __init__(self, model: QStandardItemModel, parent: QLineEdit, *, several: bool) -> None:
        super().__init__(model, parent)
        self.several = several
        self.setCompletionRole(SEARCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(8)

    def _head(self, text: str) -> tuple[str, str]:
        """(the names before the last one, the last one being typed)."""
        if not self.several:
            return "", text
        parts = NAME_SPLIT.split(text)
        last = parts[-1]
        return text[: len(text) - len(last)], last

    def splitPath(self, path: str) -> list[str]:
        return [self._head(path)[1].strip().lower()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        name = str(index.data(NAME_ROLE) or "")
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        return self._head(typed)[0] + name


class NameEditor(LineEditor):
    """A person, team or place typed with completion from the data folder's names."""

    def __init__(self, f: Field, entries: Sequence[Entry], parent: QWidget | None = None) -> None:
        super().__init__(f, parent)
        self.several = f.kind == VOLUNTEERS
        self.setMaxLength(2000 if self.several else max(f.max_length, 1))
        model = QStandardItemModel(self)
        for shown, name, extra in entries:
            item = QStandardItem(shown)
            item.setData(name, NAME_ROLE)
            item.setData(f"{name} {extra}".lower(), SEARCH_ROLE)
            model.appendRow(item)
        self.setCompleter(NameCompleter(model, self, several=self.several))

    def cell_text(self) -> str:
        """The names as the importer reads them: one separator, no repeats."""
        if not self.several:
            return self.text().strip()
        names = [n for n in NAME_SPLIT.split(self.text()) if n]
        return "、".join(dict.fromkeys(names))


def _person_key(name: str) -> str:
    from commdesk.domain.initials import initials

    return initials(name)


def _place_key(name: str) -> str:
    from commdesk.domain.initials import initials

    return initials(name, surname=False)


class Entries:
    """Names for the completers, read once per sheet when a column is first edited.

    Pinyin initials need pypinyin (most of a second to import): no sheet pays
    for it before the clerk edits a name column.
    """

    def __init__(self, ctx: UiContext) -> None:
        self.ctx = ctx
        self._cache: dict[str, list[Entry]] = {}

    def get(self, f: Field) -> list[Entry] | None:
        """Entries for ``f``'s completer, or None when the field has no list of names."""
        source = self._sources().get(f.kind if f.kind in (TEAM, VOLUNTEERS) else f.name)
        if source is None:
            return None
        if f.name not in self._cache:
            self._cache[f.name] = source()
        return self._cache[f.name]

    def _sources(self) -> dict[str, Callable[[], list[Entry]]]:
        return {
            VOLUNTEERS: self._volunteers,
            TEAM: self._teams,
            "place": self._places,
            "recipient_name": self._recipients,
        }

    def _volunteers(self) -> list[Entry]:
        out: list[Entry] = []
        for row in volunteers.query(self.ctx.store, Query(limit=None, sort="name")):
            name = str(row["name"])
            shown = name
            if row.get("status_code") != "active":
                shown += translate("VolunteersEditor", " (left)")
            tail = str(row.get("id_number") or "")[-6:]
            out.append((shown, name, f"{_person_key(name)} {tail}"))
        return out

    def _teams(self) -> list[Entry]:
        return [(n, n, _place_key(n)) for _, n in team_choices(self.ctx.store)]

    def _places(self) -> list[Entry]:
        rows = facilities.query(self.ctx.store, Query(limit=None, sort="name"))
        names = dict.fromkeys(str(r["name"]) for r in rows)
        return [(n, n, _place_key(n)) for n in names]

    def _recipients(self) -> list[Entry]:
        return [(n, n, _person_key(n)) for n in recipient_names(self.ctx.store)]


def popup_open(editor: QWidget) -> bool:
    """A completer list, a combo's list or a calendar is showing: its keys win."""
    if isinstance(editor, DateEditor):
        return editor.popup is not None and editor.popup.isVisible()
    if isinstance(editor, QComboBox) and editor.view().isVisible():
        return True
    completer = editor.completer() if isinstance(editor, QLineEdit | QComboBox) else None
    return completer is not None and completer.popup().isVisible()


class CellDelegate(QStyledItemDelegate):
    """The form's editor for each column; Excel's keys around it.

    ``move(key)`` is the sheet's: it moves the current cell after an editor
    committed on Enter, Tab, Shift+Tab, Up or Down.
    """

    def __init__(
        self,
        ctx: UiContext,
        fields: Sequence[Field],
        move: Callable[[int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fields = list(fields)
        self.move = move
        self.entries = Entries(ctx)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        f = self.fields[index.column()]
        names = self.entries.get(f)
        editor: QWidget
        if names is not None:
            editor = NameEditor(f, names, parent)
        elif f.kind == LONGTEXT:
            editor = LineEditor(f, parent)  # one line in a cell; the form's box grows
        else:
            editor = make_editor(f, self.ctx, parent)
        editor.setObjectName(f"cell_{f.name}")
        editor.setAutoFillBackground(True)
        completer = editor.completer() if isinstance(editor, QLineEdit | QComboBox) else None
        if completer is not None:
            # after the completer's own filter, so this one sees the keys first
            completer.popup().installEventFilter(_ListKeys(self, editor))
        return editor

    def finish(self, editor: QWidget, key: int) -> None:
        """Commit the editor's text to its cell, close it, move as ``key`` says."""
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.move(key)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, ChoiceEditor):
            matches = editor.catalogue.match(text)
            if len(matches) == 1:
                editor.set_value(matches[0].code)
            else:
                editor.setEditText(text)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model.setData(index, cell_text(editor), Qt.ItemDataRole.EditRole)

    def list_key(self, editor: QWidget, event: QKeyEvent) -> bool:
        """A key while the editor's completion list is open; True when it was used here.

        Tab takes the highlighted name and moves on. Enter takes it and stays
        (another name may follow), or with nothing highlighted ends the entry
        as Enter in a cell does. Esc closes the list only.
        """
        completer = editor.completer() if isinstance(editor, QLineEdit | QComboBox) else None
        if completer is None or not completer.popup().isVisible():
            return False
        popup = completer.popup()
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # A shown popup may have taken the window activation (queued); take it back
            # for the sheet's window, after it.
            editor.window().activateWindow()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            popup.hide()
            self.finish(editor, key)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = popup.currentIndex()
            popup.hide()
            if chosen.isValid():
                completer.activated[QModelIndex].emit(chosen)
                if isinstance(editor, QLineEdit):
                    editor.setText(completer.pathFromIndex(chosen))
            else:
                self.finish(editor, Qt.Key.Key_Return)
            return True
        if key == Qt.Key.Key_Escape:
            popup.hide()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            if self.list_key(watched, event):
                return True
            step = self._step(watched, event)
            if step is not None:
                self.finish(watched, step)
                return True
        return super().eventFilter(watched, event)

    def _step(self, editor: QWidget, event: QKeyEvent) -> int | None:
        """The key that ends the entry and says where to move, or None: the editor's key."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if popup_open(editor):
            return None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
            return Qt.Key.Key_Return
        if key == Qt.Key.Key_Tab and not mods:
            return Qt.Key.Key_Tab
        if key == Qt.Key.Key_Backtab:
            return Qt.Key.Key_Backtab
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods and editor.property(TYPING):
            return key
        return None


class _ListKeys(QObject):
    """Hands the keys typed on an open completion list to :meth:`CellDelegate.list_key`."""

    def __init__(self, delegate: CellDelegate, editor: QWidget) -> None:
        super().__init__(editor)  # lives as long as the editor
        self.delegate = delegate
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        return self.delegate.list_key(self.editor, event)


def cell_text(editor: QWidget) -> str:
    """What a cell stores: text the importer reads (a date in ISO form, a label)."""
    if isinstance(editor, DateEditor):
        day = editor.date_value()
        return day.isoformat() if day is not None else editor.text().strip()
    if isinstance(editor, ChoiceEditor):
        text = editor.currentText().strip()
        matches = editor.catalogue.match(text)
        return matches[0].label() if len(matches) == 1 else text
    if isinstance(editor, NameEditor):
        return editor.cell_text()
    if isinstance(editor, QComboBox):
        return editor.currentText().strip()
    if isinstance(editor, QLineEdit):
        return editor.text().strip()
    return ""


def start_fresh(editor: QWidget) -> None:
    """A typed key replaces the cell's content, as in Excel."""
    editor.setProperty(TYPING, True)
    if isinstance(editor, QComboBox):
        editor.setEditText("")
    elif isinstance(editor, QLineEdit):
        editor.clear()
