"""Two clerks saved the same record: show both versions and let this clerk choose.

The store refuses a save against a stale copy (:class:`EditConflict`); this
dialog lays the clerk's version and the stored one side by side, field by
field, marks where they differ, and saves mine / theirs / a per-field merge.
Nothing is overwritten without the clerk seeing what it replaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.ledgers import ID_NUMBER, Ledger
from commdesk.ui.display import display_value
from commdesk.ui.screen_fit import content_height, fit_size, scroll_area

translate = QCoreApplication.translate

MINE, THEIRS, MERGED = "mine", "theirs", "merged"


def _comparable(value: Any) -> Any:
    """One spelling per value: the form and the store type dates, lists and blanks apart."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    return str(value)


def same(a: Any, b: Any) -> bool:
    return _comparable(a) == _comparable(b)


class ConflictDialog(QDialog):
    """Mine and theirs, one row per field; a Keep choice on each field that differs."""

    def __init__(
        self,
        ledger: Ledger,
        catalogues: Catalogues,
        *,
        base: Mapping[str, Any],
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any],
        team_names: dict[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.ledger = ledger
        self.mine = dict(mine)
        self.theirs = dict(theirs)
        self.choice = ""
        self.setWindowTitle(translate("ConflictDialog", "Someone else changed this record"))
        intro = QLabel(
            translate(
                "ConflictDialog",
                "{user} saved this record at {time}, while you were editing it. Both versions "
                "are shown below; fields that differ are marked ≠. Choose which value to keep "
                "for each of them, or keep one version whole.",
            ).format(
                user=theirs.get("updated_by") or "?",
                time=_when(theirs.get("updated_at")),
            ),
            self,
        )
        intro.setWordWrap(True)
        grid_widget = QWidget(self)
        grid = QGridLayout(grid_widget)
        bold = QFont(self.font())
        bold.setBold(True)
        headers = (
            translate("ConflictDialog", "Field"),
            translate("ConflictDialog", "Your version"),
            translate("ConflictDialog", "Their version (saved)"),
            translate("ConflictDialog", "Keep"),
        )
        for column, text in enumerate(headers):
            label = QLabel(text, grid_widget)
            label.setFont(bold)
            grid.addWidget(label, 0, column + 1)
        # Per differing field: which side to keep.
        self.keep: dict[str, QComboBox] = {}
        self.differing: list[str] = []
        row = 1
        for f in ledger.fields:
            mine_value, theirs_value = mine.get(f.name), theirs.get(f.name)
            differs = not same(mine_value, theirs_value)
            marker = QLabel("≠" if differs else "", grid_widget)
            name = QLabel(f.label(), grid_widget)
            show_ids = f.kind == ID_NUMBER and differs  # a masked pair would look alike
            texts = [
                display_value(f, v, catalogues, team_names=team_names, show_full_ids=show_ids)
                for v in (mine_value, theirs_value)
            ]
            cells = [QLabel(text, grid_widget) for text in texts]
            for cell in cells:
                cell.setWordWrap(True)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if differs:
                for label in (marker, name, *cells):
                    label.setFont(bold)
                self.differing.append(f.name)
                combo = QComboBox(grid_widget)
                combo.setObjectName(f"keep_{f.name}")
                combo.addItem(translate("ConflictDialog", "Mine"), MINE)
                combo.addItem(translate("ConflictDialog", "Theirs"), THEIRS)
                # Three-way default: a field only they changed takes their value.
                mine_changed = not same(mine_value, base.get(f.name))
                theirs_changed = not same(theirs_value, base.get(f.name))
                combo.setCurrentIndex(1 if theirs_changed and not mine_changed else 0)
                name.setBuddy(combo)
                self.keep[f.name] = combo
                grid.addWidget(combo, row, 4)
            grid.addWidget(marker, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(cells[0], row, 2)
            grid.addWidget(cells[1], row, 3)
            row += 1
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)
        scroll = scroll_area(grid_widget, self)
        self.mine_button = QPushButton(translate("ConflictDialog", "Keep &mine"), self)
        self.theirs_button = QPushButton(translate("ConflictDialog", "Keep &theirs"), self)
        self.merge_button = QPushButton(translate("ConflictDialog", "&Save merged"), self)
        self.merge_button.setObjectName("primary")
        cancel = QPushButton(translate("ConflictDialog", "Cancel"), self)
        for button in (self.mine_button, self.theirs_button, self.merge_button, cancel):
            button.setAutoDefault(False)
        self.merge_button.setDefault(True)
        self.mine_button.clicked.connect(lambda: self._finish(MINE))
        self.theirs_button.clicked.connect(lambda: self._finish(THEIRS))
        self.merge_button.clicked.connect(lambda: self._finish(MERGED))
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=lambda: self._finish(MERGED))
        buttons = QHBoxLayout()
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.theirs_button)
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        width = max(720, 48 * self.fontMetrics().height())
        chrome = intro.sizeHint().height() + self.merge_button.sizeHint().height() + 100
        fit_size(self, width, content_height(grid_widget, width - 40) + chrome)
        if self.differing:
            self.keep[self.differing[0]].setFocus()

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def result_values(self) -> dict[str, Any]:
        """The ledger fields to save: one side whole, or each field's chosen side."""
        names = self.ledger.names()
        if self.choice == THEIRS:
            return {n: self.theirs.get(n) for n in names}
        if self.choice == MINE:
            return {n: self.mine.get(n) for n in names}
        out = {n: self.mine.get(n) for n in names}
        for name, combo in self.keep.items():
            if combo.currentData() == THEIRS:
                out[name] = self.theirs.get(name)
        return out


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value or "?")
