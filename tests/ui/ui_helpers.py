"""Helpers shared by the UI tests: valid IDs, Chinese typing, sample rows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def make_id(seed: int) -> str:
    """A resident ID with a correct check digit."""
    first17 = f"11010519{60 + seed % 30:02d}0{1 + seed % 9}1{seed % 10}{(seed * 7) % 1000:03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


def type_text(widget: QWidget, text: str) -> None:
    """Type any text (Chinese too) the way an input method commits it.

    qtbot.keyClicks aborts on non-ASCII (see docs/architecture.md traps).
    """
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def key_text(widget: QWidget, text: str) -> None:
    """One committed character via a key event with Key_unknown."""
    press = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, text
    )
    QApplication.sendEvent(widget, press)


YESTERDAY = date.today() - timedelta(days=1)


def service_row(**overrides: Any) -> dict[str, Any]:
    row = {
        "service_date": YESTERDAY,
        "category_code": "WM01",
        "target_group_code": "ELD",
        "people_served": 2,
        "hours": 1.5,
        "provider_kind_code": "STAFF",
        "channel_code": "SITE",
        "description": "探访独居老人",
    }
    return row | overrides


def answer_question(button: QMessageBox.StandardButton, seen: list[str] | None = None) -> None:
    """Press ``button`` on the next message box once it is shown (its text goes to ``seen``)."""

    def attempt(left: int) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if seen is not None:
                seen.append(box.text())
            box.button(button).click()
        elif left > 0:
            QTimer.singleShot(20, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(100))
