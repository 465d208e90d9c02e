"""Preferences: UI language, font size for older eyes, where the data lives.

Further sections (backups, start-up password) are passed in by the shell, each
a widget with a ``save()`` method called when the clerk presses OK.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commdesk.paths import data_folder_not_private
from commdesk.ui.screen_fit import content_height, fit_size, scroll_area

translate = QCoreApplication.translate
LANGUAGES = (("zh_CN", "中文"), ("en", "English"))
FONT_SCALES = (100, 115, 125, 150)


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SettingsDialog(QDialog):
    def __init__(
        self,
        language: str,
        font_scale: int,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        sections: Sequence[QWidget] = (),
    ) -> None:
        super().__init__(parent)
        self.sections = list(sections)
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.language = QComboBox(self)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.font_scale = QComboBox(self)
        for scale in FONT_SCALES:
            self.font_scale.addItem(f"{scale} %", scale)
        self.font_scale.setCurrentIndex(max(self.font_scale.findData(font_scale), 0))
        folder = QLabel(str(data_dir), self)
        folder.setWordWrap(True)
        folder.setObjectName("path")
        open_button = QPushButton(translate("SettingsDialog", "Open folder"), self)
        open_button.clicked.connect(lambda: open_folder(data_dir))
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder, 1)
        folder_row.addWidget(open_button)
        form = QFormLayout()
        form.addRow(translate("SettingsDialog", "Language"), self.language)
        form.addRow(translate("SettingsDialog", "Font size"), self.font_scale)
        form.addRow(translate("SettingsDialog", "Data folder"), folder_row)
        self.privacy_warning = QLabel(
            translate(
                "SettingsDialog",
                "This data folder is outside your Windows user folder, so other accounts on "
                "this computer (or on the network) may be able to read residents' ID "
                "numbers in it. Keep the data under your user folder (the default), or "
                "restrict the folder's permissions to your account.",
            ),
            self,
        )
        self.privacy_warning.setObjectName("privacyWarning")
        self.privacy_warning.setWordWrap(True)
        self.privacy_warning.setStyleSheet("color: #b00020;")
        self.privacy_warning.setVisible(data_folder_not_private(data_dir))
        form.addRow(self.privacy_warning)
        note = QLabel(
            translate(
                "SettingsDialog",
                "Language and font size apply immediately; the window is rebuilt "
                "in the new language.",
            ),
            self,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(form)
        body_layout.addWidget(note)
        for section in self.sections:
            section.setParent(body)
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_area(body, self), 1)
        layout.addWidget(buttons)  # outside the scroll area: always in view
        width = max(600, 30 * self.fontMetrics().height())
        wanted = content_height(body, width - 40) + buttons.sizeHint().height() + 40
        fit_size(self, width, wanted)  # all of it in view when the screen allows

    def accept(self) -> None:
        for section in self.sections:  # a section that cannot be saved as typed says why
            problem = getattr(section, "problem", None)
            text = problem() if callable(problem) else None
            if text:
                QMessageBox.warning(self, self.windowTitle(), text)
                return
        for section in self.sections:
            save = getattr(section, "save", None)
            if callable(save):
                save()
        super().accept()

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def chosen_font_scale(self) -> int:
        return int(self.font_scale.currentData())
