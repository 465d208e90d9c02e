"""Honest placeholder pages for features that arrive in later versions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

translate = QCoreApplication.translate


class PlaceholderPage(QWidget):
    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{key}")
        heading = QLabel(title, self)
        heading.setObjectName("pageTitle")
        note = QLabel(translate("PlaceholderPage", "Coming in a later version of CommDesk."), self)
        note.setObjectName("hint")
        note.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)
