"""Who may do what in a committee: 填报员, 审核人, 管理员.

A return handed to the township is the committee's word: only its head or
statistics head (审核人) submits it or unlocks a submitted period. Pure data,
no Qt and no SQL: the store enforces it, the UI only mirrors it.
"""

from __future__ import annotations

from commdesk.domain.i18n import translate

ENTRY, REVIEWER, ADMIN = "entry", "reviewer", "admin"
ROLES = (ENTRY, REVIEWER, ADMIN)

ENTER, IMPORT, SUBMIT, UNLOCK, MANAGE_ACCOUNTS = "enter", "import", "submit", "unlock", "accounts"
# Restoring a backup replaces every row, the accounts included: the administrator's call.
RESTORE = "restore"

PERMISSIONS: dict[str, frozenset[str]] = {
    ENTRY: frozenset({ENTER, IMPORT}),
    REVIEWER: frozenset({ENTER, IMPORT, SUBMIT, UNLOCK}),
    ADMIN: frozenset({ENTER, IMPORT, SUBMIT, UNLOCK, MANAGE_ACCOUNTS, RESTORE}),
}


def role_label(role: str) -> str:
    labels = {
        ENTRY: translate("Roles", "Data entry clerk"),
        REVIEWER: translate("Roles", "Reviewer"),
        ADMIN: translate("Roles", "Administrator"),
    }
    return labels.get(role, role)


def may(role: str | None, permission: str) -> bool:
    return permission in PERMISSIONS.get(role or "", frozenset())


def lowest_role(permission: str) -> str:
    """The least role holding ``permission`` (roles are ordered entry < reviewer < admin)."""
    return next((role for role in ROLES if permission in PERMISSIONS[role]), ADMIN)
