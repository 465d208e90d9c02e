"""The server is away at start: retry, look things up in the newest local copy, or quit.

The copy is the one this PC wrote on its last close (commdesk.store.server_backups),
opened read-only: the window shows a banner saying so and hides every action that
writes; the file itself is opened ``mode=ro`` with ``query_only``, so anything
missed here is refused by SQLite, never written.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from commdesk.store.backend import DatabaseChoice, unreachable_message
from commdesk.store.engine import Store, StoreError
from commdesk.store.server_backups import ServerCopy, copy_server, newest_copy, open_read_only
from commdesk.ui.screen_fit import fit_size
from commdesk.ui.tasks import run_with_busy_dialog

translate = QCoreApplication.translate
log = logging.getLogger("commdesk.server_away")

# Actions that write (or replace the data): hidden in read-only mode, shortcuts included.
# The deleted-rows view goes too: leaving it shows a page's New/Edit/Delete buttons again.
WRITING_ACTIONS = ("import", "new", "edit", "delete", "paste_rows", "batch_entry", "catalogues",
                   "backups", "certificate", "undo", "redo", "deleted")  # fmt: skip
# Buttons on the pages that write.
WRITING_BUTTONS = ("new_button", "edit_button", "delete_button", "restore_button",
                   "import_button", "save_button", "revert_button", "unlock_button",
                   "deleted_toggle")  # fmt: skip


class ServerAwayDialog(QDialog):
    """Names the server (never the password) and offers 重试 / 只读备份 / 退出."""

    RETRY, READ_ONLY, QUIT = "retry", "read-only", "quit"

    def __init__(self, message: str, copy: ServerCopy | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("ServerAway", "The server is not available"))
        self.choice = self.QUIT
        text = QLabel(message, self)
        text.setObjectName("serverAwayMessage")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if copy is None:
            hint = translate(
                "ServerAway",
                "There is no local copy of this server's data on this computer yet (one is "
                "saved each time CommDesk closes normally while on the server).",
            )
        else:
            hint = translate(
                "ServerAway",
                "You can look things up in the copy saved on this computer at {time}; "
                "nothing can be changed in it.",
            ).format(time=f"{copy.taken_at:%Y-%m-%d %H:%M}")
        note = QLabel(hint, self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.retry_button = QPushButton(translate("ServerAway", "Retry"), self)
        self.read_only_button = QPushButton(
            translate("ServerAway", "Open the newest local backup (read-only)"), self
        )
        self.read_only_button.setEnabled(copy is not None)
        self.quit_button = QPushButton(translate("ServerAway", "Quit"), self)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.read_only_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.retry_button.clicked.connect(lambda: self._choose(self.RETRY))
        self.read_only_button.clicked.connect(lambda: self._choose(self.READ_ONLY))
        self.quit_button.clicked.connect(lambda: self._choose(self.QUIT))
        self.retry_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        line = self.fontMetrics().height()
        fit_size(self, max(560, 34 * line), max(240, 14 * line))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        quit_ = choice == self.QUIT
        self.done(QDialog.DialogCode.Rejected if quit_ else QDialog.DialogCode.Accepted)


def open_or_fall_back(data_dir: Path, server: DatabaseChoice, exc: BaseException) -> Store | None:
    """After the server failed at start: ask until it opens, a copy opens read-only, or Quit."""
    while True:
        copy = newest_copy(data_dir, server.url)
        dialog = ServerAwayDialog(_reason(server, exc), copy)
        dialog.exec()
        if dialog.choice == ServerAwayDialog.QUIT:
            return None
        if dialog.choice == ServerAwayDialog.READ_ONLY and copy is not None:
            try:
                return open_read_only(data_dir, copy.path)
            except (StoreError, OSError) as failure:
                exc = failure
                continue
        try:
            return _retry(data_dir, server)
        except Exception as failure:  # still away: the dialog again, saying why
            exc = failure


def _retry(data_dir: Path, server: DatabaseChoice) -> Store | None:
    """Connect again on a worker (the wait explained); a refused login goes to the sign-in."""
    from commdesk.store.accounts import SignInError
    from commdesk.store.server_login import open_signed_in
    from commdesk.ui.sign_in import sign_in_to_server

    try:
        return run_with_busy_dialog(
            translate("ServerAway", "Connecting to {server}…").format(server=server.label),
            lambda: open_signed_in(data_dir, server.url),
        )
    except SignInError:
        return sign_in_to_server(data_dir, server.url)


def _reason(server: DatabaseChoice, exc: BaseException) -> str:
    if isinstance(exc, StoreError | OSError):
        return str(exc)
    return unreachable_message(server.url, exc)


def read_only_text(store: Store) -> str:
    """The banner: which server is away, and the time of the copy shown instead."""
    from commdesk.store.backend import current
    from commdesk.store.backups import stamp_of

    assert store.read_only is not None
    server = current()
    taken = stamp_of(store.read_only)
    return translate(
        "ServerAway",
        "Read-only: the server {server} is not available; showing the backup of {time}",
    ).format(
        server=server.label if server is not None else "?",
        time=f"{taken:%Y-%m-%d %H:%M}" if taken else "?",
    )


def make_read_only(window: QMainWindow, text: str) -> QToolBar:
    """The banner at the top of the window, and every writing action and button hidden."""
    bar = QToolBar(window)
    bar.setObjectName("readOnlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = QLabel(text, bar)
    label.setObjectName("readOnlyText")
    label.setStyleSheet("background: #fff3cd; color: #5c3c00; padding: 6px; font-weight: bold;")
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    label.setToolTip(text)
    bar.addWidget(label)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    for name in WRITING_ACTIONS:
        action = getattr(window, f"act_{name}", None)
        if action is not None:
            action.setVisible(False)  # an invisible action cannot be triggered by its key
            action.setEnabled(False)
    pages = [*window.ledger_pages.holders(), window.profile_page]  # type: ignore[attr-defined]
    reports = window._lazy.get("reports")  # type: ignore[attr-defined]
    for holder in [*pages, reports]:
        page = holder.page() if hasattr(holder, "page") else holder
        for name in WRITING_BUTTONS:
            button = getattr(page, name, None)
            if isinstance(button, QWidget):
                button.hide()
                button.setEnabled(False)
    return bar


def copy_on_close(store: Store, parent: object | None = None) -> Path | None:
    """The close of a session on a server leaves a verified local copy in ``backups/``.

    On the worker thread, with the close's progress dialog; a failure (the server went
    away meanwhile) is logged and leaves the previous copy as the newest.
    """
    if store.server is None:
        return None
    url, data_dir, now = store.server, store.data_dir, datetime.now()
    try:
        path = run_with_busy_dialog(
            translate("ServerAway", "Saving a local copy of the server's data before closing…"),
            lambda: copy_server(data_dir, url, now),
            parent,  # type: ignore[arg-type]
        )
    except Exception as exc:  # the close goes on; the older copy stays
        log.warning("local copy of the server not written: %s", exc)
        return None
    log.info("local copy of the server written: %s", path)
    return path
