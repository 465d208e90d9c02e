"""One GUI session through the console entry point that only opens and closes.

``python close_session.py DATA_DIR [change]``: starts ``commdesk --data-dir DATA_DIR``,
optionally changes one field of one volunteer team through its service once the
window is up, then closes the window. Every busy dialog shown (the start-up check,
the backup of the close) prints ``BUSY: <its text>``.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

DATA = Path(sys.argv[1])
CHANGE = "change" in sys.argv[2:]
_show = QProgressDialog.show


def _busy(self: QProgressDialog) -> None:
    print("BUSY:", self.labelText(), flush=True)
    _show(self)


def _message(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
    print("MESSAGE:", " ".join(text.split()), flush=True)
    return QMessageBox.StandardButton.Ok


QProgressDialog.show = _busy  # type: ignore[method-assign]
QMessageBox.warning = _message  # type: ignore[method-assign]
QMessageBox.critical = _message  # type: ignore[method-assign]


def close() -> None:
    try:
        from commdesk.store.services.volunteers import teams
        from commdesk.ui.main_window import MainWindow

        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        if CHANGE:
            first = teams.query(window.ctx.store)[0]
            teams.update(window.ctx.store, first["id"], {"leader": f"{first['leader'] or ''}改"})
        print("CLOSING", flush=True)
        window.close()
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(3)


def when_window_shown() -> None:
    """Poll: the start-up check's busy dialog runs event loops before the window exists."""
    from commdesk.ui.main_window import MainWindow

    if any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()):
        close()
    else:
        QTimer.singleShot(50, when_window_shown)


QTimer.singleShot(0, when_window_shown)

from commdesk.cli.registry import main  # noqa: E402

sys.exit(main(["--data-dir", str(DATA)]))
