"""One GUI session through the console entry point that only opens and closes.

``python close_session.py DATA_DIR [change] [browse] [foreign=TEXT]``: starts
``commdesk --data-dir DATA_DIR``; once the window is up, optionally changes one field
of one volunteer team through its service (``change``), walks the sidebar's pages
with the arrow key (``browse``), or has another program (a plain sqlite3 connection in
a second process) set the first team's leader to TEXT (``foreign=TEXT``); then closes
the window. Every busy dialog shown (the start-up check, the backup of the close)
prints ``BUSY: <its text>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from other_program import other_program
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog
from window_driver import answer_messages, run_when_shown

DATA = Path(sys.argv[1])
CHANGE = "change" in sys.argv[2:]
BROWSE = "browse" in sys.argv[2:]
FOREIGN = next((a.split("=", 1)[1] for a in sys.argv[2:] if a.startswith("foreign=")), None)
_show = QProgressDialog.show


def _busy(self: QProgressDialog) -> None:
    print("BUSY:", self.labelText(), flush=True)
    _show(self)


QProgressDialog.show = _busy  # type: ignore[method-assign]
answer_messages()


def close() -> None:
    from commdesk.store.services.volunteers import teams
    from commdesk.ui.main_window import MainWindow

    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    if CHANGE:
        first = teams.query(window.ctx.store)[0]
        teams.update(window.ctx.store, first["id"], {"leader": f"{first['leader'] or ''}改"})
    if BROWSE:
        window.sidebar.setFocus()
        for _ in range(window.sidebar.count()):
            QTest.keyClick(window.sidebar, Qt.Key.Key_Down)
            QTest.qWait(300)
        print("BROWSED", window.sidebar.currentRow() + 1, flush=True)
    if FOREIGN is not None:
        other_program(DATA, FOREIGN)
    print("CLOSING", flush=True)
    window.close()


run_when_shown(close, DATA)
