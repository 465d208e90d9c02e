"""Crash-test child: plan an import of a CSV, then commit it in one transaction.

Forked by zygote.py as ``child_import:run`` with ``DATA_DIR FILE.csv``. Emits
``plan N`` once the plan is ready, ``progress DONE`` after each batch inside
the transaction, and ``done`` after the commit; the test kills it in between.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from commdesk.importing import commit as commit_module
from commdesk.importing.commit import commit_import
from commdesk.importing.plan import plan_import
from commdesk.store.engine import open_store


def run(args: list[str], emit: Callable[[str], None]) -> None:
    store = open_store(Path(args[0]))
    plan = plan_import(store, "services", Path(args[1]))
    commit_module.BATCH = 250  # more progress lines, so the test can aim inside the commit
    emit(f"plan {len(plan.to_add)}")
    commit_import(store, plan, progress=lambda done, _total: emit(f"progress {done}"))
    emit("done")
