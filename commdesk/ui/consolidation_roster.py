"""The township roster editor of the 汇总 page: profile, signatories, expected committees,
xlsx import.

All changes go through :mod:`commdesk.store.services.township` (validated and
audited there); errors and import results are shown in a status line rather
than modal boxes, so a clerk typing a list is never interrupted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
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

from commdesk.store.engine import Store
from commdesk.store.services import township as roster
from commdesk.ui.returns_dialogs import last_folder

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole


class RosterPanel(QWidget):
    """Township name and code, and the committees it expects returns from."""

    changed = Signal()  # the roster was saved, edited or imported

    NAME, CODE, KIND, ACTIVE = range(4)

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPanel")
        self.store = store
        self.settings = settings
        self._loading = False

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("townshipName")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("townshipCode")
        self.code_edit.setPlaceholderText(
            translate("RosterPanel", "9 digits (township), or 6 for a county")
        )
        self.save_button = QPushButton(translate("RosterPanel", "Save township"), self)
        self.save_button.clicked.connect(self.save_township)
        form = QFormLayout()
        form.addRow(translate("RosterPanel", "Township / street:"), self.name_edit)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_edit, 1)
        code_row.addWidget(self.save_button)
        form.addRow(translate("RosterPanel", "Division code:"), code_row)
        self.signatories = self._signatories_box()

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("rosterTable")
        self.table.setHorizontalHeaderLabels(
            [
                translate("RosterPanel", "Committee"),
                translate("RosterPanel", "Division code"),
                translate("RosterPanel", "Type"),
                translate("RosterPanel", "Active"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        for col in (self.CODE, self.KIND, self.ACTIVE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._item_changed)

        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newCommitteeName")
        self.new_name.setPlaceholderText(translate("RosterPanel", "Committee name"))
        self.new_code = QLineEdit(self)
        self.new_code.setObjectName("newCommitteeCode")
        self.new_code.setPlaceholderText(translate("RosterPanel", "12-digit division code"))
        self.new_kind = QComboBox(self)
        self.new_kind.addItem(translate("RosterPanel", "Village (村)"), "village")
        self.new_kind.addItem(translate("RosterPanel", "Urban (居)"), "urban")
        self.add_button = QPushButton(translate("RosterPanel", "Add"), self)
        self.add_button.clicked.connect(self.add_committee)
        self.new_code.returnPressed.connect(self.add_committee)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 2)
        add_row.addWidget(self.new_code, 1)
        add_row.addWidget(self.new_kind)
        add_row.addWidget(self.add_button)

        self.remove_button = QPushButton(translate("RosterPanel", "Remove selected"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button = QPushButton(translate("RosterPanel", "Import from Excel…"), self)
        self.import_button.clicked.connect(self.import_xlsx)
        self.status = QLabel(self)
        self.status.setObjectName("rosterStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.signatories)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()
        self._load_signatories()

    def _signatories_box(self) -> QGroupBox:
        """Who signs the consolidated return: printed in its footer (blank: left to the pen)."""
        box = QGroupBox(
            translate("RosterPanel", "Signatories of the consolidated return (footer)"), self
        )
        labels = {
            "unit_head": translate("RosterPanel", "Unit head:"),
            "statistics_head": translate("RosterPanel", "Statistics head:"),
            "preparer": translate("RosterPanel", "Preparer:"),
            "phone": translate("RosterPanel", "Phone:"),
        }
        self.signatory_edits: dict[str, QLineEdit] = {}
        grid = QGridLayout(box)
        for i, key in enumerate(roster.SIGNATORY_FIELDS):
            edit = QLineEdit(box)
            edit.setObjectName(f"township_{key}")
            edit.setMaxLength(30)
            edit.returnPressed.connect(self.save_signatories)
            self.signatory_edits[key] = edit
            label = QLabel(labels[key], box)
            label.setBuddy(edit)
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        self.save_signatories_button = QPushButton(
            translate("RosterPanel", "Save signatories"), box
        )
        self.save_signatories_button.clicked.connect(self.save_signatories)
        grid.addWidget(self.save_signatories_button, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    # ------------------------------------------------------------ display
    def refresh(self) -> None:
        township = roster.get_township(self.store)
        if township is not None:
            self.name_edit.setText(township[0])
            self.code_edit.setText(township[1])
        entries = roster.list_committees(self.store)
        self._loading = True
        try:
            self.table.setRowCount(len(entries))
            for r, e in enumerate(entries):
                name = QTableWidgetItem(e.name)
                name.setData(ID_ROLE, e.id)
                code = QTableWidgetItem(e.division_code)
                kind = QTableWidgetItem(self.kind_label(e.kind))
                kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
                active = QTableWidgetItem()
                active.setFlags(
                    (active.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable
                )
                active.setCheckState(Qt.CheckState.Checked if e.active else Qt.CheckState.Unchecked)
                for c, item in enumerate((name, code, kind, active)):
                    self.table.setItem(r, c, item)
        finally:
            self._loading = False
        has_township = township is not None
        for w in (self.add_button, self.import_button, self.new_name, self.new_code):
            w.setEnabled(has_township)
        self.signatories.setEnabled(has_township)

    @staticmethod
    def kind_label(kind: str) -> str:
        return {
            "village": translate("RosterPanel", "Village (村)"),
            "urban": translate("RosterPanel", "Urban (居)"),
            "township": translate("RosterPanel", "Township"),
        }.get(kind, kind)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b42318;" if error else "color: #1a7f37;")

    def _row_id(self, row: int) -> int | None:
        item = self.table.item(row, self.NAME)
        return int(item.data(ID_ROLE)) if item is not None else None

    # ------------------------------------------------------------ actions
    def save_township(self) -> bool:
        try:
            roster.save_township(self.store, self.name_edit.text(), self.code_edit.text())
        except roster.RosterError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(translate("RosterPanel", "Township saved."))
        self.refresh()
        self.changed.emit()
        return True

    def _load_signatories(self) -> None:
        """Not part of refresh(): editing the committees must not wipe unsaved names here."""
        signed = roster.get_signatories(self.store)
        for key, edit in self.signatory_edits.items():
            edit.setText(getattr(signed, key))

    def save_signatories(self) -> bool:
        values = {key: edit.text() for key, edit in self.signatory_edits.items()}
        try:
            roster.save_signatories(self.store, roster.Signatories(**values))
        except roster.RosterError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(translate("RosterPanel", "Signatories saved."))
        self._load_signatories()
        self.changed.emit()
        return True

    def add_committee(self) -> bool:
        try:
            entry = roster.add_committee(
                self.store,
                self.new_name.text(),
                self.new_code.text(),
                str(self.new_kind.currentData()),
            )
        except roster.RosterError as exc:
            self._say(str(exc), error=True)
            return False
        self.new_name.clear()
        self.new_code.clear()
        self.new_name.setFocus()
        self._say(translate("RosterPanel", "Added {name}.").format(name=entry.name))
        self.refresh()
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        ids = [i for i in (self._row_id(r) for r in rows) if i is not None]
        for committee_id in ids:
            roster.remove_committee(self.store, committee_id)
        if ids:
            self._say(
                translate("RosterPanel", "Removed {count} committees.").format(count=len(ids))
            )
            self.refresh()
            self.changed.emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        committee_id = self._row_id(item.row())
        if committee_id is None:
            return
        try:
            if item.column() == self.NAME:
                roster.update_committee(self.store, committee_id, name=item.text())
            elif item.column() == self.CODE:
                roster.update_committee(self.store, committee_id, division_code=item.text())
            elif item.column() == self.ACTIVE:
                active = item.checkState() == Qt.CheckState.Checked
                roster.update_committee(self.store, committee_id, active=active)
            else:
                return
        except roster.RosterError as exc:
            self._say(str(exc), error=True)
        else:
            self._say(translate("RosterPanel", "Saved."))
            self.changed.emit()
        QTimer.singleShot(0, self.refresh)  # not while the table is emitting itemChanged

    def import_xlsx(self) -> None:
        start = str(last_folder(self.settings)) if self.settings is not None else ""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            translate("RosterPanel", "Import committees"),
            start,
            translate("RosterPanel", "Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        try:
            report = roster.import_committees(self.store, Path(path))
        except roster.RosterError as exc:
            self._say(str(exc), error=True)
            return
        text = translate(
            "RosterPanel", "Imported: {added} added, {updated} updated, {unchanged} unchanged."
        ).format(added=report.added, updated=report.updated, unchanged=report.unchanged)
        if report.rejected:
            rows = "; ".join(f"{n}: {reason}" for n, reason in report.rejected[:5])
            text += " " + translate(
                "RosterPanel", "{count} rows rejected (row: reason): {rows}"
            ).format(count=len(report.rejected), rows=rows)
        self._say(text, error=bool(report.rejected))
        self.refresh()
        self.changed.emit()
