"""matplotlib loaded on a worker a little after start, for the overview's charts.

Its import costs ~0.5 s; done in the background once the window is up, the
overview's first chart does not wait for it. Nothing here is imported at the
first paint but this module (Qt core only).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

from commdesk.ui.tasks import BackgroundTasks

PRELOAD_DELAY_MS = 2000  # after the window's first paint, before the clerk opens 概览


def preload_later(parent: QObject) -> None:
    """Schedule the load; it is dropped if ``parent`` goes first (a quick close)."""
    tasks = BackgroundTasks(parent)
    QTimer.singleShot(PRELOAD_DELAY_MS, parent, lambda: _start(tasks))


def _start(tasks: BackgroundTasks) -> None:
    if "matplotlib.backends.backend_qtagg" not in sys.modules:  # a failure is logged there
        tasks.run("charts", _load, lambda _result: None, lambda _exc: None)


def _load() -> None:
    from commdesk.ui.trend_charts import preload

    preload()
