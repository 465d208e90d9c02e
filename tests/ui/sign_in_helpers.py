"""Typing into the sign-in dialog the way a clerk does, while it runs modally."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_helpers import type_text

from commdesk.ui.sign_in import SignInDialog


def type_sign_in(
    tries: list[tuple[str, str]], seen: list[str], *, quit_after: bool = False
) -> None:
    """Once the dialog shows: type each (name, password) with Enter, noting the message after
    each refused one; the last try is expected to let the clerk in (or Quit if asked)."""

    def attempt(left: int = 500) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            if left > 0:
                QTimer.singleShot(20, lambda: attempt(left - 1))
            return
        for name, password in tries:
            if name:
                dialog.name.clear()
                if name.isascii():
                    QTest.keyClicks(dialog.name, name)
                else:  # a Chinese name, as an input method commits it
                    type_text(dialog.name, name)
                QTest.keyClick(dialog.name, Qt.Key.Key_Return)  # on to the password
            QTest.keyClicks(dialog.password, password)
            QTest.keyClick(dialog.password, Qt.Key.Key_Return)
            if dialog.isVisible():
                seen.append(dialog.message.text())
        if quit_after and dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, attempt)


def files_holding(folder: Path, secret: str) -> list[Path]:
    """Every file under ``folder`` whose bytes hold ``secret`` (UTF-8 or UTF-16)."""
    needles = (secret.encode("utf-8"), secret.encode("utf-16-le"))
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and any(n in path.read_bytes() for n in needles)
    ]
