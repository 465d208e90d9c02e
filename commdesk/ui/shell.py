"""The GUI session: first-run wizard, the main window, live settings changes.

Owns the context and the window for one open data folder; the app module
creates one and runs the event loop. Switching language rebuilds the window,
which is simpler and more reliable than retranslating every generated form;
restoring a backup rebuilds it the same way, on a freshly opened store.
It also runs the session's safety duties: the start-up password and idle
lock, the daily and on-close backups, and coming forward for a second launch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from commdesk.domain.roles import RESTORE
from commdesk.store import privacy
from commdesk.store.accounts import allows, lock_owner
from commdesk.store.engine import Store, StoreError, open_store
from commdesk.store.maintenance import RestoreResult, restore
from commdesk.store.services.profile import has_valid_profile
from commdesk.ui.backend_choice import BackendPage, BackendSettings, first_run_needs_choice
from commdesk.ui.backup_dialogs import AutoBackup, BackupsDialog, BackupSettings
from commdesk.ui.context import UiContext, open_settings
from commdesk.ui.help_window import HelpKey
from commdesk.ui.lock_screen import IdleWatcher, LockDialog, Locker, PrivacySettings
from commdesk.ui.main_window import MainWindow
from commdesk.ui.permissions import guard, needs_text
from commdesk.ui.profile import ProfileWizard
from commdesk.ui.server_away import copy_on_close, make_read_only, read_only_text
from commdesk.ui.settings_dialog import SettingsDialog
from commdesk.ui.sign_in import sign_in_locally
from commdesk.ui.tasks import run_with_busy_dialog
from commdesk.ui.theme import apply_style
from commdesk.ui.translations import Translators

translate = QCoreApplication.translate
log = logging.getLogger("commdesk.shell")


class Shell(QObject):
    def __init__(self, store: Store, translators: Translators) -> None:
        super().__init__()
        self.ctx = UiContext.create(store, open_settings(store.data_dir))
        self.translators = translators
        self.window: MainWindow | None = None
        self.wizard: ProfileWizard | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.auto_backup = AutoBackup(store.data_dir, self.ctx.settings, self)
        self.auto_backup.done.connect(self._show_status)
        self.auto_backup.failed.connect(self._backup_failed)
        self.locker = Locker(store, self)
        self.locker.unlocked.connect(self._unlocked)
        self.locker.switch_requested.connect(lambda: QTimer.singleShot(0, self._switch_from_lock))
        self.idle: IdleWatcher | None = None
        # F1 in every window and dialog of this session opens the guide at its page.
        self.help_key = HelpKey(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.help_key)

    @property
    def font_scale(self) -> int:
        try:
            return int(self.ctx.settings.value("font_scale", 100))
        except (TypeError, ValueError):
            return 100

    def start(self, before_show: Callable[[], None] | None = None) -> bool:
        """Password (if set), then profile: the window opens only once both are satisfied.

        ``before_show`` runs once the main window is built, just before it is shown (the
        first page's window takes the input queued for it then). Returns False when the
        clerk chose Quit at the password prompt.
        """
        signed_in = sign_in_locally(self.ctx.store)  # with accounts, the sign-in is the gate
        if signed_in is False:
            return False
        if signed_in is None and privacy.has_password(self.ctx.store):
            gate = LockDialog(self.ctx.store, LockDialog.START)
            if gate.exec() != QDialog.DialogCode.Accepted:
                return False
        store = self.ctx.store
        if not store.is_server and store.read_only is None:  # they copy the folder's file
            self.auto_backup.start()
        self.update_idle_lock()
        self._open_first_window(before_show)
        return True

    def _open_first_window(self, before_show: Callable[[], None] | None = None) -> None:
        if has_valid_profile(self.ctx.store):
            self.open_main_window(before_show)
            return
        store = self.ctx.store
        ask = not store.is_server and store.read_only is None
        ask = ask and first_run_needs_choice(self.ctx.settings)
        first = BackendPage(self.ctx.settings) if ask else None
        self.wizard = ProfileWizard(self.ctx, first_page=first)
        self.wizard.accepted.connect(self.open_main_window)
        self.wizard.show()

    def open_main_window(self, before_show: Callable[[], None] | None = None) -> MainWindow:
        if not has_valid_profile(self.ctx.store):
            raise RuntimeError("the main window needs a valid community profile")
        old = self.window
        if old is not None:
            old.save_state()
        window = MainWindow(self.ctx)
        window.settings_requested.connect(self.open_settings)
        window.backups_requested.connect(self.open_backups)
        window.lock_requested.connect(lambda: self.lock(on_request=True))
        window.switch_user_requested.connect(self.switch_user)
        if self.ctx.store.read_only is not None:
            make_read_only(window, read_only_text(self.ctx.store))
        if before_show is not None:
            before_show()
        window.show()
        self.window = window
        self.update_idle_lock()  # a switched user may lock with their own password
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def open_settings(self) -> SettingsDialog:
        privacy_section = PrivacySettings(self.ctx.store)
        privacy_section.changed.connect(self.update_idle_lock)
        dialog = SettingsDialog(
            self.translators.language,
            self.font_scale,
            self.ctx.data_dir,
            self.window,
            sections=[
                BackendSettings(self.ctx.settings),
                BackupSettings(self.ctx.settings),
                privacy_section,
            ],
        )
        dialog.accepted.connect(
            lambda: self.apply_settings(dialog.chosen_language(), dialog.chosen_font_scale())
        )
        self.settings_dialog = dialog
        self._forget_when_finished(dialog, "settings_dialog")
        dialog.open()
        return dialog

    def _forget_when_finished(self, dialog: QDialog, attribute: str) -> None:
        """Drop the reference once the dialog closes, and let it go.

        A finished dialog may be deleted with its window (a language change rebuilds
        the window); holding on to it left a dangling wrapper that the next restore
        tried to close.
        """
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def forget(_result: int) -> None:
            if getattr(self, attribute) is dialog:
                setattr(self, attribute, None)

        dialog.finished.connect(forget)

    def apply_settings(self, language: str, font_scale: int) -> None:
        settings = self.ctx.settings
        settings.setValue("language", language)
        settings.setValue("font_scale", font_scale)
        settings.sync()
        self.update_idle_lock()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        changed_font = font_scale != getattr(self, "_applied_scale", None)
        if changed_font:
            apply_style(app, font_scale)
            self._applied_scale = font_scale
        if language != self.translators.language or changed_font:
            self.translators.apply(language)
            if self.window is not None:
                self.open_main_window()

    # ------------------------------------------------------------ lock
    def can_lock(self) -> bool:
        """Whether a lock could be opened again: the signed-in person's own password, or
        the start-up password."""
        store = self.ctx.store
        return lock_owner(store) is not None or privacy.has_password(store)

    def update_idle_lock(self) -> None:
        """Idle lock on when there is a password to unlock with and minutes > 0; off otherwise."""
        store = self.ctx.store
        available = self.can_lock()
        if self.window is not None:
            self.window.set_lock_available(available)
        minutes = privacy.lock_minutes(store) if available else 0
        if minutes <= 0:
            if self.idle is not None:
                self.idle.stop()
                self.idle = None
            return
        if self.idle is None:
            self.idle = IdleWatcher(minutes, self.lock, self)
        else:
            self.idle.set_minutes(minutes)

    def lock(self, *, on_request: bool = False) -> LockDialog | None:
        """Cover the windows and ask for the password (idle timeout or File → Lock now)."""
        if not self.can_lock():
            return None  # nothing to unlock with
        if self.idle is not None:
            self.idle.paused = True
        return self.locker.lock(on_request=on_request)

    def _unlocked(self) -> None:
        if self.idle is not None:
            self.idle.resume()

    def bring_to_front(self) -> None:
        """A second launch asked for this folder: show the window (or the lock screen)."""
        log.info("brought to front at the request of a second launch")
        target = self.locker.dialog or self.window or self.wizard
        if target is None:
            return
        if target.isMinimized():
            target.showNormal()
        target.show()
        target.raise_()
        target.activateWindow()

    def switch_user(self) -> bool:
        from commdesk.ui.sign_in import switch_user

        return switch_user(self)

    def _switch_from_lock(self) -> None:
        """切换用户 on the lock screen: the windows stay covered until the switch is done."""
        self.switch_user()
        self.locker.uncover()

    # ------------------------------------------------------------ backups
    def open_backups(self) -> BackupsDialog:
        dialog = BackupsDialog(self.ctx.data_dir, self.ctx.settings, self.window)
        guard(dialog.restore_button, self.ctx.store, RESTORE)
        # After the dialog has closed: the restore deletes the window it belongs to.
        dialog.restore_requested.connect(
            lambda path: QTimer.singleShot(0, lambda: self.restore_backup(path))
        )
        self.backups_dialog = dialog
        self._forget_when_finished(dialog, "backups_dialog")
        dialog.open()
        return dialog

    def restore_backup(self, source: Path) -> RestoreResult | None:
        """Back up the current data, restore ``source``, reopen everything on it."""
        if not allows(self.ctx.store, RESTORE):  # it replaces the accounts too
            QMessageBox.warning(
                self.window, translate("Backups", "Restore failed"), needs_text(RESTORE)
            )
            return None
        data_dir = self.ctx.data_dir
        self._close_windows()
        self.ctx.clear_undo()
        self.ctx.store.close()
        result: RestoreResult | None = None
        try:
            result = restore(data_dir, Path(source))
        except StoreError as exc:
            QMessageBox.warning(
                None,
                translate("Backups", "Restore failed"),
                translate(
                    "Backups", "The backup was not restored; your data is unchanged.\n\n{reason}"
                ).format(reason=exc),
            )
        store = open_store(data_dir)
        self.ctx = UiContext.create(store, self.ctx.settings)
        self.locker.store = store
        if sign_in_locally(store) is False:  # the restored data's own accounts
            QApplication.quit()
            return result
        self._open_first_window()
        if result is not None:
            log.warning("restored %s; previous data saved as %s", source, result.safety_backup)
            self._show_status(
                translate(
                    "Backups", "Backup restored; the previous data was saved as {name}."
                ).format(name=result.safety_backup.name if result.safety_backup else "-")
            )
        return result

    def backup_on_close(self) -> None:
        """The backup of a normal close when the data changed since the last verified
        one: on the worker thread, with a progress dialog; the close waits for it.
        A failure is shown, never fatal."""
        if self.ctx.store.read_only is not None:
            return
        if self.ctx.store.is_server:  # a local copy, for looking things up when it is away
            copy_on_close(self.ctx.store, self)
            return
        if not self.auto_backup.needed():
            log.info("no backup on close: unchanged since the last verified backup")
            return
        try:
            outcome = run_with_busy_dialog(
                translate("Backups", "Saving a backup of your data before closing…"),
                self.auto_backup.close_backup(),
                self,
            )
        except (StoreError, OSError) as exc:
            log.warning("backup on close failed: %s", exc)
            self._backup_failed(str(exc))
        else:
            self.auto_backup.report(outcome)

    def _show_status(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, 15_000)

    def _backup_failed(self, reason: str) -> None:
        QMessageBox.warning(
            self.window,
            translate("Backups", "Backup failed"),
            translate(
                "Backups",
                "The automatic backup could not be written; your data is unchanged.\n\n{reason}",
            ).format(reason=reason),
        )

    # ------------------------------------------------------------ teardown
    def _close_windows(self) -> None:
        if self.wizard is not None:
            self.wizard.hide()  # closing it from here is no question for the clerk
        for widget in (self.window, self.wizard, self.settings_dialog, self.backups_dialog):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self.window = self.wizard = None
        self.settings_dialog = self.backups_dialog = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def dispose(self) -> None:
        """Delete every window now, before Python tears the bindings down."""
        self.auto_backup.stop()
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        self._close_windows()
        self.ctx.clear_undo()
