"""Has the database changed since the last verified backup? Without reading 300 MB.

Every transaction that changes a row also sets a fresh random token in the one-row
``change_mark`` table, inside the same transaction (so a committed change always
carries a new token, and a rolled-back one never does). The engine does this for
every SQLAlchemy transaction; a writer on a raw connection calls :func:`bump`
before it commits. A transaction that changed the schema (a migration) renews it too.

After each verified automatic backup, the mark read *from the backup copy* is kept
in ``backups/last-verified.json``; on close, the live mark is compared with it
(one row read). Equal marks mean equal contents: a random token cannot repeat, and
a restored older backup carries that backup's token, not the latest one's.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

TABLE = "change_mark"
MARKER_FILE = "last-verified.json"
_BUMP = f"UPDATE {TABLE} SET counter = counter + 1, token = lower(hex(randomblob(16))) WHERE id = 1"


def bump(con: sqlite3.Connection) -> None:
    """Record a change inside the caller's open transaction (before it commits)."""
    try:
        con.execute(_BUMP)
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):  # a database older than migration 0010
            raise


def install(engine: Engine) -> None:
    """Bump the mark in every engine transaction that changed a row."""

    @event.listens_for(engine, "begin")
    def _remember(conn: Any) -> None:
        conn.info["state_at_begin"] = _state(conn.connection.dbapi_connection)

    @event.listens_for(engine, "commit")
    def _mark(conn: Any) -> None:
        raw = conn.connection.dbapi_connection
        if _state(raw) != conn.info.pop("state_at_begin", None):
            bump(raw)


def only_read(con: sqlite3.Connection, info: dict[str, Any]) -> bool:
    """Whether the transaction open on ``con`` (another thread's) has changed nothing yet."""
    state = info.get("state_at_begin")
    try:
        return state is not None and con.total_changes == state[0]
    except sqlite3.Error:
        return False


def _state(con: sqlite3.Connection) -> tuple[int, int]:
    """Rows changed on this connection so far, and the schema's version (DDL)."""
    return con.total_changes, con.execute("PRAGMA schema_version").fetchone()[0]


def read_mark(path: Path) -> list[Any] | None:
    """``[token, counter]`` of a database file; None when unreadable."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute(f"SELECT token, counter FROM {TABLE} WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if row is None or row[0] is None:
        return None
    return [row[0], row[1]]


def _marker(data_dir: Path) -> Path:
    return Path(data_dir) / "backups" / MARKER_FILE


def record_backup(data_dir: Path, backup: Path) -> None:
    """Keep the verified backup's mark (read from the copy itself) beside it."""
    mark = read_mark(backup)
    target = _marker(data_dir)
    if mark is None:
        with contextlib.suppress(OSError):
            target.unlink()
        return
    temp = target.with_name(f".{target.name}.part")
    state = {"file": backup.name, "size": backup.stat().st_size, "mark": mark}
    temp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temp, target)


def unchanged_since_backup(data_dir: Path, database: Path) -> bool:
    """True only when the last verified backup is still there and holds exactly what
    ``database`` holds now; any doubt (no marker, no mark, a missing copy) is False."""
    try:
        state = json.loads(_marker(data_dir).read_text(encoding="utf-8"))
        copy = _marker(data_dir).with_name(Path(str(state["file"])).name)
        if copy.stat().st_size != state["size"]:
            return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    live = read_mark(database)
    return live is not None and live == state["mark"]
