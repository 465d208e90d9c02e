"""File → Catalogues: the code lists behind the choice fields, and the county's own items.

Released items come with the program; a county may add its own (codes starting
with X), which the store keeps, audits and merges in. New items appear in every
form opened afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.catalogues import LOCAL_PREFIX, CatalogueError
from commdesk.domain.ledgers import LEDGERS
from commdesk.store.catalogue_store import add_local_item
from commdesk.store.engine import StoreError
from commdesk.ui.context import UiContext

translate = QCoreApplication.translate
LOCAL_ITEMS = "local_catalogue_item"  # the name pages hear on ``changed``


def catalogue_names() -> dict[str, str]:
    """Each catalogue a ledger field chooses from, named by that field's label."""
    names: dict[str, str] = {}
    for ledger in LEDGERS.values():
        for f in ledger.fields:
            if f.catalogue and f.catalogue != "community_kind":
                names.setdefault(f.catalogue, f.label())
    return names


class CatalogueDialog(QDialog):
    """Lists one catalogue at a time; below, a row to add a local item."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CatalogueDialog")
        self.setWindowTitle(translate("Catalogues", "Catalogues"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("catalogueKind")
        for kind, name in catalogue_names().items():
            self.kind.addItem(name, kind)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("catalogueItems")
        self.table.setHorizontalHeaderLabels(
            [
                translate("Catalogues", "Code"),
                translate("Catalogues", "Label"),
                translate("Catalogues", "Source"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.code = QLineEdit(self)
        self.code.setObjectName("localCode")
        self.code.setMaxLength(12)
        self.label = QLineEdit(self)
        self.label.setObjectName("localLabel")
        self.label.setMaxLength(50)
        self.english = QLineEdit(self)
        self.english.setMaxLength(80)
        self.group = QComboBox(self)
        self.group_label = QLabel(translate("Catalogues", "Service group"), self)
        self.add_button = QPushButton(translate("Catalogues", "Add local item"), self)
        self.add_button.setObjectName("primary")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_item)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("Catalogues", "Code (starts with X)"), self.code)
        form.addRow(translate("Catalogues", "Label (Chinese)"), self.label)
        form.addRow(translate("Catalogues", "Label (English, optional)"), self.english)
        form.addRow(self.group_label, self.group)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            translate(
                "Catalogues",
                "Released items come with CommDesk and cannot be changed. Items your county "
                "adds get a code starting with X and appear in every form from now on.",
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("Catalogues", "Catalogue"), self))
        top.addWidget(self.kind, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(add_row)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self.reload)
        self.resize(680, 640)
        self.reload()

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def reload(self) -> None:
        kind = self.current_kind()
        catalogue = self.ctx.catalogues[kind]
        items = list(catalogue)
        self.table.setRowCount(len(items))
        released, local = translate("Catalogues", "Released"), translate("Catalogues", "Local")
        for row, item in enumerate(items):
            texts = (item.code, item.label(), local if item.local else released)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnToContents(0)
        needs_group = kind == "service_category"
        self.group.clear()
        if needs_group:
            for item in self.ctx.catalogues["service_group"]:
                self.group.addItem(item.label(), item.code)
        self.group.setVisible(needs_group)
        self.group_label.setVisible(needs_group)
        self.code.setText(self._next_code())

    def _next_code(self) -> str:
        taken = set(self.ctx.catalogues[self.current_kind()].codes())
        number = 1
        while f"{LOCAL_PREFIX}{number:03d}" in taken:
            number += 1
        return f"{LOCAL_PREFIX}{number:03d}"

    def _problem(self, code: str, label: str) -> str:
        """The first thing wrong with the typed item, in words ("" when it can be added)."""
        if not code.startswith(LOCAL_PREFIX) or len(code) < 2 or not code.isascii():
            return translate(
                "Catalogues", "A local code starts with X followed by letters or digits, e.g. X001."
            )
        if not code.isalnum():
            return translate("Catalogues", "Use only letters and digits in the code.")
        if code in self.ctx.catalogues[self.current_kind()]:
            return translate("Catalogues", "The code {code} is already in use.").format(code=code)
        if not label:
            return translate("Catalogues", "Enter the label the clerks will choose.")
        if self.ctx.catalogues[self.current_kind()].match(label):
            return translate("Catalogues", "This catalogue already has “{label}”.").format(
                label=label
            )
        return ""

    def add_item(self) -> bool:
        kind = self.current_kind()
        code = self.code.text().strip().upper()
        label = " ".join(self.label.text().split())
        problem = self._problem(code, label)
        if problem:
            self.message.setText(problem)
            return False
        group = str(self.group.currentData()) if kind == "service_category" else None
        try:
            add_local_item(
                self.ctx.store, kind, code, label, self.english.text().strip() or None, group
            )
        except (CatalogueError, StoreError) as exc:
            self.message.setText(
                translate("Catalogues", "The item was not added: {reason}").format(reason=exc)
            )
            return False
        self.ctx.reload_catalogues()
        self.ctx.events.changed.emit(LOCAL_ITEMS)
        self.label.clear()
        self.english.clear()
        self.reload()
        self.message.setText(
            translate("Catalogues", "Added {code} {label}.").format(code=code, label=label)
        )
        return True
