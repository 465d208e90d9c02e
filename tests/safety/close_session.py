"""One GUI session through the console entry point that only opens and closes.

``python close_session.py DATA_DIR [change]``: starts ``commdesk --data-dir DATA_DIR``,
optionally changes one field of one volunteer team through its service once the
window is up, then closes the window. Every busy dialog shown (the start-up check,
the backup of the close) prints ``BUSY: <its text>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QProgressDialog
from window_driver import answer_messages, run_when_shown

DATA = Path(sys.argv[1])
CHANGE = "change" in sys.argv[2:]
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
    print("CLOSING", flush=True)
    window.close()


run_when_shown(close, DATA)
