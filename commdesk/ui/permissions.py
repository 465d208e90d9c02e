"""What the signed-in person's role shows: one place for actions and page buttons.

The store refuses what a role may not do (commdesk.store.accounts.require); this
module only mirrors it, so a 填报员 is not offered a button that would be
refused. Menu actions a role may not use are hidden (``permission`` in the
action registry); page buttons stay in place, disabled, with a tooltip naming
the role that may use them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

from commdesk.domain.roles import lowest_role, role_label
from commdesk.store.accounts import allows, uses_accounts, who
from commdesk.store.engine import Store

if TYPE_CHECKING:
    from commdesk.ui.actions import ActionSpec

translate = QCoreApplication.translate


def needs_text(permission: str) -> str:
    return translate("Permissions", "Only a {role} (or higher) may do this.").format(
        role=role_label(lowest_role(permission))
    )


class _KeepDisabled(QObject):
    """Turns a guarded button off again whenever its page enables it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        changed = event.type() == QEvent.Type.EnabledChange
        if changed and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def guard(widget: QWidget, store: Store, permission: str) -> bool:
    """Disable ``widget`` for good, with a tooltip, unless the role allows; True if allowed."""
    if allows(store, permission):
        return True
    widget.setEnabled(False)
    widget.setToolTip(needs_text(permission))
    keeper = _KeepDisabled(widget)
    widget.installEventFilter(keeper)
    return False


def hide_actions(owner: QObject, specs: Iterable[ActionSpec], store: Store) -> None:
    """Hide (and so switch off the shortcut of) each registry action the role may not use."""
    for spec in specs:
        if spec.permission and not allows(store, spec.permission):
            action = getattr(owner, f"act_{spec.name}", None)
            if action is not None:
                action.setVisible(False)


def signed_in_text(store: Store) -> str:
    """“张丽（审核人）” for the status bar and title; "" on a PC without accounts."""
    if not uses_accounts(store):
        return ""
    account = who(store)
    if account is None:
        return ""
    if not account.role:
        return account.name
    return translate("Permissions", "{name} ({role})").format(
        name=account.name, role=role_label(account.role)
    )
