"""The real start (console entry point) until the first page is painted, then the
modules loaded at that moment, one per line after ``MODULES``; the start then runs
on (``--measure-startup``: the full window, then a normal close).

``python first_paint_modules.py DATA_DIR``.
"""

from __future__ import annotations

import sys

import commdesk.ui.first_window as first_window


def _report(window: first_window.FirstWindow) -> None:
    print("PAINTED", flush=True)
    print("MODULES", *sorted(sys.modules), "END", sep="\n", flush=True)


first_window.FirstWindow.on_painted = _report  # type: ignore[method-assign]

from commdesk.cli.registry import main  # noqa: E402

sys.exit(main(["--data-dir", sys.argv[1], "--measure-startup"]))
