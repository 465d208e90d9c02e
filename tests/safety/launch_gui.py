"""A second (or damaged-start) launch of the real GUI, with its message boxes patched.

``python launch_gui.py DATA_DIR [quit-on-damage]``: message boxes print
``MESSAGE: …`` instead of waiting for a click; with ``quit-on-damage`` the
damaged-database dialog prints ``DAMAGED: …`` and answers Quit.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox


def _message(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
    print("MESSAGE:", " ".join(text.split()), flush=True)
    return QMessageBox.StandardButton.Ok


QMessageBox.warning = _message  # type: ignore[method-assign]
QMessageBox.critical = _message  # type: ignore[method-assign]

if "quit-on-damage" in sys.argv[2:]:
    from commdesk.ui import backup_dialogs

    def _quit(self: Any) -> int:
        print("DAMAGED:", self.recovery.damaged.name, flush=True)
        self.choice = self.QUIT
        return 0

    backup_dialogs.DamagedDialog.exec = _quit  # type: ignore[method-assign]

from commdesk.app import run_gui  # noqa: E402

sys.exit(run_gui(Path(sys.argv[1])))
