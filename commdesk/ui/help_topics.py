"""Which guide page F1 opens: one registry for the pages and the dialogs.

A dialog class missing here fails tests/ui/test_help.py, which walks every
QDialog subclass in ``commdesk.ui``; a page key missing fails the same test,
which walks the main window's pages.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# Main-window page key → guide topic (commdesk.guide.TOPICS).
PAGE_TOPICS: dict[str, str] = {
    "services": "services",
    "facilities": "facilities",
    "volunteers": "volunteers",
    "teams": "volunteers",
    "workers": "workers",
    "profile": "first_run",
    "reports": "returns",
    "consolidation": "consolidation",
    "overview": "overview",
    "audit": "privacy",
}
# Dialog class name → guide topic.
DIALOG_TOPICS: dict[str, str] = {
    "RecordDialog": "entering",
    "ConflictDialog": "entering",
    "BatchEntryDialog": "services",
    "RosterExportOptions": "entering",
    "ImportWizard": "importing",
    "PasteWizard": "importing",
    "ProfileWizard": "first_run",
    "ExplainWarningsDialog": "returns",
    "ExportedMessage": "submitting",
    "UnlockDialog": "submitting",
    "BackupsDialog": "backups",
    "DamagedDialog": "backups",
    "SettingsDialog": "settings",
    "CatalogueDialog": "settings",
    "SetPasswordDialog": "settings",
    "LockDialog": "settings",
    "SignInDialog": "accounts",
    "AccountsDialog": "accounts",
    "AccountFormDialog": "accounts",
    "CertificateDialog": "volunteers",
    "RegisterDialog": "volunteers",
    "ServerAwayDialog": "server",
    "ServerDialog": "consolidation",
}


def topic_for_class(cls: type) -> str | None:
    for klass in cls.__mro__:
        if klass.__name__ in DIALOG_TOPICS:
            return DIALOG_TOPICS[klass.__name__]
    return None


def topic_for(widget: QWidget) -> tuple[str, str | None]:
    """(topic, anchor) for the window ``widget`` is in: a dialog's own page, or the
    main window's current page (which may name an anchor, such as a selected rule)."""
    window: QWidget | None = widget.window()
    while window is not None:
        topic = topic_for_class(type(window))
        if topic is not None:
            return topic, None
        help_topic = getattr(window, "help_topic", None)
        if callable(help_topic):
            found = help_topic()
            if found is not None:
                return found
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return "first_run", None
