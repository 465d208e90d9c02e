"""Before the window opens: one program per folder, and never a damaged database.

:func:`check_database` runs SQLite's ``quick_check`` and the schema check
before anything opens the file for writing. A damaged file is moved aside
(renamed ``commdesk.damaged-YYYYmmdd-HHMMSS.sqlite``, never deleted) and the
clerk is offered the newest good backup; a file from a newer CommDesk is left
untouched and the program does not start. A file locked by another program, or
that this account may not open, is not damaged: the clerk is told why and the
file stays where it is. A database missing or emptied where one existed (see
commdesk.store.soundness) is offered the newest backup, never rebuilt silently.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from commdesk.store.maintenance import Health, health, take_clean_close
from commdesk.store.store_file import StoreError, db_path

if TYPE_CHECKING:
    from commdesk.store.backups import Recovery

translate = QCoreApplication.translate
log = logging.getLogger("commdesk.startup")


def check_database(
    data_dir: Path, settings: QSettings | None, parent: QWidget | None = None
) -> bool:
    """True when the folder may be opened (sound, new, or just restored).

    The full quick_check is skipped only for a file unchanged since the last
    clean close (see :func:`~commdesk.store.maintenance.mark_clean_close`).
    """
    verdict = _health(data_dir, quick_check=not take_clean_close(data_dir), parent=parent)
    if verdict.state == "ok":
        return True  # the usual start: nothing below (backups, dialogs, the ORM) is loaded
    from commdesk.store.backups import (
        Recovery,
        missing_with_backups,
        newest_good_backup,
        set_aside_damaged,
    )
    from commdesk.ui.backup_dialogs import second_folder

    second = second_folder(settings) if settings is not None else None
    if verdict.state == "missing":
        lost = missing_with_backups(data_dir, second)
        return True if lost is None else _offer(data_dir, lost, parent)
    if verdict.state == "lost":
        lost = Recovery(None, verdict.reason, newest_good_backup(data_dir, second))
        return _offer(data_dir, lost, parent)
    if verdict.state == "unavailable":
        QMessageBox.critical(
            parent,
            "CommDesk",
            translate("Startup", "CommDesk cannot open the database in {path}:\n\n{reason}").format(
                path=data_dir, reason=verdict.reason
            ),
        )
        return False
    if verdict.state == "newer":
        QMessageBox.critical(
            parent,
            "CommDesk",
            translate(
                "Startup",
                "The database in {path} was made by a newer version of CommDesk "
                "({reason}). Install the newer version to open it; nothing was changed.",
            ).format(path=data_dir, reason=verdict.reason),
        )
        return False
    recovery = set_aside_damaged(data_dir, verdict.reason, second_folder=second)
    log.error("damaged database moved aside as %s: %s", recovery.damaged, verdict.reason)
    return _offer(data_dir, recovery, parent)


def _health(data_dir: Path, *, quick_check: bool, parent: QWidget | None) -> Health:
    """The cheap checks at once; the full quick_check (every page: seconds on a large
    ledger, after a crash) on a worker, with a dialog saying what is happening."""
    path = db_path(data_dir)
    if not quick_check or not path.exists():
        return health(path, quick_check=quick_check)
    log.info("checking every page of %s (the last session did not close normally)", path)
    from commdesk.ui.tasks import run_with_busy_dialog

    return run_with_busy_dialog(
        translate(
            "Startup",
            "Checking the database for damage before opening it (the last session did not "
            "close normally)…",
        ),
        lambda: health(path, quick_check=True),
        parent,
    )


def _offer(data_dir: Path, recovery: Recovery, parent: QWidget | None) -> bool:
    """Ask until the clerk restores a good backup, starts empty, or quits."""
    from commdesk.store.maintenance import restore
    from commdesk.store.soundness import forget_lost
    from commdesk.ui.backup_dialogs import DamagedDialog

    while True:
        dialog = DamagedDialog(recovery, data_dir, parent)
        dialog.exec()
        if dialog.choice == DamagedDialog.QUIT:
            return False
        if dialog.choice == DamagedDialog.EMPTY:
            log.warning("starting with an empty database instead of a backup")
            forget_lost(data_dir)
            return True
        source = dialog.source()
        if source is None:
            continue
        try:
            result = restore(data_dir, source)
        except StoreError as exc:
            QMessageBox.warning(
                parent,
                translate("Startup", "Restore failed"),
                translate("Startup", "This backup cannot be restored:\n\n{reason}").format(
                    reason=exc
                ),
            )
            continue
        log.warning("restored %s after damage: %s", source, result.counts)
        return True
