"""The server stops under a running window: the save names it, the form keeps what was
typed, and once the server is back the same Save succeeds. Real PostgreSQL 15."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from commdesk.store.backend import chosen, normalise
from commdesk.store.engine import open_store
from commdesk.store.services.profile import save_profile
from commdesk.store.services.volunteers import teams
from commdesk.ui.record_form import RecordDialog
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators


def read_boxes(seen: list[str]) -> QTimer:
    """Every message box shown is read into ``seen`` and closed with OK, as the clerk would."""
    timer = QTimer()

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(" ".join([box.text(), box.informativeText()]))
            box.button(QMessageBox.StandardButton.Ok).click()

    timer.timeout.connect(look)
    timer.start(50)
    return timer


@pytest.fixture
def server_window(
    qtbot: Any, pg_server: Any, data_dir: Path, profile_data: dict[str, Any]
) -> Iterator[tuple[Shell, str]]:
    url = pg_server.create_database()
    hook = sys.excepthook
    with chosen(normalise(url)):
        store = open_store(data_dir)
        save_profile(store, profile_data)
        shell = Shell(store, Translators())
        try:
            assert shell.start()
            assert shell.window is not None
            qtbot.waitExposed(shell.window)
            yield shell, url
        finally:
            sys.excepthook = hook
            shell.dispose()
            shell.ctx.store.close()
    pg_server.drop_database(url)


def test_save_while_the_server_is_stopped(
    qtbot: Any, pg_server: Any, server_window: tuple[Shell, str]
) -> None:
    if pg_server.root is None:
        pytest.skip("an external server (COMMDESK_TEST_DATABASE_URL) is not ours to stop")
    shell, url = server_window
    window = shell.window
    assert window is not None
    window.show_page("volunteers")
    window.people_tabs.setCurrentIndex(1)  # 服务队
    page = window.ledger_pages["teams"]
    QTest.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), RecordDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RecordDialog)
    name = dialog.form.editors["name"]
    name.setFocus()
    qtbot.keyClicks(name, "Night patrol")
    seen: list[str] = []
    pg_server.pause()  # pg_ctl stop -m fast, under the open window
    try:
        reader = read_boxes(seen)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
        assert dialog.isVisible(), "the form closed and took the typed values with it"
        assert dialog.form.values()["name"] == "Night patrol"
        database = url.rsplit("/", 1)[-1].split("?")[0]
        assert database in seen[0] and "not available" in seen[0], seen
        assert "Traceback" not in seen[0]
        # A refresh of the page meanwhile: the same message, no traceback, no hang.
        seen.clear()
        sys.excepthook, hook = _hook_reader(seen), sys.excepthook
        try:
            page.search.setFocus()
            qtbot.keyClicks(page.search, "N")
            qtbot.waitUntil(lambda: bool(seen) or not page.isVisible(), timeout=15_000)
        finally:
            sys.excepthook = hook
        assert seen and database in seen[0], seen
    finally:
        pg_server.resume()
    reader.stop()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
    assert [t["name"] for t in teams.query(shell.ctx.store)] == ["Night patrol"]


def _hook_reader(seen: list[str]) -> Any:
    """The program's error hook, with its message box read instead of waiting for a click."""
    from commdesk.ui.errors import user_message

    def hook(_kind: type[BaseException], exc: BaseException, _tb: object) -> None:
        seen.append(user_message(exc))

    return hook
