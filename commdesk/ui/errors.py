"""Unexpected exceptions become a message box and a log line, never a traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from commdesk.domain.records import ValidationError
from commdesk.store.maintenance import WriteError, disk_problem
from commdesk.store.store_file import StoreError

log = logging.getLogger("commdesk")


def setup_logging(data_dir: Path) -> Path | None:
    """Log to commdesk.log in the data folder (if writable)."""
    path = Path(data_dir) / "commdesk.log"
    try:
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def user_message(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return exc.summary()
    if isinstance(exc, StoreError):
        return str(exc)
    from commdesk.store.backend import failure_message

    away = failure_message(exc)
    if away is not None:  # the server went away under an open window
        return away
    if "readonly database" in str(exc):  # the read-only copy of a server that is away
        return QCoreApplication.translate(
            "Errors", "This is a read-only copy: nothing can be changed until the server is back."
        )
    if isinstance(exc, WriteError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, OSError):  # the system's words may be English: say it in ours
        reason = disk_problem(exc)
        if not exc.filename:
            return reason
        return QCoreApplication.translate("Errors", "{path}: {reason}").format(
            path=exc.filename, reason=reason
        )
    return f"{type(exc).__name__}: {exc}"


def install_excepthook(log_path: Path | None) -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if QApplication.instance() is None:
            sys.__excepthook__(kind, exc, tb)
            return
        text = QCoreApplication.translate(
            "Errors", "Something went wrong and the last action may not have completed."
        )
        detail = user_message(exc)
        if log_path is not None:
            detail += "\n\n" + QCoreApplication.translate(
                "Errors", "Details were written to {path}."
            ).format(path=log_path)
        box = QMessageBox(QMessageBox.Icon.Critical, "CommDesk", text)
        box.setInformativeText(detail)
        box.exec()

    sys.excepthook = hook
