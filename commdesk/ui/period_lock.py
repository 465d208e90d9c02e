"""Unlocking a submitted (已上报) period before changing one of its records.

Once a return is handed to the township its figures must not drift silently.
The store refuses such a change with :class:`PeriodLocked`; the UI then asks
the clerk for a reason, unlocks (audited), and the period shows "modified,
needs re-submitting" until it is exported again.

How a ledger page uses it::

    from commdesk.store.services.periods import PeriodLocked
from commdesk.ui.permissions import needs_text
    from commdesk.ui.period_lock import ask_unlock

    try:
        service.update(store, row_id, data)
    except PeriodLocked as exc:
        if not ask_unlock(self, store, exc):
            return            # the clerk cancelled: nothing changed
        service.update(store, row_id, data)   # retry once, now unlocked

The same for add and delete. ``ask_unlock`` runs a modal dialog and returns
True only when every period named in ``exc.periods`` was unlocked.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import Period
from commdesk.domain.roles import UNLOCK
from commdesk.store.accounts import allows
from commdesk.store.engine import Store
from commdesk.store.services import periods as period_log
from commdesk.store.services.base import LedgerService
from commdesk.store.services.periods import PeriodLocked
from commdesk.ui.permissions import needs_text

translate = QCoreApplication.translate


class UnlockDialog(QDialog):
    """Explains the lock and asks for the reason, which goes into the audit log."""

    def __init__(self, period_labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnlockDialog")
        self.setWindowTitle(translate("PeriodLock", "Unlock submitted period"))
        labels = "、".join(period_labels)
        message = QLabel(
            translate(
                "PeriodLock",
                "The return for {periods} has been submitted (marked as handed to the "
                "township), so its records are locked.\n\nTo change them, unlock the period "
                "and give a reason. The reason is written to the audit log, and the period "
                "will show “modified, needs re-submitting” until you export and submit the "
                "return again.",
            ).format(periods=labels),
            self,
        )
        message.setWordWrap(True)
        reason_label = QLabel(translate("PeriodLock", "Reason for the change (required):"), self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("unlockReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            translate("PeriodLock", "e.g. a service record from September was entered late")
        )
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 16)
        reason_label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("PeriodLock", "Unlock"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(520, max(self.sizeHint().height(), self.heightForWidth(520)))
        self._update_ok()
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_text()))


def lock_notice(store: Store, service: LedgerService, row_id: int) -> str:
    """What an edit form says up front when its record lies in a submitted period ("" if not)."""
    try:
        service.ensure_unlocked(store, [row_id])
    except PeriodLocked as exc:
        labels = "、".join(Period.parse(code).label() for code in exc.periods)
        return translate(
            "PeriodLock",
            "Locked: the return for {periods} has been submitted. Saving a change will ask "
            "you to unlock the period and give a reason.",
        ).format(periods=labels)
    return ""


def ask_unlock(parent: QWidget, store: Store, exc: PeriodLocked) -> bool:
    """Ask for a reason and unlock every period in ``exc``; True if the caller may retry."""
    periods = [Period.parse(code) for code in exc.periods]
    if not periods:
        return False
    if not allows(store, UNLOCK):  # no reason asked for an unlock the store would refuse
        QMessageBox.information(
            parent, translate("PeriodLock", "Unlock submitted period"), needs_text(UNLOCK)
        )
        return False
    dialog = UnlockDialog([p.label() for p in periods], parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        reason = dialog.reason_text()
    finally:
        dialog.deleteLater()
    try:
        for period in periods:
            period_log.unlock_period(store, period, reason)
    except (ValueError, OSError) as error:
        QMessageBox.warning(parent, translate("PeriodLock", "Unlock submitted period"), str(error))
        return False
    return True
