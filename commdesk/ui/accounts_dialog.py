"""File → Accounts… (管理员 only): who may sign in to this committee, and as what.

The list and every change go through commdesk.store.account_admin, which works
the same on a single PC and on a server. On a server where this login may not
create logins, the dialog shows the ``commdesk server clerk`` command to give
to the person who runs the server instead of buttons that would be refused.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.roles import ADMIN, ROLES, role_label
from commdesk.store import account_admin
from commdesk.store.engine import Store
from commdesk.store.privacy import MIN_LENGTH
from commdesk.ui.screen_fit import fit_size

translate = QCoreApplication.translate
NAME_ROLE = Qt.ItemDataRole.UserRole


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValueError | PermissionError):
        return str(exc)
    from commdesk.ui.errors import user_message

    return user_message(exc)


class AccountFormDialog(QDialog):
    """A new account (name, role, password twice) or a new password for one."""

    def __init__(
        self,
        save: Callable[[str, str, str], object],
        parent: QWidget | None = None,
        *,
        name: str = "",
        first: bool = False,
    ) -> None:
        super().__init__(parent)
        self.save_to = save
        resetting = bool(name)
        self.setWindowTitle(
            translate("Accounts", "New password for {name}").format(name=name)
            if resetting
            else translate("Accounts", "Add an account")
        )
        self.name = QLineEdit(name, self)
        self.name.setObjectName("accountName")
        self.name.setReadOnly(resetting)
        self.role = QComboBox(self)
        self.role.setObjectName("accountRole")
        for role in (ADMIN,) if first else ROLES:
            self.role.addItem(role_label(role), role)
        self.password = QLineEdit(self)
        self.password.setObjectName("accountPassword")
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("accountRepeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(translate("Accounts", "User name"), self.name)
        if not resetting:
            form.addRow(translate("Accounts", "Role"), self.role)
        form.addRow(translate("Accounts", "Password"), self.password)
        form.addRow(translate("Accounts", "Repeat it"), self.repeat)
        hint = QLabel(
            translate(
                "Accounts",
                "At least {n} characters. A forgotten password cannot be recovered; an "
                "administrator sets a new one.",
            ).format(n=MIN_LENGTH),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setProperty("level", "error")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if first:
            note = QLabel(
                translate(
                    "Accounts",
                    "The first account is an administrator. From then on everyone signs in "
                    "before CommDesk shows any data, and you are signed in as this account.",
                ),
                self,
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if resetting else self.name).setFocus()
        width = max(460, 28 * self.fontMetrics().height())
        self.resize(width, max(self.sizeHint().height(), self.heightForWidth(width)))

    def save(self) -> bool:
        if self.password.text() != self.repeat.text():
            self.message.setText(translate("Accounts", "The two passwords differ."))
            self.password.clear()
            self.repeat.clear()
            self.password.setFocus()
            return False
        try:
            self.save_to(
                self.name.text().strip(), str(self.role.currentData()), self.password.text()
            )
        except Exception as exc:  # the store's refusal, in the clerk's words
            self.message.setText(_reason(exc))
            return False
        finally:
            self.password.clear()
            self.repeat.clear()
        self.accept()
        return True


class AccountsDialog(QDialog):
    """The accounts with their roles; add, change role, new password, remove."""

    NAME, ROLE = range(2)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.form: AccountFormDialog | None = None
        self.setWindowTitle(translate("Accounts", "Accounts"))
        self.changes_here = account_admin.changes_here(store)
        intro = QLabel(self._intro(), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("accounts")
        self.table.setHorizontalHeaderLabels(
            [translate("Accounts", "User name"), translate("Accounts", "Role")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(translate("Accounts", "Add…"), self)
        self.add_button.setObjectName("addAccount")
        self.role_button = QPushButton(translate("Accounts", "Change role…"), self)
        self.password_button = QPushButton(translate("Accounts", "New password…"), self)
        self.remove_button = QPushButton(translate("Accounts", "Remove…"), self)
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.change_role)
        self.password_button.clicked.connect(self.reset_password)
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.password_button, self.remove_button):
            row.addWidget(button)
            button.setVisible(self.changes_here)
        row.addStretch(1)
        self.command = QLineEdit(self)
        self.command.setObjectName("clerkCommand")
        self.command.setReadOnly(True)
        self.command.setText(account_admin.clerk_command(store, "", "entry"))
        self.command.setVisible(store.is_server and not self.changes_here)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.command)
        layout.addWidget(close)
        self.refresh()
        fit_size(self, max(600, 34 * self.fontMetrics().height()), 460)

    def _intro(self) -> str:
        if self.store.is_server and not self.changes_here:
            return translate(
                "Accounts",
                "The clerks of this committee on {server}. Your login may not create logins "
                "on the server: give this command to the person who runs the server.",
            ).format(server=self.store.label)
        if self.store.is_server:
            return translate(
                "Accounts", "The clerks of this committee on {server} (PostgreSQL logins)."
            ).format(server=self.store.label)
        return translate(
            "Accounts",
            "Accounts on this PC. Data entry clerks enter and import; reviewers also submit "
            "returns and unlock periods; administrators also manage accounts and restore "
            "backups. Without any account everyone may do everything.",
        )

    def refresh(self) -> None:
        keep = self.selected_name()
        rows = account_admin.list_accounts(self.store)
        self.table.setRowCount(len(rows))
        for i, account in enumerate(rows):
            for j, text in enumerate((account.name, role_label(account.role))):
                item = QTableWidgetItem(text)
                item.setData(NAME_ROLE, account)
                self.table.setItem(i, j, item)
            if account.name == keep:
                self.table.selectRow(i)
        self._update_buttons()

    def names(self) -> list[str]:
        return [self.table.item(i, 0).text() for i in range(self.table.rowCount())]

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def select(self, name: str) -> bool:
        for i, shown in enumerate(self.names()):
            if shown == name:
                self.table.selectRow(i)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected_name() is not None
        for button in (self.role_button, self.password_button, self.remove_button):
            button.setEnabled(chosen)

    def _run(self, title: str, change: Callable[[], object]) -> bool:
        try:
            change()
        except Exception as exc:  # refused: the clerk reads why, nothing changed
            QMessageBox.warning(self, title, _reason(exc))
            return False
        self.refresh()
        return True

    # ------------------------------------------------------------ actions
    def add(self) -> AccountFormDialog:
        first = not self.store.is_server and not self.names()
        dialog = AccountFormDialog(
            lambda name, role, password: account_admin.add(self.store, name, role, password),
            self,
            first=first,
        )
        dialog.accepted.connect(self.refresh)
        return self._show_form(dialog)

    def reset_password(self) -> AccountFormDialog | None:
        name = self.selected_name()
        if name is None:
            return None
        dialog = AccountFormDialog(
            lambda _n, _r, password: account_admin.reset_password(self.store, name, password),
            self,
            name=name,
        )
        return self._show_form(dialog)

    def _show_form(self, dialog: AccountFormDialog) -> AccountFormDialog:
        """One form at a time, a child of this dialog (deleted with it, or by the next form)."""
        if self.form is not None:
            self.form.deleteLater()
        self.form = dialog
        dialog.open()
        return dialog

    def change_role(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        labels = [role_label(r) for r in ROLES]
        label, ok = QInputDialog.getItem(
            self,
            translate("Accounts", "Change role"),
            translate("Accounts", "New role of {name}:").format(name=name),
            labels,
            0,
            False,
        )
        if not ok:
            return False
        role = ROLES[labels.index(label)]
        return self._run(
            translate("Accounts", "Change role"),
            lambda: account_admin.change_role(self.store, name, role),
        )

    def remove(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        title = translate("Accounts", "Remove account")
        answer = QMessageBox.question(
            self,
            title,
            translate("Accounts", "Remove the account {name}? It can no longer sign in.").format(
                name=name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._run(title, lambda: account_admin.remove(self.store, name))
