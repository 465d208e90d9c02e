"""Settings → 数据存放位置 and the first-run page: typed in, tested, saved without the
password, and used by the next start of the real console script."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from console_script import clean_env, commdesk_exe
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from commdesk.store.backend import ENV_VAR, chosen, normalise
from commdesk.ui.backend_choice import (
    CHOSEN_KEY,
    SERVER_URL_KEY,
    BackendChoice,
    BackendPage,
    BackendSettings,
    in_force_text,
)
from commdesk.ui.context import SETTINGS_FILE
from commdesk.ui.settings_dialog import SettingsDialog
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators


def read_boxes(seen: list[str]) -> QTimer:
    """Every message box is read into ``seen`` and closed with OK, as the clerk would."""
    timer = QTimer()

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()

    timer.timeout.connect(look)
    timer.start(30)
    return timer


def type_server(qtbot: Any, choice: BackendChoice, host: str, database: str, user: str,
                port: str = "", password: str = "") -> None:  # fmt: skip
    choice.server.setFocus()
    QTest.keyClick(choice.server, Qt.Key.Key_Space)  # the radio button, from the keyboard
    assert choice.server.isChecked() and choice.fields.isEnabled()
    for editor, text in ((choice.host, host), (choice.database, database), (choice.user, user),
                         (choice.password, password)):  # fmt: skip
        editor.setFocus()
        editor.selectAll()
        qtbot.keyClicks(editor, text) if text else editor.clear()
    if port:
        choice.port.setFocus()
        choice.port.selectAll()
        qtbot.keyClicks(choice.port, port)


@pytest.fixture
def settings_dialog(qtbot: Any, store_with_profile: Any) -> Any:
    shell = Shell(store_with_profile, Translators())
    assert shell.start()
    window = shell.window
    assert window is not None
    qtbot.waitExposed(window)
    window.act_settings.trigger()
    dialog = shell.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    yield dialog, shell
    shell.dispose()


def press_ok(qtbot: Any, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_typed_server_is_saved_without_the_password(qtbot: Any, settings_dialog: Any) -> None:
    dialog, shell = settings_dialog
    section = dialog.findChild(BackendSettings, "backendSettings")
    assert section is not None
    assert "this computer" in section.in_force.text()
    assert section.choice.local.isChecked() and not section.choice.fields.isEnabled()
    type_server(qtbot, section.choice, "10.0.0.5", "cd_110105001001", "li_na", port="5433",
                password="s3cret")  # fmt: skip
    seen: list[str] = []
    reader = read_boxes(seen)
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    reader.stop()
    assert seen and "next start" in seen[0], seen
    ini = shell.ctx.data_dir / SETTINGS_FILE
    saved = QSettings(str(ini), QSettings.Format.IniFormat).value(SERVER_URL_KEY)
    assert saved == "postgresql+psycopg://li_na@10.0.0.5:5433/cd_110105001001"
    assert "s3cret" not in ini.read_text(encoding="utf-8")


def test_a_server_without_its_database_is_not_saved(qtbot: Any, settings_dialog: Any) -> None:
    dialog, shell = settings_dialog
    section = dialog.findChild(BackendSettings, "backendSettings")
    type_server(qtbot, section.choice, "10.0.0.5", "", "li_na")
    seen: list[str] = []
    reader = read_boxes(seen)
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(seen))
    reader.stop()
    assert "committee database" in seen[0]
    assert dialog.isVisible()  # nothing lost: the clerk completes the form
    assert not shell.ctx.settings.value(SERVER_URL_KEY, "")


def test_connection_test_says_what_happened(
    qtbot: Any, pg_server: Any, tmp_path: Path, qapp: Any
) -> None:
    from sqlalchemy.engine import make_url

    if pg_server.root is None:
        pytest.skip("needs the fixture's own server (a socket folder)")
    url = make_url(pg_server.create_database())
    choice = BackendChoice(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(choice)
    choice.show()
    type_server(qtbot, choice, str(pg_server.root), url.database, "postgres")
    qtbot.mouseClick(choice.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: choice.test_button.isEnabled(), timeout=20_000)
    assert choice.result.text().startswith("Connected to database " + url.database)
    type_server(qtbot, choice, str(pg_server.root), "no_such_committee", "postgres")
    qtbot.mouseClick(choice.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: choice.test_button.isEnabled(), timeout=20_000)
    assert "not available" in choice.result.text()
    assert "no_such_committee" in choice.result.text()
    type_server(qtbot, choice, str(pg_server.root), url.database, "clerk_x", password="s3cret")
    qtbot.mouseClick(choice.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: choice.test_button.isEnabled(), timeout=20_000)
    assert "clerk_x" in choice.result.text() and "s3cret" not in choice.result.text()
    pg_server.drop_database(str(url))


def test_the_page_names_the_door_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    url = "postgresql+psycopg://li_na@10.0.0.5/cd_110105001001"
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert "this computer" in in_force_text(settings)
    with chosen(normalise(url)):
        assert "command line" in in_force_text(settings)
        monkeypatch.setenv(ENV_VAR, url)
        assert "COMMDESK_DATABASE_URL" in in_force_text(settings)
        monkeypatch.delenv(ENV_VAR)
        settings.setValue(SERVER_URL_KEY, url)
        assert "saved here" in in_force_text(settings)
        assert "cd_110105001001" in in_force_text(settings)


def test_first_run_asks_where_the_data_is_kept(qtbot: Any, store: Any) -> None:
    shell = Shell(store, Translators())
    try:
        assert shell.start()
        wizard = shell.wizard
        assert wizard is not None and isinstance(wizard.currentPage(), BackendPage)
        page = wizard.currentPage()
        assert page.choice.local.isChecked()  # the default: this computer, unchanged
        wizard.next()
        assert wizard.currentPage() is wizard.basics
        assert shell.ctx.settings.value(CHOSEN_KEY, False, type=bool)
        assert not shell.ctx.settings.value(SERVER_URL_KEY, "")
    finally:
        shell.dispose()
    shell = Shell(store, Translators())  # answered once: not asked again
    try:
        assert shell.start()
        assert shell.wizard is not None and shell.wizard.currentPage() is shell.wizard.basics
    finally:
        shell.dispose()


def test_first_run_server_choice_closes_to_restart(qtbot: Any, store: Any) -> None:
    shell = Shell(store, Translators())
    try:
        assert shell.start()
        wizard = shell.wizard
        page = wizard.currentPage()
        type_server(qtbot, page.choice, "10.0.0.5", "cd_110105001001", "li_na")
        seen: list[str] = []
        reader = read_boxes(seen)
        qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wizard.isVisible())
        reader.stop()
        assert seen and "start it again" in seen[0], seen
        assert shell.ctx.settings.value(SERVER_URL_KEY) == (
            "postgresql+psycopg://li_na@10.0.0.5:5432/cd_110105001001"
        )
    finally:
        shell.dispose()


def test_saved_choice_is_used_by_the_next_start(
    qtbot: Any, pg_server: Any, tmp_path: Path, profile_data: dict[str, Any]
) -> None:
    """Typed on the page, then `commdesk` started as the clerk starts it: the window opens on
    the server (no file in the data folder), and its close leaves a local copy."""
    from sqlalchemy.engine import make_url

    from commdesk.store.engine import open_store
    from commdesk.store.server_backups import newest_copy
    from commdesk.store.services.profile import save_profile

    if pg_server.root is None:
        pytest.skip("needs the fixture's own server (a socket folder)")
    url = pg_server.create_database()
    server_store = open_store(tmp_path / "elsewhere", database=url)
    save_profile(server_store, profile_data)
    server_store.close()
    data = tmp_path / "data"
    data.mkdir()
    settings = QSettings(str(data / SETTINGS_FILE), QSettings.Format.IniFormat)
    choice = BackendChoice(settings)
    qtbot.addWidget(choice)
    type_server(qtbot, choice, str(pg_server.root), make_url(url).database, "postgres")
    choice.save()
    del settings
    result = subprocess.run(
        [commdesk_exe(), "--data-dir", str(data), "--measure-startup"],
        capture_output=True, text=True, timeout=180, env=clean_env(), stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert float(result.stdout.split()[-1]) > 0  # the first ledger page was painted
    assert not (data / "commdesk.sqlite").exists()
    copy = newest_copy(data, url)
    assert copy is not None, (
        list((data / "backups").glob("*")) if (data / "backups").is_dir() else []
    )
    pg_server.drop_database(url)
