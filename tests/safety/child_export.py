"""Crash-test child: export the return to the same file again and again.

Forked by zygote.py as ``child_export:run`` with ``DATA_DIR OUT.xlsx PERIOD``;
emits ``ready`` once the return is computed and ``written`` after each
complete export. The test kills it at random moments and checks that the
file under the final name is always a complete, readable return.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from commdesk.domain.periods import Period
from commdesk.returns import library
from commdesk.returns.export import export, prepare
from commdesk.store.engine import open_store


def run(args: list[str], emit: Callable[[str], None]) -> None:
    data_dir, out, period = Path(args[0]), Path(args[1]), Period.parse(args[2])
    store = open_store(data_dir)
    definition = library.current(data_dir)
    prepared = prepare(store, definition, period)
    notes = {w.code: "崩溃测试说明" for w in prepared.warnings}
    emit("ready")
    while True:
        export(store, definition, period, out, notes=notes, prepared=prepared)
        emit("written")
