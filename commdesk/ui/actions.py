"""Every main-window action declared once: text, menu, shortcut, what it runs.

In the manner of Picard's action registry: the window builds its menus from
this list, and a test checks that each action sits in a menu with a shortcut,
or says here why it has none. Page switching (View → each page, Ctrl+1…) and
Undo/Redo (made by the undo group) are added by the window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

from commdesk.domain.i18n import QT_TRANSLATE_NOOP, Marked
from commdesk.domain.roles import MANAGE_ACCOUNTS

if TYPE_CHECKING:
    from commdesk.ui.main_window import MainWindow

SP = QStyle.StandardPixmap
Key = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the window keeps it as ``act_<name>``; also the QAction's objectName
    text: Marked  # marked for lupdate (context "MainWindow"), translated when built
    menu: str  # "file", "edit", "view" or "help"
    run: Callable[[MainWindow], object]
    shortcuts: tuple[Key, ...] = ()
    no_shortcut: str = ""  # why a clerk reaches it only through the menu
    icon: SP | None = None
    checkable: bool = False
    separator_before: bool = False
    application_wide: bool = False
    permission: str = ""  # hidden unless the signed-in role has it (commdesk.ui.permissions)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import", QT_TRANSLATE_NOOP("MainWindow", "&Import from a spreadsheet…"), "file",
               lambda w: w._import(), ("Ctrl+I",)),
    ActionSpec("export_view", QT_TRANSLATE_NOOP("MainWindow", "&Export this view to Excel…"),
               "file", lambda w: w._export_view(), ("Ctrl+E",)),
    ActionSpec("print_preview", QT_TRANSLATE_NOOP("MainWindow", "Print pre&view…"), "file",
               lambda w: w.paper("preview"), ("Ctrl+Shift+P",), separator_before=True),
    ActionSpec("print", QT_TRANSLATE_NOOP("MainWindow", "&Print…"), "file",
               lambda w: w.paper("print"), (QKeySequence.StandardKey.Print,)),
    ActionSpec("export_pdf", QT_TRANSLATE_NOOP("MainWindow", "Export P&DF…"), "file",
               lambda w: w.paper("pdf"), ("Ctrl+Shift+E",)),
    ActionSpec("certificate", QT_TRANSLATE_NOOP("MainWindow", "Issue service certificates…"),
               "file", lambda w: _certificates(w, "issue"), separator_before=True,
               no_shortcut="a few times a month; in the menu and on the volunteers page"),
    ActionSpec("certificate_register", QT_TRANSLATE_NOOP("MainWindow", "Certificate register…"),
               "file", lambda w: _certificates(w, "register"),
               no_shortcut="a few times a month; in the menu and on the volunteers page"),
    ActionSpec("service_record", QT_TRANSLATE_NOOP("MainWindow", "Volunteer's service record…"),
               "file", lambda w: _certificates(w, "record"),
               no_shortcut="a few times a month; in the menu and on the volunteers page"),
    ActionSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings…"), "file",
               lambda w: w.settings_requested.emit(), ("Ctrl+,",), separator_before=True),
    ActionSpec("open_folder", QT_TRANSLATE_NOOP("MainWindow", "Open data folder"), "file",
               lambda w: w.open_data_folder(), no_shortcut="rarely used; in the menu"),
    ActionSpec("backups", QT_TRANSLATE_NOOP("MainWindow", "Backups and restore…"), "file",
               lambda w: w.backups_requested.emit(),
               no_shortcut="a restore replaces all data: never one keystroke away"),
    ActionSpec("catalogues", QT_TRANSLATE_NOOP("MainWindow", "Catalogues…"), "file",
               lambda w: w.open_catalogues(), no_shortcut="rarely used; in the menu"),
    ActionSpec("accounts", QT_TRANSLATE_NOOP("MainWindow", "Accounts…"), "file",
               lambda w: _accounts(w), permission=MANAGE_ACCOUNTS,
               no_shortcut="rarely used; in the menu, for the administrator"),
    ActionSpec("lock_now", QT_TRANSLATE_NOOP("MainWindow", "Lock now"), "file",
               lambda w: w.lock_requested.emit(), ("Ctrl+L",), separator_before=True,
               application_wide=True),
    ActionSpec("switch_user", QT_TRANSLATE_NOOP("MainWindow", "Switch user…"), "file",
               lambda w: w.switch_user_requested.emit(), ("Ctrl+Shift+L",),
               application_wide=True),
    ActionSpec("quit", QT_TRANSLATE_NOOP("MainWindow", "Quit"), "file",
               lambda w: w.close(), ("Ctrl+Q",), separator_before=True, application_wide=True),
    ActionSpec("new", QT_TRANSLATE_NOOP("MainWindow", "New record"), "edit",
               lambda w: w._new(), (QKeySequence.StandardKey.New,), icon=SP.SP_FileIcon,
               separator_before=True),
    ActionSpec("edit", QT_TRANSLATE_NOOP("MainWindow", "Edit record (Enter)"), "edit",
               lambda w: w._edit(), ("F2",)),
    ActionSpec("delete", QT_TRANSLATE_NOOP("MainWindow", "Delete"), "edit",
               lambda w: w._delete(), (QKeySequence.StandardKey.Delete,), icon=SP.SP_TrashIcon),
    ActionSpec("copy_rows", QT_TRANSLATE_NOOP("MainWindow", "Copy rows"), "edit",
               lambda w: w._copy_rows(), (QKeySequence.StandardKey.Copy,), separator_before=True),
    ActionSpec("paste_rows", QT_TRANSLATE_NOOP("MainWindow", "Paste rows"), "edit",
               lambda w: w._paste_rows(), (QKeySequence.StandardKey.Paste,)),
    ActionSpec("batch_entry", QT_TRANSLATE_NOOP("MainWindow", "Batch entry…"), "edit",
               lambda w: w._batch_entry(), ("Ctrl+Shift+N",)),
    ActionSpec("find", QT_TRANSLATE_NOOP("MainWindow", "Find"), "edit",
               lambda w: w._find(), (QKeySequence.StandardKey.Find,), separator_before=True),
    ActionSpec("deleted", QT_TRANSLATE_NOOP("MainWindow", "Show deleted rows"), "edit",
               lambda w: w._toggle_deleted(w.act_deleted.isChecked()), checkable=True,
               no_shortcut="a view switch with its own button on every page"),
    ActionSpec("columns", QT_TRANSLATE_NOOP("MainWindow", "Columns…"), "view",
               lambda w: w._columns(), separator_before=True,
               no_shortcut="also on the table header's context menu"),
    ActionSpec("guide", QT_TRANSLATE_NOOP("MainWindow", "User guide"), "help",
               lambda w: w.show_help(), ("F1",)),
    ActionSpec("about", QT_TRANSLATE_NOOP("MainWindow", "About CommDesk"), "help",
               lambda w: w.about(), no_shortcut="rarely used; in the menu"),
    ActionSpec("about_qt", QT_TRANSLATE_NOOP("MainWindow", "About Qt"), "help",
               lambda _w: QApplication.aboutQt(), no_shortcut="rarely used; in the menu"),
)  # fmt: skip


def _certificates(window: MainWindow, what: str) -> object:
    """志愿服务记录证明 (imported when used: the paper layer is not needed at start-up)."""
    from commdesk.ui.certificate_register import run_from_window

    return run_from_window(window, what)


def _accounts(window: MainWindow) -> object:
    from commdesk.ui.accounts_dialog import AccountsDialog

    dialog = AccountsDialog(window.ctx.store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def key_sequences(keys: tuple[Key, ...]) -> list[QKeySequence]:
    """Every binding of the declared keys (a standard key may have several per platform)."""
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences += QKeySequence.keyBindings(key)
        else:
            sequences.append(QKeySequence(key))
    return sequences


MENUS: tuple[tuple[str, Marked], ...] = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "&File")),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "&View")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "&Help")),
)
