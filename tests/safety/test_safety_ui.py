"""The window side of safety: restore, damaged start, audit page, lock screen, settings."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers_safety import when_modal

from commdesk.store import audit, backups, privacy
from commdesk.store.engine import db_path
from commdesk.store.maintenance import CLEAN_CLOSE_FILE, health, mark_clean_close
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.ui.audit_page import PAGE, AuditPage
from commdesk.ui.backup_dialogs import DamagedDialog
from commdesk.ui.lock_screen import Curtain, IdleWatcher, LockDialog, Locker, SetPasswordDialog
from commdesk.ui.shell import Shell
from commdesk.ui.startup import check_database
from commdesk.ui.translations import Translators

ID = "11010519810101003X"


@pytest.fixture
def shell(qapp: Any, store_with_profile: Any) -> Iterator[Shell]:
    translators = Translators()
    translators.apply("en")
    s = Shell(store_with_profile, translators)
    yield s
    s.dispose()
    s.ctx.store.close()


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 16 : offset + 400] = b"\xde\xad\xbe\xef" * 96
    path.write_bytes(bytes(data))


# ----------------------------------------------------------------- restore
def test_restore_round_trip_through_the_dialog(qtbot: Any, shell: Shell, monkeypatch: Any) -> None:
    store = shell.ctx.store
    for i in range(2):
        teams.add(store, {"name": f"旧服务队{i}"})
    assert shell.start()
    first_window = shell.window
    dialog = shell.open_backups()
    saved = dialog.backup_now()
    assert saved is not None and saved.exists()
    for i in range(3):
        teams.add(store, {"name": f"新服务队{i}"})
    dialog.reload()
    row = next(i for i, info in enumerate(dialog.infos) if info.path == saved)
    dialog.table.selectRow(row)
    assert dialog.table.item(row, 4 + 3) is not None
    assert dialog.infos[row].counts is not None
    assert dialog.infos[row].counts["volunteer_team"] == 2
    monkeypatch.setattr(dialog, "confirm_restore", lambda *_a: True)
    assert dialog.restore_selected()
    qtbot.waitUntil(lambda: shell.ctx.store is not store, timeout=10_000)
    assert shell.window is not None and shell.window is not first_window
    assert teams.count(shell.ctx.store) == 2
    shell.window.show_page("volunteers")
    shell.window.show_ledger("teams")
    assert shell.window.ledger_pages["teams"].row_count() == 2
    before = [i for i in backups.list_backups(shell.ctx.data_dir) if i.kind == "before-restore"]
    assert len(before) == 1 and before[0].counts["volunteer_team"] == 5  # type: ignore[index]
    assert "restored" in shell.window.statusBar().currentMessage()


def test_backup_now_into_an_impossible_place_says_so(
    qtbot: Any, ctx: Any, monkeypatch: Any
) -> None:
    from commdesk.ui.backup_dialogs import BackupsDialog

    (ctx.data_dir / backups.BACKUP_DIR).write_text("not a folder", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    dialog = BackupsDialog(ctx.data_dir, ctx.settings)
    qtbot.addWidget(dialog)
    assert dialog.backup_now() is None
    assert len(shown) == 1 and "cannot write the backup" in shown[0]


def test_close_backup_and_daily_timer(shell: Shell) -> None:
    clock = [datetime(2026, 3, 1, 9, 0)]
    shell.auto_backup.clock = lambda: clock[0]
    shell.backup_on_close()
    assert backups.last_auto_backup(shell.ctx.data_dir) == clock[0]
    clock[0] += timedelta(hours=5)
    assert shell.auto_backup.check() is None  # not due yet: at most daily
    clock[0] += timedelta(hours=20)
    assert shell.auto_backup.check() is None  # due, but nothing changed since
    teams.add(shell.ctx.store, {"name": "新服务队"})
    outcome = shell.auto_backup.check()
    assert outcome is not None and outcome.path.exists()


# ----------------------------------------------------------------- damage
def _closed_cleanly(store: Any) -> Path:
    """40 rows written, the store closed and marked as a normal close leaves it."""
    for i in range(40):
        teams.add(store, {"name": f"服务队{i}"})
    store.close()
    mark_clean_close(store.data_dir)
    assert (store.data_dir / CLEAN_CLOSE_FILE).exists()
    return db_path(store.data_dir)


def test_full_check_is_skipped_only_for_a_file_unchanged_since_a_clean_close(
    qtbot: Any, store_with_profile: Any
) -> None:
    store = store_with_profile
    path = _closed_cleanly(store)
    # damage that keeps size and time (as a disk fault would) passes unseen once:
    # the start trusts the clean close and only checks header and schema
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[-4096 + 16 : -4096 + 400] = b"\xde\xad\xbe\xef" * 96  # the last page only
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert health(path, quick_check=False).ok and not health(path).ok
    assert check_database(store.data_dir, None)
    assert not (store.data_dir / CLEAN_CLOSE_FILE).exists()  # used up by that start
    # the next start (no clean close since) reads every page and finds it
    when_modal(lambda dialog: dialog.quit_button.click())
    assert not check_database(store.data_dir, None)


def test_a_file_changed_after_the_clean_close_gets_the_full_check(
    qtbot: Any, store_with_profile: Any
) -> None:
    store = store_with_profile
    _corrupt(_closed_cleanly(store))  # a new modification time
    when_modal(lambda dialog: dialog.quit_button.click())
    assert not check_database(store.data_dir, None)
    assert list(store.data_dir.glob("commdesk.damaged-*.sqlite"))


def test_damaged_database_is_moved_aside_and_the_backup_offered(
    qtbot: Any, store_with_profile: Any
) -> None:
    store = store_with_profile
    for i in range(40):
        teams.add(store, {"name": f"服务队{i}"})
    backups.auto_backup(store.data_dir, now=datetime(2026, 3, 1, 17, 0))
    store.close()
    path = db_path(store.data_dir)
    _corrupt(path)
    assert health(path).state == "damaged"
    offered: list[str] = []

    def restore(dialog: Any) -> None:
        assert isinstance(dialog, DamagedDialog)
        offered.append(dialog.recovery.offer.path.name)
        dialog.restore_button.click()

    when_modal(restore)
    assert check_database(store.data_dir, None)
    assert offered == ["commdesk-auto-20260301-170000.sqlite"]
    damaged = list(store.data_dir.glob("commdesk.damaged-*.sqlite"))
    assert len(damaged) == 1 and damaged[0].stat().st_size > 0
    assert health(path).state == "ok"
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM volunteer_team").fetchone()[0] == 40
    con.close()


def test_quitting_at_damage_never_opens_it_and_asks_again(
    qtbot: Any, store_with_profile: Any
) -> None:
    store = store_with_profile
    teams.add(store, {"name": "服务队"})
    backups.auto_backup(store.data_dir, now=datetime(2026, 3, 1, 17, 0))
    store.close()
    db_path(store.data_dir).write_bytes(b"SQLite format 3\x00" + b"garbage" * 1000)
    titles: list[str] = []

    def quit_(dialog: Any) -> None:
        titles.append(dialog.windowTitle())
        dialog.quit_button.click()

    when_modal(quit_)
    assert not check_database(store.data_dir, None)
    assert not db_path(store.data_dir).exists()  # moved aside, not opened, not deleted
    assert len(list(store.data_dir.glob("commdesk.damaged-*.sqlite"))) == 1
    when_modal(quit_)  # next start: no database but good backups → offered again
    assert not check_database(store.data_dir, None)
    assert titles == ["The database is damaged", "The database is missing"]


# ----------------------------------------------------------------- audit page
def test_audit_page_filters_details_and_export(
    qtbot: Any, ctx: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    store = ctx.store
    vid = volunteers.add(store, {"name": "李秀英", "id_number": ID, "mobile": "13800138000"})
    volunteers.update(store, vid, {"mobile": "13900139000"})
    teams.add(store, {"name": "服务队"})
    privacy.audit_reveal(store, "volunteer", vid)
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.show()
    total = page.model.total
    assert total >= 4  # the profile's insert too
    page.set_filter(table="volunteer", action="update")
    assert page.model.total == 1
    details = page.details
    cells = [[details.item(r, c).text() for c in range(3)] for r in range(details.rowCount())]
    assert cells == [["手机号码", "13800138000", "13900139000"]]
    page.set_filter(table="volunteer", action="insert")
    shown = [details.item(r, 2).text() for r in range(details.rowCount())]
    assert "110105********003X" in shown and ID not in shown
    page.set_filter(action="reveal_id")
    assert page.model.total == 1
    page.set_filter(date_from=date.today() + timedelta(days=1))
    assert page.model.total == 0
    page.set_filter(table="volunteer")
    out = page.export_to(tmp_path / "audit")
    assert out == tmp_path / "audit.xlsx" and out.exists()
    shown_errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown_errors.append(text))
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert page.export_to(blocker / "audit.xlsx") is None
    assert len(shown_errors) == 1 and "could not be written" in shown_errors[0]


def test_audit_page_reads_a_large_log_lazily(qtbot: Any, ctx: Any) -> None:
    with ctx.store.write() as s:
        for i in range(PAGE * 2 + 50):
            audit.record(s, "update", "volunteer", i, before={"skills": "a"}, after={"skills": "b"})
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.total == PAGE * 2 + 51
    assert page.model.rowCount() == PAGE
    page.model.fetchMore(page.model.index(-1, -1))
    assert page.model.rowCount() == PAGE * 2
    ctx.events.changed.emit("volunteer")  # hidden page: marked stale, not reloaded
    assert page.model.rowCount() == PAGE * 2


# ----------------------------------------------------------------- lock
def test_idle_lock_covers_windows_until_the_password(
    qtbot: Any, shell: Shell, fast_hash: None
) -> None:
    privacy.set_password(shell.ctx.store, "门锁2026")
    privacy.set_lock_minutes(shell.ctx.store, 5)
    when_modal(lambda d: (d.password.setText("门锁2026"), d.unlock_button.click()))
    assert shell.start()  # the start-up gate asked for the password
    assert shell.window is not None and shell.idle is not None
    now = [1000.0]
    shell.idle.clock = lambda: now[0]
    shell.idle.set_minutes(5)
    now[0] += 299
    assert not shell.idle.check()
    now[0] += 2
    assert shell.idle.check()
    dialog = shell.locker.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    curtains = shell.window.findChildren(Curtain)
    assert len(curtains) == 1 and curtains[0].isVisible()
    assert curtains[0].geometry() == shell.window.rect()
    dialog.close()  # cannot be dismissed without the password
    assert dialog.isVisible()
    dialog.password.setText("wrong")
    assert not dialog.try_unlock()
    assert shell.locker.locked and "Wrong password" in dialog.message.text()
    dialog.password.setText("门锁2026")
    assert dialog.try_unlock()
    assert not shell.locker.locked
    assert not [c for c in shell.window.findChildren(Curtain) if c.isVisible()]
    assert not shell.idle.paused


def test_start_gate_quit_does_not_open_the_window(
    qtbot: Any, shell: Shell, fast_hash: None
) -> None:
    privacy.set_password(shell.ctx.store, "门锁2026")
    when_modal(lambda d: d.reject())
    assert not shell.start()
    assert shell.window is None


def test_idle_watcher_counts_input(qtbot: Any) -> None:
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    locked: list[bool] = []
    now = [0.0]
    watcher = IdleWatcher(1, lambda: locked.append(True), clock=lambda: now[0])
    try:
        now[0] = 59
        event = QMouseEvent(
            QEvent.Type.MouseButtonPress, QPointF(QPoint(1, 1)), QPointF(QPoint(1, 1)),
            Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(QApplication.instance(), event)
        now[0] = 100
        assert not watcher.check() and not locked
        now[0] = 120
        assert watcher.check() and locked == [True]
        assert not watcher.check()  # paused until resumed
    finally:
        watcher.stop()


def test_password_settings_dialog(qtbot: Any, ctx: Any, fast_hash: None) -> None:
    from commdesk.ui.lock_screen import PrivacySettings

    section = PrivacySettings(ctx.store)
    qtbot.addWidget(section)
    assert not section.remove_button.isEnabled() and not section.minutes.isEnabled()
    dialog = SetPasswordDialog(ctx.store)
    qtbot.addWidget(dialog)
    dialog.new.setText("abcd1234")
    dialog.repeat.setText("abcd1235")
    assert not dialog.save() and "differ" in dialog.message.text()
    dialog.repeat.setText("abcd1234")
    assert dialog.save()
    section.refresh()
    assert section.remove_button.isEnabled()
    section.minutes.setValue(3)
    section.save()
    assert privacy.lock_minutes(ctx.store) == 3
    assert Locker(ctx.store).locked is False


def test_backup_settings_saves_the_second_folder(qtbot: Any, ctx: Any, tmp_path: Path) -> None:
    from commdesk.ui.backup_dialogs import BackupSettings, second_folder

    section = BackupSettings(ctx.settings)
    qtbot.addWidget(section)
    section.folder.setText(str(tmp_path / "usb"))
    section.save()
    assert second_folder(ctx.settings) == tmp_path / "usb"
