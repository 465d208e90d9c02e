"""GUI bootstrap: QApplication, style, translators, the folder lock, the start-up
check, the first page, the store, then the shell.

Kept lean on purpose: until the first page is painted nothing here imports
SQLAlchemy, openpyxl, alembic or pypinyin. The first page (the service records'
first screen, :mod:`commdesk.ui.first_window`) is read with plain sqlite3 and
painted; then ``open_store`` loads the ORM (and Alembic only when the schema is
not at head) and the full window takes its place.
"""

from __future__ import annotations

import contextlib
import importlib
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
        from commdesk.ui.theme import app_icon

        app.setWindowIcon(app_icon())  # title bars, task bar and Alt+Tab
    return app


def _font_scale(settings: object) -> int:
    try:
        return int(settings.value("font_scale", 100))  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return 100


def run_gui(data_dir: Path, *, self_test: bool = False, measure_startup: bool = False) -> int:
    """Start the desktop app on ``data_dir``; returns the process exit code."""
    if self_test and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from commdesk.store.backend import current

    if current() is not None:  # a server: no light first page (see _run_locked)
        # SQLAlchemy before PySide6: once PySide6 is loaded its import hook looks at
        # every later import, which makes SQLAlchemy's few hundred modules ~0.1 s slower.
        importlib.import_module("commdesk.store.engine")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from commdesk.ui.context import open_settings
    from commdesk.ui.theme import apply_style
    from commdesk.ui.translations import Translators, default_language

    data_dir = Path(data_dir)
    app = _application()
    assert isinstance(app, QApplication)
    settings = open_settings(data_dir) if data_dir.is_dir() else None
    from commdesk.ui.backend_choice import saved_server

    saved = saved_server(settings)  # after --database and COMMDESK_DATABASE_URL
    if saved is not None:
        from commdesk.store.backend import chosen

        with chosen(saved):
            return run_gui(data_dir, self_test=self_test, measure_startup=measure_startup)
    translators = Translators()
    translators.apply(default_language(settings))
    apply_style(app, _font_scale(settings) if settings is not None else 100)

    if self_test:
        return _self_test(app, data_dir, translators)

    from commdesk.store.lock import WINDOW, FolderLocked, acquire
    from commdesk.store.store_file import StoreError

    try:
        lock = acquire(data_dir, WINDOW)  # one program per data folder; freed by the OS on exit
    except FolderLocked as exc:
        from commdesk.ui.single_instance import second_launch

        return EXIT_OK if second_launch(data_dir, exc) else EXIT_FAILURE
    except StoreError as exc:
        QMessageBox.critical(None, "CommDesk", _cannot_open(data_dir, exc))
        return EXIT_FAILURE
    try:
        return _run_locked(app, data_dir, translators, measure_startup=measure_startup)
    finally:
        lock.release()


def _cannot_open(data_dir: Path | str, exc: BaseException) -> str:
    """Why the window cannot start: the folder (a Path) or the server (its label)."""
    from PySide6.QtCore import QCoreApplication

    from commdesk.ui.errors import user_message

    if isinstance(data_dir, str):
        return QCoreApplication.translate(
            "App", "The {server} cannot be opened:\n\n{reason}"
        ).format(server=data_dir, reason=user_message(exc))
    return QCoreApplication.translate(
        "App", "The data folder {path} cannot be opened:\n\n{reason}"
    ).format(path=data_dir, reason=user_message(exc))


def _run_locked(
    app: object, data_dir: Path, translators: object, *, measure_startup: bool = False
) -> int:
    """With the folder ours: check the file, paint the first page from a light read,
    then open the store (the ORM loads here), run the window, back up on close."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from commdesk.store.backend import current
    from commdesk.ui.context import open_settings
    from commdesk.ui.errors import install_excepthook, setup_logging
    from commdesk.ui.startup import check_database

    assert isinstance(app, QApplication)
    log_path = setup_logging(data_dir)
    server = current()  # the folder's file is checked; a server checks its own data
    settings = open_settings(data_dir)
    if server is None and not check_database(data_dir, settings):
        return EXIT_FAILURE
    from commdesk.ui.first_window import show_first_page

    # A server takes the full path: its sign-in comes before any data.
    first = show_first_page(data_dir, settings) if server is None else None
    from commdesk.store.engine import open_store

    try:
        if server is None:
            store = open_store(data_dir)
        else:  # the clerk's login is the sign-in (commdesk.ui.sign_in)
            from commdesk.ui.sign_in import sign_in_to_server

            signed_in = sign_in_to_server(data_dir, server.url)
            if signed_in is None:
                return EXIT_OK
            store = signed_in
    except Exception as exc:  # any failure to open is reported, never a traceback
        if first is not None:
            first.close()
        if server is None:
            QMessageBox.critical(None, "CommDesk", _cannot_open(data_dir, exc))
            return EXIT_FAILURE
        from commdesk.ui.server_away import open_or_fall_back

        fallback = open_or_fall_back(data_dir, server, exc)  # retry, read-only copy, or quit
        if fallback is None:
            return EXIT_FAILURE
        store = fallback
    install_excepthook(log_path)

    from commdesk.ui.shell import Shell
    from commdesk.ui.single_instance import InstanceServer

    shell = Shell(store, translators)  # type: ignore[arg-type]
    server = InstanceServer(data_dir)
    server.activate_requested.connect(shell.bring_to_front)
    server.listen()
    closed_normally = False
    try:
        started = shell.start(first.take_input if first is not None else None)
        if first is not None:  # the real window (or the wizard) now stands in its place
            if started and shell.window is not None:
                first.hand_over(shell.window)
            first.close()
            first.deleteLater()
        if not started:
            closed_normally = True
            return EXIT_OK
        if measure_startup and shell.window is not None:
            _report_first_paint(app, shell.window, first)
        status = int(app.exec())
        shell.backup_on_close()
        closed_normally = True
        return status
    finally:
        server.close()
        if shell.window is not None:
            shell.window.save_state()
        shell.ctx.store.close()
        if closed_normally:
            _mark_clean_close(data_dir)


def _report_first_paint(app: object, window: object, first: object = None) -> None:
    """Print the clock time of the first paint of the service records (the light first
    page's, else the window's); then "ready" with the clock time the full window painted
    its page and "cpu" with the process's CPU seconds at both moments; then quit."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    window.show_page("services")  # type: ignore[attr-defined]
    viewport = window.ledger_pages["services"].table.viewport()  # type: ignore[attr-defined]

    def report() -> None:
        ready, cpu = time.time(), time.process_time()
        painted = getattr(first, "painted_at", None)
        print(f"{painted or ready:.3f}", flush=True)
        print(f"ready {ready:.3f}", flush=True)
        print(f"cpu {getattr(first, 'painted_cpu', None) or cpu:.3f} {cpu:.3f}", flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, report)  # after this paint returns: the page is on screen
            return False

    probe = FirstPaint(viewport)
    viewport.installEventFilter(probe)


def _mark_clean_close(data_dir: Path) -> None:
    from commdesk.store.maintenance import mark_clean_close

    with contextlib.suppress(OSError):  # only costs the next start its full check
        mark_clean_close(data_dir)


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
