"""The one background runner: results, errors and progress come back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from commdesk.ui.tasks import BackgroundTasks

ROOT = Path(__file__).resolve().parents[2]


def test_results_errors_and_progress_arrive_on_the_gui_thread(qapp: Any) -> None:
    tasks = BackgroundTasks()
    gui = threading.get_ident()
    seen: list[tuple[str, Any, bool]] = []
    busy: list[bool] = []
    tasks.busy_changed.connect(lambda: busy.append(tasks.is_busy()))

    def counting(report: Callable[[int, int], None]) -> int:
        for i in range(3):
            report(i + 1, 3)
        return 42

    def failing() -> None:
        raise ValueError("bad cell")

    def note(kind: str) -> Callable[..., None]:
        return lambda *values: seen.append((kind, values, threading.get_ident() == gui))

    tasks.run(None, counting, note("done"), note("fail"), progress=note("progress"))
    tasks.run(None, failing, note("done"), note("fail"))
    assert tasks.is_busy()
    assert tasks.finish()
    assert not tasks.is_busy() and busy[-1] is False
    kinds = [kind for kind, _v, _t in seen]
    assert kinds == ["progress", "progress", "progress", "done", "fail"]
    assert seen[3][1] == (42,) and isinstance(seen[4][1][0], ValueError)
    assert all(on_gui for _k, _v, on_gui in seen)


def test_a_channel_keeps_only_the_latest_task_and_none_keeps_all(qapp: Any) -> None:
    tasks = BackgroundTasks()
    gate = threading.Event()
    results: list[str] = []
    tasks.run("search", lambda: gate.wait(5) and "first", results.append, print)
    tasks.run("search", lambda: "second", results.append, print)
    tasks.run(None, lambda: "export a", results.append, print)
    tasks.run(None, lambda: "export b", results.append, print)
    gate.set()
    assert tasks.finish()
    assert results == ["second", "export a", "export b"]


def test_no_other_runner_is_left_in_the_pages() -> None:
    """One runner: no page builds its own thread pool or relay any more."""
    offenders = [
        path.name
        for path in (ROOT / "commdesk").rglob("*.py")
        if path.name != "tasks.py"
        and any(word in path.read_text(encoding="utf-8") for word in ("QThreadPool", "QRunnable"))
    ]
    assert offenders == []
