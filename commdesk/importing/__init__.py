"""Importing clerks' legacy spreadsheets (rosters and service ledgers).

Public API (no Qt; the GUI wizard and the CLI both use it)::

    plan = plan_import(store, "volunteers", path, sheet=None, mapping=None,
                       update_duplicates=False)          # reads, writes nothing
    result = commit_import(store, plan, source_name=path.name,
                           progress=None, cancel=None)   # one transaction
    report = write_report(plan, default_report_path(data_dir, source))  # rejected rows

Layers: :mod:`.guards` (hostile files) → :mod:`.readers` (cells) →
:mod:`.table` (where the table is) → :mod:`.headers` (which column is which
field) → :mod:`.rows` (domain validation) → :mod:`.plan` (duplicates) →
:mod:`.commit` / :mod:`.report`; :mod:`.cli` is the ``commdesk import`` command.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Loaded on first use: ``commdesk --version`` builds the parser, which imports
# commdesk.importing.cli, and must not pay for SQLAlchemy, calamine and openpyxl.
_EXPORTS = {
    "ImportCancelled": "errors",
    "ImportFileError": "errors",
    "ImportPlan": "plan",
    "RejectedRow": "plan",
    "SkippedRow": "plan",
    "plan_import": "plan",
    "ImportResult": "commit",
    "commit_import": "commit",
    "SheetInfo": "readers",
    "list_sheets": "readers",
    "default_report_path": "report",
    "write_report": "report",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
