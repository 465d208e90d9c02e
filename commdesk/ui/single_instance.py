"""A second launch on the same data folder brings the running window forward.

The folder lock (:mod:`commdesk.store.lock`) decides who owns the folder; this
module only carries the courtesy message. The running window listens on a
Qt local socket (a named pipe on Windows, a Unix-domain socket elsewhere —
never a network socket) whose name is derived from the data folder, so two
committees' folders on one PC never talk to each other. A second launch that
finds the folder locked asks the listener to come forward; if nobody answers
(the holder is a command-line job, or the window is still starting), it says
clearly that the data is open elsewhere.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from commdesk.store.lock import WINDOW, FolderLocked

translate = QCoreApplication.translate
REQUEST = b"activate\n"
REPLY = b"ok\n"
RETRY_SECONDS = 6.0  # the window may still be starting (lock taken, not yet listening)


def server_name(data_dir: Path) -> str:
    """Stable per folder and per OS user; short enough for Unix socket paths."""
    try:
        user = getpass.getuser()
    except Exception:
        user = ""
    key = os.path.normcase(str(Path(data_dir).resolve())) + "\0" + user
    return "commdesk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class InstanceServer(QObject):
    """Listens for second launches; ``activate_requested`` asks the shell to come forward."""

    activate_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        """Start listening; a leftover socket of a killed window is removed first.

        Only call this while holding the folder lock: then no live window of
        this folder can own the name.
        """
        QLocalServer.removeServer(self.name)
        return bool(self.server.listen(self.name))

    def close(self) -> None:
        self.server.close()

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == REQUEST:
            self.activate_requested.emit()
            socket.write(REPLY)
            socket.flush()
        socket.disconnectFromServer()


def ask_running_instance(data_dir: Path, *, retry_seconds: float = RETRY_SECONDS) -> bool:
    """Ask the window that holds ``data_dir`` to come forward; True if it answered."""
    name = server_name(data_dir)
    deadline = time.monotonic() + retry_seconds
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(1000):
            socket.write(REQUEST)
            socket.flush()
            socket.waitForBytesWritten(1000)
            answered = False
            while socket.waitForReadyRead(3000):
                if socket.canReadLine():
                    answered = bytes(socket.readLine().data()) == REPLY
                    break
            socket.abort()
            if answered:
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.25)


def in_use_message(exc: FolderLocked) -> str:
    holder = exc.holder
    purpose = str(holder.get("purpose") or "")
    if purpose == WINDOW:
        who = translate("SingleInstance", "another CommDesk window")
    elif purpose:
        who = translate("SingleInstance", "the command “{command}”").format(command=purpose)
    else:
        who = translate("SingleInstance", "another CommDesk program")
    details = []
    if holder.get("host"):
        details.append(translate("SingleInstance", "computer {host}").format(host=holder["host"]))
    if holder.get("user"):
        details.append(translate("SingleInstance", "user {user}").format(user=holder["user"]))
    if holder.get("since"):
        details.append(translate("SingleInstance", "since {time}").format(time=holder["since"]))
    if details:
        who += " (" + ", ".join(details) + ")"
    return translate(
        "SingleInstance",
        "The data in {path} is already open in {who}.\n\n"
        "Switch to that window, or close it first, then start CommDesk again.",
    ).format(path=exc.folder, who=who)


def second_launch(data_dir: Path, exc: FolderLocked, parent: QWidget | None = None) -> bool:
    """The folder is locked: bring the running window forward (True) or explain (False)."""
    if exc.holder.get("purpose") in (WINDOW, None) and ask_running_instance(data_dir):
        return True
    QMessageBox.warning(parent, "CommDesk", in_use_message(exc))
    return False
