"""Disk-trouble child: run one CLI command with a file-size limit (a "full disk").

Forked by zygote.py as ``child_disk:run`` with ``LIMIT_BYTES DATA_DIR ARGV…``.
The database is opened once first, as the running program would have it, so
SQLite's shared-memory file exists before the limit; then every write past
``LIMIT_BYTES`` fails with EFBIG (SIGXFSZ ignored), like a full disk. Emits a
JSON line with the exit status and what the command printed on stderr.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path


def run(args: list[str], emit: Callable[[str], None]) -> None:
    limit, data_dir, argv = int(args[0]), Path(args[1]), args[2:]
    con = sqlite3.connect(data_dir / "commdesk.sqlite")
    con.execute("SELECT count(*) FROM audit_log").fetchone()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from commdesk.cli import main

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(["--data-dir", str(data_dir), *argv])
        except SystemExit as exc:
            code = int(exc.code or 0)
    con.close()
    emit(json.dumps({"code": code, "stderr": err.getvalue(), "stdout": out.getvalue()}))


def run_roster(args: list[str], emit: Callable[[str], None]) -> None:
    """``LIMIT DATA_DIR OUT.xlsx``: the volunteer roster export under the same limit."""
    from commdesk.store.catalogue_store import load_catalogues
    from commdesk.store.engine import open_store
    from commdesk.store.services.base import Query
    from commdesk.store.services.roster_export import export_roster
    from commdesk.store.services.volunteers import volunteers

    limit, data_dir, out = int(args[0]), Path(args[1]), Path(args[2])
    store = open_store(data_dir)
    catalogues = load_catalogues(store)
    con = sqlite3.connect(data_dir / "commdesk.sqlite")
    con.execute("SELECT count(*) FROM audit_log").fetchone()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    err = io.StringIO()
    result: dict[str, object] = {"error": None}
    with contextlib.redirect_stderr(err):
        try:
            result["rows"] = export_roster(store, volunteers, Query(limit=None), out, catalogues)
        except Exception as exc:
            result.update(error=type(exc).__name__, oserror=isinstance(exc, OSError), text=str(exc))
        import gc

        gc.collect()  # finaliser noise of a failed writer lands in ``err`` too
    result["stderr"] = err.getvalue()
    emit(json.dumps(result))


def run_audit(args: list[str], emit: Callable[[str], None]) -> None:
    """``LIMIT DATA_DIR OUT.xlsx``: the audit-log export under the same limit."""
    from commdesk.store.engine import open_store
    from commdesk.store.services.audit_log import export_xlsx

    limit, data_dir, out = int(args[0]), Path(args[1]), Path(args[2])
    store = open_store(data_dir)
    con = sqlite3.connect(data_dir / "commdesk.sqlite")
    con.execute("SELECT count(*) FROM audit_log").fetchone()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    err = io.StringIO()
    result: dict[str, object] = {"error": None}
    with contextlib.redirect_stderr(err):
        try:
            result["rows"] = export_xlsx(store, None, out)
        except Exception as exc:
            result.update(error=type(exc).__name__, oserror=isinstance(exc, OSError), text=str(exc))
        import gc

        gc.collect()
    result["stderr"] = err.getvalue()
    emit(json.dumps(result))
