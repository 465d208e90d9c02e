"""One worker thread per owner, with superseding channels.

A task started on a *channel* supersedes the channel's earlier tasks: their
results are dropped and, if they have not started yet, they never run — so a
clerk typing a search or flicking through combos does not queue up stale work.
Results come back on the GUI thread through queued signals.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Superseded(Exception):
    """A newer task on the same channel was started before this one ran."""


class BackgroundTasks(QObject):
    """Runs callables on one worker thread and hands results back on the GUI thread."""

    _done = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(
        self, parent: QObject | None = None, *, expected: tuple[type[Exception], ...] = ()
    ) -> None:
        super().__init__(parent)
        self._expected = expected
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._done.connect(self._on_done)
        self._failed.connect(self._on_failed)

    def run(
        self,
        channel: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_fail: Callable[[Exception], None],
    ) -> int:
        """Start ``work`` in the background; exactly one callback runs unless superseded."""
        task_id = next(self._ids)
        self._latest[channel] = task_id
        self._callbacks[task_id] = (on_done, on_fail)
        latest, done, failed, expected = self._latest, self._done, self._failed, self._expected

        def job() -> None:
            try:
                if latest.get(channel) != task_id:
                    raise _Superseded
                result = work()
            except _Superseded:
                failed.emit(task_id, _Superseded())
            except Exception as exc:  # shown on the page, never a traceback
                if not isinstance(exc, expected):
                    log.exception("background task failed")
                failed.emit(task_id, exc)
            else:
                done.emit(task_id, result)

        self._pool.start(job)
        return task_id

    def forget(self, channel: str) -> None:
        """Drop the result of the channel's running task (the page moved on)."""
        self._latest.pop(channel, None)

    def is_busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = 60_000) -> bool:
        """Block until the worker is idle (closing the wizard, tests)."""
        return self._pool.waitForDone(msecs)

    def finish(self, msecs: int = 10_000) -> bool:
        """Wait for the worker, then run the callbacks it queued (tests, self-test)."""
        done = self._pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents()
        return done

    def _current(self, task_id: int) -> bool:
        return task_id in self._latest.values()

    def _on_done(self, task_id: int, result: Any) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is not None and self._current(task_id):
            callbacks[0](result)

    def _on_failed(self, task_id: int, exc: Exception) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is not None and self._current(task_id) and not isinstance(exc, _Superseded):
            callbacks[1](exc)
