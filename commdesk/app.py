"""GUI bootstrap: QApplication, style, translators, the store, then the shell.

Kept lean on purpose: nothing here imports openpyxl, alembic or pypinyin, so
the window paints quickly; ``open_store`` only loads Alembic when the schema
is not at head.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FAILURE = 2


def _application() -> object:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        QCoreApplication.setOrganizationName("CommDesk")
        QCoreApplication.setApplicationName("CommDesk")
        app = QApplication(sys.argv[:1])
    return app


def _font_scale(settings: object) -> int:
    try:
        return int(settings.value("font_scale", 100))  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return 100


def run_gui(data_dir: Path, *, self_test: bool = False) -> int:
    """Start the desktop app on ``data_dir``; returns the process exit code."""
    if self_test and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from commdesk.ui.compat import protect_none

    protect_none()

    from commdesk.ui.context import open_settings
    from commdesk.ui.errors import install_excepthook, setup_logging, user_message
    from commdesk.ui.theme import apply_style
    from commdesk.ui.translations import Translators, default_language

    data_dir = Path(data_dir)
    app = _application()
    assert isinstance(app, QApplication)
    settings = open_settings(data_dir) if data_dir.is_dir() else None
    translators = Translators()
    translators.apply(default_language(settings))
    apply_style(app, _font_scale(settings) if settings is not None else 100)

    if self_test:
        return _self_test(app, data_dir, translators)

    from commdesk.store.engine import open_store

    log_path = setup_logging(data_dir) if data_dir.is_dir() else None
    try:
        store = open_store(data_dir)
    except Exception as exc:  # any failure to open is reported, never a traceback
        QMessageBox.critical(
            None,
            "CommDesk",
            QCoreApplication.translate(
                "App", "The data folder {path} cannot be opened:\n\n{reason}"
            ).format(path=data_dir, reason=user_message(exc)),
        )
        return EXIT_FAILURE
    if log_path is None:
        log_path = setup_logging(data_dir)
    install_excepthook(log_path)

    from commdesk.ui.shell import Shell

    shell = Shell(store, translators)
    shell.start()
    try:
        return int(app.exec())
    finally:
        if shell.window is not None:
            shell.window.save_state()
        store.close()


def _self_test(app: object, data_dir: Path, translators: object) -> int:
    from commdesk.ui.self_test import run_self_test

    try:
        summary = run_self_test(app, data_dir if data_dir.exists() else None, translators)  # type: ignore[arg-type]
    except Exception as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        print(f"self-test failed: {reason}", file=sys.stderr)
        return EXIT_FAILURE
    print(summary)
    return EXIT_OK
