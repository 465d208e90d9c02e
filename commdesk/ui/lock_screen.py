"""The optional start-up password: the lock screen, the idle timer, the settings.

The password only keeps casual eyes off a shared PC: it does not encrypt the
data file, and a forgotten password cannot be recovered. Both facts are said
plainly wherever the password is set. Checking it is the store's job
(:mod:`commdesk.store.privacy`); this module shows the dialogs and covers the
windows while locked.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.roles import role_label
from commdesk.store import accounts, privacy
from commdesk.store.accounts import accounts as accounts_in_use
from commdesk.store.engine import Store

translate = QCoreApplication.translate
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def honest_warning() -> str:
    return translate(
        "LockScreen",
        "A forgotten password cannot be recovered. The password does not encrypt the "
        "data file: it only stops others from opening CommDesk on this PC. Keep the PC "
        "account and the backups safe as well.",
    )


class LockDialog(QDialog):
    """Asks for the password; at start it can quit, when idle it cannot close.

    When idle and someone signed in with a password (an account, or a server login),
    the lock is theirs: it names them, takes their own password, and offers 切换用户
    (finishing with SWITCH) so another clerk can sign in instead. Otherwise it takes
    the start-up password.
    """

    START, IDLE = "start", "idle"
    SWITCH = 2  # the dialog's result when the clerk chose Switch user

    def __init__(
        self,
        store: Store,
        mode: str = START,
        parent: QWidget | None = None,
        *,
        on_request: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.mode = mode
        self.setObjectName("lockDialog")
        self.setWindowTitle(translate("LockScreen", "CommDesk is locked"))
        self.owner = accounts.lock_owner(store) if mode == self.IDLE else None
        if self.owner is not None:
            heading = translate("LockScreen", "Locked — {name} ({role})").format(
                name=self.owner.name, role=role_label(self.owner.role)
            )
        elif mode == self.START:
            heading = translate("LockScreen", "Enter the password to open CommDesk.")
        elif on_request:
            heading = translate("LockScreen", "CommDesk is locked. Enter the password to go on.")
        else:
            heading = translate("LockScreen", "CommDesk was locked after a period without use.")
        title = QLabel(heading, self)
        title.setObjectName("lockHeading")
        title.setWordWrap(True)
        if self.owner is not None:  # whose lock this is, at a glance
            font = title.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.2)
            title.setFont(font)
        hint = QLabel(self._hint(on_request), self)
        hint.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.try_unlock)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setProperty("level", "error")
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(translate("LockScreen", "Unlock"), self)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self.try_unlock)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if mode == self.START:
            quit_button = QPushButton(translate("LockScreen", "Quit"), self)
            quit_button.setAutoDefault(False)
            quit_button.clicked.connect(self.reject)
            buttons.addWidget(quit_button)
        self.switch_button: QPushButton | None = None
        if self.owner is not None:
            self.switch_button = QPushButton(translate("LockScreen", "Switch user…"), self)
            self.switch_button.setAutoDefault(False)
            self.switch_button.clicked.connect(lambda: self.done(self.SWITCH))
            buttons.addWidget(self.switch_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if hint.text():
            layout.addWidget(hint)
        else:
            hint.hide()
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.failures = 0
        width = max(420, 24 * self.fontMetrics().height())
        self.resize(width, max(160, self.heightForWidth(width)))

    def _hint(self, on_request: bool) -> str:
        if self.owner is None:
            return ""
        if on_request:
            return translate(
                "LockScreen",
                "Locked on request. Enter your own password to go on, or switch user so "
                "another clerk signs in.",
            )
        return translate(
            "LockScreen",
            "Locked after a period without use. Enter your own password to go on, or "
            "switch user so another clerk signs in.",
        )

    def try_unlock(self) -> bool:
        typed = self.password.text()
        if self.owner is not None:
            right = accounts.own_password_matches(self.store, typed)
        else:
            right = privacy.verify_password(self.store, typed)
        self.password.clear()
        if right:
            self.accept()
            return True
        self.failures += 1
        self.message.setText(
            translate("LockScreen", "Wrong password ({count} failed tries). Try again.").format(
                count=self.failures
            )
        )
        return False

    def reject(self) -> None:
        if self.mode == self.START:
            super().reject()  # Quit at start; a locked window cannot be dismissed

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.mode == self.IDLE:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.mode == self.IDLE and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)


class Curtain(QWidget):
    """An opaque cover over one window while the program is locked."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        label = QLabel(translate("LockScreen", "Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
        ):
            host = self.parentWidget()
            if host is not None:
                self.setGeometry(host.rect())
                self.raise_()
        return False


class IdleWatcher(QObject):
    """Calls ``on_idle`` after ``minutes`` without keyboard or mouse input.

    An event filter on the application notes the time of any input (cheap: one
    comparison and one clock read); a coarse timer compares it with the limit.
    """

    def __init__(
        self,
        minutes: int,
        on_idle: Callable[[], None],
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        check_ms: int = 15_000,
    ) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.on_idle = on_idle
        self.clock = clock
        self.last_input = clock()
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.last_input = self.clock()
        return False

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.last_input = self.clock()

    def check(self) -> bool:
        """Lock if idle too long; True when it did."""
        if self.paused or self.minutes <= 0:
            return False
        if self.clock() - self.last_input < self.minutes * 60:
            return False
        self.paused = True
        self.on_idle()
        return True

    def resume(self) -> None:
        self.paused = False
        self.last_input = self.clock()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class Locker(QObject):
    """Covers every visible window and shows the lock dialog until the password is given."""

    unlocked = Signal()
    switch_requested = Signal()  # windows stay covered until the shell has switched

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.dialog: LockDialog | None = None
        self.curtains: list[Curtain] = []

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self, *, on_request: bool = False) -> LockDialog:
        if self.dialog is not None:
            return self.dialog
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not isinstance(widget, LockDialog | Curtain):
                self.curtains.append(Curtain(widget))
        dialog = LockDialog(self.store, LockDialog.IDLE, on_request=on_request)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self.uncover)
        dialog.finished.connect(self._finished)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _finished(self, result: int) -> None:
        if result == LockDialog.SWITCH:
            self.switch_requested.emit()

    def uncover(self) -> None:
        """Take the curtains away (those whose window has gone with a switch are skipped)."""
        for curtain in self.curtains:
            if not shiboken6.isValid(curtain):
                continue
            curtain.hide()
            curtain.deleteLater()
        self.curtains.clear()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.unlocked.emit()


# ----------------------------------------------------------------- settings
class SetPasswordDialog(QDialog):
    """New password twice (and the current one to change it), with the honest warning."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(translate("LockScreen", "Start-up password"))
        self.current: QLineEdit | None = None
        form = QFormLayout()
        if privacy.has_password(store):
            self.current = self._field("currentPassword")
            form.addRow(translate("LockScreen", "Current password"), self.current)
        self.new = self._field("newPassword")
        self.repeat = self._field("repeatPassword")
        form.addRow(translate("LockScreen", "New password"), self.new)
        form.addRow(translate("LockScreen", "Repeat it"), self.repeat)
        warning = QLabel(honest_warning(), self)
        warning.setWordWrap(True)
        warning.setObjectName("warning")
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        ok = QPushButton(translate("LockScreen", "Set password"), self)
        ok.setObjectName("primary")
        ok.clicked.connect(self.save)
        cancel = QPushButton(translate("LockScreen", "Cancel"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def save(self) -> bool:
        if self.new.text() != self.repeat.text():
            self.message.setText(translate("LockScreen", "The two new passwords differ."))
            return False
        try:
            privacy.set_password(
                self.store,
                self.new.text(),
                current=self.current.text() if self.current is not None else None,
            )
        except privacy.PasswordError as exc:
            self.message.setText(str(exc))
            return False
        self.accept()
        return True


class PrivacySettings(QGroupBox):
    """Start-up password and idle lock, in the settings dialog."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(translate("LockScreen", "Start-up password"), parent)
        self.store = store
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.set_button = QPushButton(self)
        self.set_button.clicked.connect(self.set_password)
        self.remove_button = QPushButton(translate("LockScreen", "Remove password…"), self)
        self.remove_button.clicked.connect(self.remove_password)
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("lockMinutes")
        self.minutes.setRange(0, 240)
        self.minutes.setSpecialValueText(translate("LockScreen", "never"))
        self.minutes.setSuffix(translate("LockScreen", " min"))
        self.minutes.setValue(privacy.lock_minutes(store))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.set_button)
        row.addWidget(self.remove_button)
        form = QFormLayout()
        form.addRow(translate("LockScreen", "Lock after idle time"), self.minutes)
        warning = QLabel(honest_warning(), self)
        warning.setWordWrap(True)
        warning.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(warning)
        self.refresh()

    def refresh(self) -> None:
        has = privacy.has_password(self.store)
        own = accounts.lock_owner(self.store) is not None
        self.status.setText(
            translate(
                "LockScreen",
                "Clerks sign in with their accounts and unlock with their own password.",
            )
            if own or (has and accounts_in_use(self.store))
            else translate("LockScreen", "A password is asked at start.")
            if has
            else translate("LockScreen", "No password.")
        )
        self.set_button.setText(
            translate("LockScreen", "Change password…")
            if has
            else translate("LockScreen", "Set password…")
        )
        self.remove_button.setEnabled(has)
        self.minutes.setEnabled(has or own)

    def set_password(self) -> None:
        dialog = SetPasswordDialog(self.store, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()

    def remove_password(self) -> None:
        text, ok = QInputDialog.getText(
            self,
            translate("LockScreen", "Remove password"),
            translate("LockScreen", "Current password:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            privacy.clear_password(self.store, text)
        except privacy.PasswordError as exc:
            QMessageBox.warning(self, translate("LockScreen", "Remove password"), str(exc))
            return
        self.refresh()
        self.changed.emit()

    def save(self) -> None:
        """Write the minutes when changed; on a server only 管理员 may, and the others are
        told why (the rest of the settings are still saved)."""
        minutes = self.minutes.value()
        if minutes == privacy.lock_minutes(self.store):
            return
        try:
            privacy.set_lock_minutes(self.store, minutes)
        except accounts.NotAllowed as exc:
            QMessageBox.warning(self, translate("LockScreen", "Lock after idle time"), str(exc))
