"""The real start (console entry point) until the first page is painted, then the
modules loaded at that moment, one per line after ``MODULES``, and quit.

``python first_paint_modules.py DATA_DIR``.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

import commdesk.app


def _watch_first_paint(app: QApplication, window: object) -> None:
    page = window.centralWidget()  # type: ignore[attr-defined]
    start = time.monotonic()
    done: list[bool] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        if done:
            return
        done.append(True)
        print(f"PAINTED {time.monotonic() - start:.3f}s after the window was built", flush=True)
        print("MODULES", *sorted(sys.modules), sep="\n", flush=True)
        app.quit()

    filter_ = FirstPaint(page)
    page.installEventFilter(filter_)
    for child in page.findChildren(QObject):
        if hasattr(child, "installEventFilter") and hasattr(child, "isVisible"):
            child.installEventFilter(filter_)


commdesk.app._report_first_paint = _watch_first_paint  # type: ignore[attr-defined]

from commdesk.cli.registry import main  # noqa: E402

sys.exit(main(["--data-dir", sys.argv[1], "--measure-startup"]))
