"""What every widget needs, passed explicitly instead of living in globals.

One :class:`UiContext` per open data folder: the store, the catalogues
(released + local), the per-folder settings, one undo stack per ledger page
(grouped, so Edit → Undo follows the page in front) and a
``changed`` signal that pages listen to after any write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

if TYPE_CHECKING:  # the ORM loads after the first paint; open_settings is needed before
    from commdesk.domain.catalogues import Catalogues
    from commdesk.store.engine import Store

SETTINGS_FILE = "commdesk-ui.ini"


def open_settings(data_dir: Path) -> QSettings:
    """UI settings live in an ini file in the data folder.

    Tests and the self-test get their own folder, so they can never touch the
    clerk's real settings, and a copied data folder keeps its layout.
    """
    return QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)


class DataEvents(QObject):
    """Broadcast after writes so every view of a ledger refreshes."""

    changed = Signal(str)  # ledger name


@dataclass
class UiContext:
    store: Store
    settings: QSettings
    catalogues: Catalogues
    undo_group: QUndoGroup = field(default_factory=QUndoGroup)
    events: DataEvents = field(default_factory=DataEvents)
    # What a page holds for the clerk (e.g. the 汇总 file list), by page key: it outlives
    # the main window, which a language or font switch rebuilds.
    page_state: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, store: Store, settings: QSettings | None = None) -> UiContext:
        from commdesk.store.catalogue_store import load_catalogues

        return cls(
            store=store,
            settings=settings if settings is not None else open_settings(store.data_dir),
            catalogues=load_catalogues(store),
        )

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def undo_stack_for(self, key: str) -> QUndoStack:
        """The undo stack of one ledger page; it outlives a rebuilt window."""
        for stack in self.undo_group.stacks():
            if stack.objectName() == key:
                return stack
        stack = QUndoStack(self.undo_group)
        stack.setObjectName(key)
        return stack

    def clear_undo(self) -> None:
        for stack in self.undo_group.stacks():
            stack.clear()

    def reload_catalogues(self) -> None:
        from commdesk.store.catalogue_store import load_catalogues

        self.catalogues = load_catalogues(self.store)
