"""Driving modal dialogs from tests: act on the dialog once it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


def when_modal(action: Callable[[QWidget], None], *, tries: int = 100) -> None:
    """Run ``action(dialog)`` on the next application-modal widget (polling briefly)."""

    def attempt(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and not isinstance(widget, QProgressDialog):  # a busy dialog waits
            action(widget)
        elif left > 0:
            QTimer.singleShot(20, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))
