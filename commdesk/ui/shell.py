"""The GUI session: first-run wizard, the main window, live settings changes.

Owns the context and the window for one open data folder; the app module
creates one and runs the event loop. Switching language rebuilds the window,
which is simpler and more reliable than retranslating every generated form.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from commdesk.store.engine import Store
from commdesk.store.services.profile import has_valid_profile
from commdesk.ui.context import UiContext, open_settings
from commdesk.ui.main_window import MainWindow
from commdesk.ui.profile import ProfileWizard
from commdesk.ui.settings_dialog import SettingsDialog
from commdesk.ui.theme import apply_style
from commdesk.ui.translations import Translators


class Shell(QObject):
    def __init__(self, store: Store, translators: Translators) -> None:
        super().__init__()
        self.ctx = UiContext.create(store, open_settings(store.data_dir))
        self.translators = translators
        self.window: MainWindow | None = None
        self.wizard: ProfileWizard | None = None
        self.settings_dialog: SettingsDialog | None = None

    @property
    def font_scale(self) -> int:
        try:
            return int(self.ctx.settings.value("font_scale", 100))
        except (TypeError, ValueError):
            return 100

    def start(self) -> None:
        """Profile first: the main window only opens once the profile is valid."""
        if has_valid_profile(self.ctx.store):
            self.open_main_window()
            return
        self.wizard = ProfileWizard(self.ctx)
        self.wizard.accepted.connect(self.open_main_window)
        self.wizard.show()

    def open_main_window(self) -> MainWindow:
        if not has_valid_profile(self.ctx.store):
            raise RuntimeError("the main window needs a valid community profile")
        old = self.window
        if old is not None:
            old.save_state()
        window = MainWindow(self.ctx)
        window.settings_requested.connect(self.open_settings)
        window.show()
        self.window = window
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(
            self.translators.language, self.font_scale, self.ctx.data_dir, self.window
        )
        dialog.accepted.connect(
            lambda: self.apply_settings(dialog.chosen_language(), dialog.chosen_font_scale())
        )
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def apply_settings(self, language: str, font_scale: int) -> None:
        settings = self.ctx.settings
        settings.setValue("language", language)
        settings.setValue("font_scale", font_scale)
        settings.sync()
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

    def dispose(self) -> None:
        """Delete every window now, before Python tears the bindings down."""
        from PySide6.QtCore import QCoreApplication, QEvent

        for widget in (self.window, self.wizard, self.settings_dialog):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self.window = self.wizard = self.settings_dialog = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.ctx.undo_stack.clear()
