"""Who is at the keyboard: the sign-in dialog, at start and for 切换用户.

On a server the sign-in is the PostgreSQL login: the dialog asks for the user
name (prefilled from the URL) and password when the URL has none or the server
refused it, and connects with them; the password lives only in memory. On a
single PC with accounts the clerk signs in with an account before any data
shows; that sign-in replaces the start-up password at start (see the guide's
"Sign-in and accounts" page).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commdesk.store import accounts
from commdesk.store.engine import Store, StoreError
from commdesk.store.server_login import has_password, login_name, open_signed_in, with_login

if TYPE_CHECKING:
    from commdesk.ui.shell import Shell

translate = QCoreApplication.translate
log = logging.getLogger("commdesk.sign_in")
Attempt = Callable[[str, str], object]


class SignInDialog(QDialog):
    """User name and password, checked by ``attempt``; a refusal is shown and the clerk retries."""

    def __init__(
        self,
        attempt: Attempt,
        where: str,
        parent: QWidget | None = None,
        *,
        name: str = "",
        message: str = "",
    ) -> None:
        super().__init__(parent)
        self.attempt = attempt
        self.value: object = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(translate("SignIn", "Sign in to CommDesk"))
        heading = QLabel(translate("SignIn", "Sign in with your user name and password."), self)
        heading.setWordWrap(True)
        place = QLabel(where, self)
        place.setObjectName("path")
        place.setWordWrap(True)
        self.name = QLineEdit(name, self)
        self.name.setObjectName("signInName")
        self.password = QLineEdit(self)
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.name.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_sign_in)
        form = QFormLayout()
        form.addRow(translate("SignIn", "User name"), self.name)
        form.addRow(translate("SignIn", "Password"), self.password)
        self.message = QLabel(message, self)
        self.message.setObjectName("fieldMessage")
        self.message.setProperty("level", "error")
        self.message.setWordWrap(True)
        self.sign_in_button = QPushButton(translate("SignIn", "Sign in"), self)
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        quit_button = QPushButton(translate("SignIn", "Quit"), self)
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(place)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        (self.password if name else self.name).setFocus(Qt.FocusReason.OtherFocusReason)
        width = max(440, 26 * self.fontMetrics().height())
        self.resize(width, max(self.sizeHint().height(), self.heightForWidth(width)))

    def try_sign_in(self) -> bool:
        name, password = self.name.text().strip(), self.password.text()
        if not name or not password:
            self.message.setText(translate("SignIn", "Enter your user name and password."))
            (self.password if name else self.name).setFocus()
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.value = self.attempt(name, password)
        except (accounts.SignInError, StoreError) as exc:
            log.info("sign-in refused for %s", name)  # never the password
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.password.clear()
        log.info("%s signed in", name)
        self.accept()
        return True


def sign_in_to_server(data_dir: Path, url: str, parent: QWidget | None = None) -> Store | None:
    """The committee's store opened as the clerk's login; None when the clerk chose Quit.

    The URL is tried first (the server may not need a password: a pgpass file, a
    certificate); a server that is away raises StoreError (the caller's message box),
    a refused login opens the dialog, saying why unless the URL had no password.
    """
    from commdesk.store.backend import server_label

    try:
        return open_signed_in(data_dir, url)
    except accounts.SignInError as exc:
        message = str(exc) if has_password(url) else ""
    dialog = SignInDialog(
        lambda name, password: open_signed_in(data_dir, with_login(url, name, password)),
        server_label(url),
        parent,
        name=login_name(url),
        message=message,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    assert isinstance(dialog.value, Store)
    return dialog.value


def sign_in_locally(store: Store, parent: QWidget | None = None) -> bool | None:
    """On a single PC with accounts: True once someone signed in, False for Quit.

    None when this PC has no accounts (the start-up password, if any, is the gate).
    """
    if store.is_server or not accounts.accounts(store):
        return None
    dialog = SignInDialog(
        lambda name, password: accounts.sign_in(store, name, password), str(store.data_dir), parent
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


def switch_user(shell: Shell) -> bool:
    """Sign the current person out and let someone else sign in; Quit ends the program.

    The window is rebuilt for the new person's role, and the undo history goes
    (nobody undoes another clerk's work under their own name).
    """
    from commdesk.ui.context import UiContext

    old = shell.ctx.store
    if not old.is_server and not accounts.accounts(old):
        QMessageBox.information(
            shell.window,
            translate("SignIn", "Switch user"),
            translate(
                "SignIn",
                "This PC has no accounts: everyone uses CommDesk alike. An administrator "
                "adds accounts under File → Accounts….",
            ),
        )
        return False
    if shell.window is not None:
        shell.window.hide()
    if old.is_server:
        assert old.server is not None
        url, data_dir = old.server, old.data_dir
        dialog = SignInDialog(
            lambda name, password: open_signed_in(data_dir, with_login(url, name, password)),
            old.label,
        )
    else:
        old.signed_in = None
        dialog = SignInDialog(
            lambda name, password: accounts.sign_in(old, name, password), old.label
        )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        if shell.window is not None:
            shell.window.close()
        QApplication.quit()
        return False
    shell.ctx.clear_undo()
    if isinstance(dialog.value, Store):  # a server login: a connection of its own
        shell.ctx = UiContext.create(dialog.value, shell.ctx.settings)
        shell.locker.store = dialog.value
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()
            shell.window = None
        old.close()
    shell.open_main_window()
    return True
