"""The one way pages run work off the GUI thread (in the manner of Anki's CollectionOp/QueryOp).

Every page (ledger totals, overview, returns, consolidation, the import wizard)
owns one :class:`BackgroundTasks`: a single worker thread, results and errors
handed back on the GUI thread through queued signals, optional progress, and a
``busy_changed`` signal the page's buttons follow.

A task started on a *channel* supersedes the channel's earlier tasks: their
results are dropped and, if they have not started yet, they never run — so a
clerk typing a search or flicking through combos does not queue up stale work.
A task without a channel (``None``) is never superseded: every export and every
check delivers its result.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # done, total


class _Superseded(Exception):
    """A newer task on the same channel was started before this one ran."""


class BackgroundTasks(QObject):
    """Runs callables on one worker thread and hands results back on the GUI thread."""

    busy_changed = Signal()  # a task started, or one's result is about to be delivered
    _done = Signal(int, object)
    _failed = Signal(int, object)
    _progress = Signal(int, int, int)  # task id, done, total

    def __init__(
        self, parent: QObject | None = None, *, expected: tuple[type[Exception], ...] = ()
    ) -> None:
        super().__init__(parent)
        self._expected = expected
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._tasks: dict[int, _Task] = {}
        self._done.connect(self._on_done)
        self._failed.connect(self._on_failed)
        self._progress.connect(self._on_progress)

    def run(
        self,
        channel: str | None,
        work: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_fail: Callable[[Exception], None],
        *,
        progress: Progress | None = None,
    ) -> int:
        """Start ``work`` in the background; exactly one callback runs unless superseded.

        With ``progress``, ``work`` is called with a ``report(done, total)`` function
        (safe to call from the worker) whose reports reach ``progress`` on the GUI thread.
        """
        task_id = next(self._ids)
        key = channel if channel is not None else f"#{task_id}"
        self._latest[key] = task_id
        self._tasks[task_id] = _Task(key, on_done, on_fail, progress)
        latest, done, failed, expected = self._latest, self._done, self._failed, self._expected
        emit_progress = self._progress.emit

        def report(step: int, total: int) -> None:
            with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
                emit_progress(task_id, step, total)

        def job() -> None:
            try:
                if latest.get(key) != task_id:
                    raise _Superseded
                result = work(report) if progress is not None else work()
            except _Superseded:
                deliver(failed, _Superseded())
            except Exception as exc:  # shown by the page, never a traceback
                if "interrupted" in str(exc):  # the store closed under a read: the exit
                    log.debug("background read stopped by the store closing")
                elif not isinstance(exc, expected):
                    log.exception("background task failed")
                deliver(failed, exc)
            else:
                deliver(done, result)

        def deliver(signal: Any, value: Any) -> None:
            try:
                signal.emit(task_id, value)
            except RuntimeError:  # the page was closed meanwhile (a quick close): nobody waits
                log.debug("result of a task whose page is gone dropped")

        self._pool.start(job)
        self.busy_changed.emit()
        return task_id

    def forget(self, channel: str) -> None:
        """Drop the result of the channel's running task (the page moved on)."""
        self._latest.pop(channel, None)

    def is_busy(self) -> bool:
        return bool(self._tasks)

    def wait(self, msecs: int = 60_000) -> bool:
        """Block until the worker is idle (closing the wizard, tests)."""
        return self._pool.waitForDone(msecs)

    def finish(self, msecs: int = 10_000) -> bool:
        """Wait for the worker, then run the callbacks it queued (tests, self-test)."""
        done = self._pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents()
        return done

    def _take(self, task_id: int) -> _Task | None:
        """The finished task's record if its result is still wanted."""
        task = self._tasks.pop(task_id, None)
        if task is None:
            return None
        current = self._latest.get(task.key) == task_id
        if current:
            del self._latest[task.key]
        self.busy_changed.emit()
        return task if current else None

    def _on_done(self, task_id: int, result: Any) -> None:
        task = self._take(task_id)
        if task is not None:
            task.on_done(result)

    def _on_failed(self, task_id: int, exc: Exception) -> None:
        task = self._take(task_id)
        if task is not None and not isinstance(exc, _Superseded):
            task.on_fail(exc)

    def _on_progress(self, task_id: int, done: int, total: int) -> None:
        task = self._tasks.get(task_id)
        if task is not None and task.progress is not None and self._latest.get(task.key) == task_id:
            task.progress(done, total)


class _Task:
    __slots__ = ("key", "on_done", "on_fail", "progress")

    def __init__(
        self,
        key: str,
        on_done: Callable[[Any], None],
        on_fail: Callable[[Exception], None],
        progress: Progress | None,
    ) -> None:
        self.key, self.on_done, self.on_fail, self.progress = key, on_done, on_fail, progress


def run_with_busy_dialog(text: str, work: Callable[[], Any], parent: QObject | None = None) -> Any:
    """Run ``work`` on a worker while a dialog says what is happening, and wait for it.

    For the moments the clerk must wait anyway (the start-up check, the backup of a
    close): the window keeps painting and the wait is explained. Returns the result,
    or raises the worker's exception here on the GUI thread.
    """
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(text, "", 0, 0)
    dialog.setWindowTitle("CommDesk")
    dialog.setCancelButton(None)  # neither a check nor a verified copy is cut short
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    outcome: list[Any] = []
    loop = QEventLoop()
    runner = BackgroundTasks(parent)

    def finished(result: Any) -> None:
        outcome.append(result)
        loop.quit()

    runner.run(None, work, finished, lambda exc: finished(_Failure(exc)))
    if not outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    runner.deleteLater()
    result = outcome[0]
    if isinstance(result, _Failure):
        raise result.exc
    return result


class _Failure:
    """The worker's exception, carried back to be raised on the GUI thread."""

    __slots__ = ("exc",)

    def __init__(self, exc: Exception) -> None:
        self.exc = exc
