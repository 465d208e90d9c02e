"""Dialogs of the returns page: explain warnings, export progress, export done.

They are opened with ``open()`` (window-modal, not a nested event loop), so the
page keeps control of the flow and tests can drive them like the clerk would.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import Period
from commdesk.returns.audit import Issue
from commdesk.returns.rule_titles import rule_name
from commdesk.ui.screen_fit import fit_size

translate = QCoreApplication.translate

LAST_FOLDER_KEY = "returns/last_folder"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


# ------------------------------------------------------------------ file names
def default_file_name(title: str, period: Period, community: str) -> str:
    """社区服务统计报表_2026年第3季度_幸福社区居民委员会.xlsx — readable, and safe on Windows."""
    parts = [title, period.label_zh, community]
    cleaned = [_UNSAFE.sub("_", p).strip("_.") for p in parts if p and p.strip()]
    return "_".join(c for c in cleaned if c) + ".xlsx"


def last_folder(settings: QSettings) -> Path:
    """The folder of the last export, else the clerk's Documents folder."""
    saved = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def remember_folder(settings: QSettings, path: Path) -> None:
    settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
    settings.sync()


# ------------------------------------------------------------------ warnings
def merge_warnings(warnings: list[Issue]) -> dict[str, list[str]]:
    """One explanation per rule code (the code is what the note is keyed on)."""
    merged: dict[str, list[str]] = {}
    for w in warnings:
        merged.setdefault(w.code, []).append(w.message)
    return merged


class ExplainWarningsDialog(QDialog):
    """One text box per warning; OK stays disabled until every one is explained.

    The explanations (说明) are printed on the return's 审核说明 sheet, so the
    township reads why a figure looks unusual.
    """

    def __init__(
        self,
        warnings: list[Issue],
        notes: Mapping[str, str],
        period_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ExplainWarningsDialog")
        self.setWindowTitle(translate("ExplainWarningsDialog", "Explain warnings"))
        self.setModal(True)
        intro = QLabel(
            translate(
                "ExplainWarningsDialog",
                "The return for {period} has warnings. Write a short explanation for each "
                "one; the explanations are printed on the return's audit notes sheet.",
            ).format(period=period_label),
            self,
        )
        intro.setWordWrap(True)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.editors: dict[str, QPlainTextEdit] = {}
        for code, messages in merge_warnings(warnings).items():
            frame = QFrame(body)
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(frame)
            head = QLabel(f"<b>{html.escape(rule_name(code))}</b>", frame)
            message = QLabel("\n".join(messages), frame)
            message.setWordWrap(True)
            message.setStyleSheet("color: #9a6700;")
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            editor = QPlainTextEdit(frame)
            editor.setObjectName(f"note_{code}")
            editor.setPlaceholderText(translate("ExplainWarningsDialog", "Explanation (required)"))
            editor.setTabChangesFocus(True)
            editor.setPlainText(notes.get(code, ""))
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 16)
            editor.textChanged.connect(self._update_ok)
            box.addWidget(head)
            box.addWidget(message)
            box.addWidget(editor)
            body_layout.addWidget(frame)
            self.editors[code] = editor
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("ExplainWarningsDialog", "Continue"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        fit_size(self, 640, min(170 + 130 * len(self.editors), 640))
        self._update_ok()
        if self.editors:
            next(iter(self.editors.values())).setFocus()

    def notes(self) -> dict[str, str]:
        return {code: e.toPlainText().strip() for code, e in self.editors.items()}

    def missing(self) -> list[str]:
        return [code for code, text in self.notes().items() if not text]

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.missing())


# ------------------------------------------------------------------ progress / done
def export_progress(parent: QWidget, label: str) -> QProgressDialog:
    """A busy indicator; the export itself runs off the GUI thread."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("exportProgress")
    dialog.setWindowTitle(translate("ReturnsDialogs", "Exporting"))
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


class ExportedMessage(QMessageBox):
    """ "Saved" with buttons to open the file or its folder."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportedMessage")
        self.path = Path(path)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(translate("ReturnsDialogs", "Return exported"))
        self.setText(translate("ReturnsDialogs", "The return was saved."))
        self.setInformativeText(str(self.path))
        self.open_file_button: QPushButton = self.addButton(
            translate("ReturnsDialogs", "Open file"), QMessageBox.ButtonRole.ActionRole
        )
        self.open_folder_button: QPushButton = self.addButton(
            translate("ReturnsDialogs", "Open folder"), QMessageBox.ButtonRole.ActionRole
        )
        self.close_button: QPushButton = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.close_button)
        self.setEscapeButton(self.close_button)
