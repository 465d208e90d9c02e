"""What the GUI session scripts share: message boxes answered and printed, and an
action run once the real window is shown, started through the console entry point.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _message(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
    print("MESSAGE:", " ".join(text.split()), flush=True)
    return QMessageBox.StandardButton.Ok


def answer_messages() -> None:
    """Warnings and errors are printed and answered, never left waiting for a click."""
    QMessageBox.warning = _message  # type: ignore[method-assign]
    QMessageBox.critical = _message  # type: ignore[method-assign]


def run_when_shown(action: Callable[[], None], data_dir: Path) -> NoReturn:
    """Start ``commdesk --data-dir data_dir``; run ``action`` once its window is shown.

    A failure ends the process with its traceback (exit 3), never a dialog.
    """

    def guarded() -> None:
        try:
            action()
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(3)

    def when_window_shown() -> None:
        # Poll: the start-up check's busy dialog runs event loops before the window exists.
        from commdesk.ui.main_window import MainWindow

        widgets = QApplication.topLevelWidgets()
        if any(isinstance(w, MainWindow) and w.isVisible() for w in widgets):
            guarded()
        else:
            QTimer.singleShot(50, when_window_shown)

    QTimer.singleShot(0, when_window_shown)
    from commdesk.cli.registry import main

    sys.exit(main(["--data-dir", str(data_dir)]))
