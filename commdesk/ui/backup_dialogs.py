"""Backups in the window: the list/restore dialog, settings, the daily timer, damage.

The decisions (when, where, what to keep, what is damaged) live in
:mod:`commdesk.store.backups`; this module only shows them. The actual restore
is the shell's job, because the main window must be rebuilt on the new store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.ledgers import LEDGERS
from commdesk.store import backups
from commdesk.store.engine import StoreError
from commdesk.store.maintenance import backup as manual_backup
from commdesk.ui.screen_fit import fit_size

translate = QCoreApplication.translate
log = logging.getLogger("commdesk.backups")
SECOND_FOLDER_KEY = "backup/second_folder"
CHECK_INTERVAL_MS = 60 * 60 * 1000  # hourly check; a backup at most daily
COUNT_COLUMNS = ("service_record", "volunteer", "worker", "facility")


def second_folder(settings: QSettings) -> Path | None:
    text = str(settings.value(SECOND_FOLDER_KEY, "") or "").strip()
    return Path(text) if text else None


def kind_label(kind: str) -> str:
    labels = {
        "auto": translate("Backups", "Automatic"),
        "manual": translate("Backups", "Manual"),
        "before-restore": translate("Backups", "Before a restore"),
        "before-upgrade": translate("Backups", "Before an upgrade"),
    }
    return labels.get(kind, kind)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


# ----------------------------------------------------------------- timer
class AutoBackup(QObject):
    """Hourly check while the window runs; a backup when the last is a day old."""

    done = Signal(str)  # a line for the status bar
    failed = Signal(str)

    def __init__(
        self,
        data_dir: Path,
        settings: QSettings,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.clock = clock
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> backups.BackupOutcome | None:
        """Back up if due; never raises (the clerk is told, the data is untouched)."""
        try:
            outcome = backups.backup_if_due(
                self.data_dir, now=self.clock(), second_folder=second_folder(self.settings)
            )
        except StoreError as exc:
            log.warning("automatic backup failed: %s", exc)
            self.failed.emit(str(exc))
            return None
        if outcome is not None:
            self.report(outcome)
        return outcome

    def needed(self) -> bool:
        """Whether a close must back up: the data changed since the last verified copy."""
        return backups.backup_needed(self.data_dir)

    def close_backup(self) -> Callable[[], backups.BackupOutcome]:
        """The close's backup as work for a worker thread (settings and clock read here,
        on the GUI thread); it raises StoreError for the caller to show."""
        data_dir, now, second = self.data_dir, self.clock(), second_folder(self.settings)
        return lambda: backups.auto_backup(data_dir, now=now, second_folder=second)

    def report(self, outcome: backups.BackupOutcome) -> None:
        log.info("backup written: %s (%d old ones removed)", outcome.path, len(outcome.removed))
        for notice in outcome.notices:
            log.warning("%s", notice)
        text = translate("Backups", "Backup saved: {name}").format(name=outcome.path.name)
        if outcome.notices:
            text += " — " + " ".join(outcome.notices)
        self.done.emit(text)


# ----------------------------------------------------------------- list dialog
class BackupsDialog(QDialog):
    """Backups with date, size and record counts; back up now; restore one."""

    restore_requested = Signal(object)  # Path

    def __init__(self, data_dir: Path, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Backups", "Backups and restore"))
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.infos: list[backups.BackupInfo] = []
        self.table = QTableWidget(0, 4 + len(COUNT_COLUMNS), self)
        self.table.setObjectName("backupsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setHorizontalHeaderLabels(
            [
                translate("Backups", "Date"),
                translate("Backups", "Kind"),
                translate("Backups", "Where"),
                translate("Backups", "Size"),
                *(LEDGERS[name].label() for name in COUNT_COLUMNS),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        intro = QLabel(
            translate(
                "Backups",
                "A verified backup is made every time CommDesk closes, and once a day while "
                "it runs. Kept: one per day for 7 days, one per week for 4 weeks, one per "
                "month for 12 months. Restoring first saves the current data as a backup.",
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.backup_button = QPushButton(translate("Backups", "Back up now"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(translate("Backups", "Restore selected…"), self)
        self.restore_button.setObjectName("primary")
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton(translate("Backups", "Restore from file…"), self)
        self.file_button.clicked.connect(self.restore_from_file)
        close = QPushButton(translate("Backups", "Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        fit_size(self, 900, 480)
        self.reload()

    def reload(self) -> None:
        self.infos = backups.list_backups(self.data_dir, second_folder(self.settings))
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            where = (
                translate("Backups", "Data folder")
                if info.location == "data"
                else translate("Backups", "Second folder")
            )
            cells = [
                info.taken_at.strftime("%Y-%m-%d %H:%M"),
                kind_label(info.kind),
                where,
                size_text(info.size),
            ]
            counts = info.counts
            cells += [
                str(counts.get(name, 0)) if counts is not None else "?" for name in COUNT_COLUMNS
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        if self.infos:
            self.table.selectRow(0)
        else:
            self.status.setText(translate("Backups", "No backups yet."))
        self._update_buttons()

    def selected(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.counts is not None)

    def backup_now(self) -> Path | None:
        try:
            path = manual_backup(self.data_dir)
        except StoreError as exc:
            QMessageBox.warning(
                self,
                translate("Backups", "Backup failed"),
                translate(
                    "Backups",
                    "The backup could not be written; your data is unchanged.\n\n{reason}",
                ).format(reason=exc),
            )
            return None
        self.reload()
        self.status.setText(translate("Backups", "Backup saved: {name}").format(name=path.name))
        return path

    def confirm_restore(self, path: Path, when: str) -> bool:
        answer = QMessageBox.question(
            self,
            translate("Backups", "Restore this backup?"),
            translate(
                "Backups",
                "Replace the current data with the backup of {when}?\n\n{path}\n\n"
                "The current data is saved as a backup first, so this can be undone "
                "by restoring that backup.",
            ).format(when=when, path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        info = self.selected()
        if info is None or info.counts is None:
            return False
        if not self.confirm_restore(info.path, info.taken_at.strftime("%Y-%m-%d %H:%M")):
            return False
        self.accept()
        self.restore_requested.emit(info.path)
        return True

    def restore_from_file(self) -> bool:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            translate("Backups", "Choose a backup"),
            str(self.data_dir / backups.BACKUP_DIR),
            translate("Backups", "CommDesk backups (*.sqlite);;All files (*)"),
        )
        if not name:
            return False
        path = Path(name)
        if not self.confirm_restore(path, path.name):
            return False
        self.accept()
        self.restore_requested.emit(path)
        return True


# ----------------------------------------------------------------- settings
class BackupSettings(QGroupBox):
    """The optional second backup folder (a USB drive), in the settings dialog."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(translate("Backups", "Backups"), parent)
        self.settings = settings
        self.folder = QLineEdit(self)
        self.folder.setObjectName("secondFolder")
        self.folder.setPlaceholderText(translate("Backups", "none"))
        current = second_folder(settings)
        self.folder.setText(str(current) if current else "")
        browse = QPushButton(translate("Backups", "Choose…"), self)
        browse.clicked.connect(self._browse)
        clear = QPushButton(translate("Backups", "Clear"), self)
        clear.clicked.connect(self.folder.clear)
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("Backups", "Second copy to:"), self))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        row.addWidget(clear)
        hint = QLabel(
            translate(
                "Backups",
                "Each backup is also copied to this folder, for example on a USB drive. "
                "When the drive is not plugged in, the copy is skipped with a notice.",
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, translate("Backups", "Second backup folder"), self.folder.text()
        )
        if name:
            self.folder.setText(name)

    def save(self) -> None:
        self.settings.setValue(SECOND_FOLDER_KEY, self.folder.text().strip())
        self.settings.sync()


# ----------------------------------------------------------------- damage
class DamagedDialog(QDialog):
    """Start-up: the database was damaged and moved aside; offer the newest good backup."""

    RESTORE, CHOOSE, EMPTY, QUIT = range(4)

    def __init__(
        self, recovery: backups.Recovery, data_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.recovery = recovery
        self.data_dir = Path(data_dir)
        self.choice = self.QUIT
        self.chosen_file: Path | None = None
        if recovery.damaged is not None:
            self.setWindowTitle(translate("Backups", "The database is damaged"))
            text = translate(
                "Backups",
                "CommDesk found the database damaged and did not open it:\n{reason}\n\n"
                "The damaged file was kept (nothing was deleted) as:\n{path}",
            ).format(reason=recovery.reason, path=recovery.damaged)
        else:
            self.setWindowTitle(translate("Backups", "The database is missing"))
            text = translate(
                "Backups", "The data folder has backups but no database file:\n{path}"
            ).format(path=self.data_dir)
        offer = recovery.offer
        if offer is not None:
            text += "\n\n" + translate(
                "Backups",
                "The newest good backup is from {when} ({records} records). Restore it?",
            ).format(when=offer.taken_at.strftime("%Y-%m-%d %H:%M"), records=offer.records)
        else:
            text += "\n\n" + translate("Backups", "No good backup was found.")
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(translate("Backups", "Restore this backup"), self)
        self.restore_button.setObjectName("primary")
        self.restore_button.setVisible(offer is not None)
        self.choose_button = QPushButton(translate("Backups", "Choose a backup file…"), self)
        self.empty_button = QPushButton(translate("Backups", "Start with empty ledgers"), self)
        self.quit_button = QPushButton(translate("Backups", "Quit"), self)
        self.restore_button.clicked.connect(lambda: self._done(self.RESTORE))
        self.choose_button.clicked.connect(self._choose)
        self.empty_button.clicked.connect(self._confirm_empty)
        self.quit_button.clicked.connect(lambda: self._done(self.QUIT))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(buttons)
        fit_size(self, 640, max(280, self.heightForWidth(640)))

    def _done(self, choice: int) -> None:
        self.choice = choice
        if choice == self.QUIT:
            self.reject()
        else:
            self.accept()

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            translate("Backups", "Choose a backup"),
            str(self.data_dir / backups.BACKUP_DIR),
            translate("Backups", "CommDesk backups (*.sqlite);;All files (*)"),
        )
        if name:
            self.chosen_file = Path(name)
            self._done(self.CHOOSE)

    def _confirm_empty(self) -> None:
        answer = QMessageBox.question(
            self,
            translate("Backups", "Start with empty ledgers?"),
            translate(
                "Backups",
                "CommDesk will start with a new, empty database. The damaged file stays "
                "where it is and can still be given to a technician. Continue?",
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._done(self.EMPTY)

    def source(self) -> Path | None:
        """The backup to restore for the clerk's choice (None: nothing to restore)."""
        if self.choice == self.RESTORE and self.recovery.offer is not None:
            return self.recovery.offer.path
        if self.choice == self.CHOOSE:
            return self.chosen_file
        return None
