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

Another program (the sqlite3 shell, a script, DB Browser) writes without renewing the
token, so "unchanged" also needs the file's word for it. Before the copy, the WAL is
folded into the file and truncated (a TRUNCATE checkpoint); the file's identity (device,
inode, size, modification time) and the WAL's size (then 0) are kept beside the mark,
and only if they are the same again after the copy. Any later commit, by anyone, either
still sits in the WAL (its size is no longer 0) or was checkpointed into the file (its
time and perhaps size changed; replacing the file changes the inode), so equal states
mean nothing was committed since. Reading changes neither. Only a write and its
checkpoint within one tick of the file system's clock, leaving the size as it was,
would pass unseen. Any doubt (a checkpoint a reader blocked, a write during the copy,
a state that cannot be read) keeps no state, and the next close backs up.
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
CHECKPOINT_WAIT = 0.2  # seconds a reader may delay the checkpoint before we give up
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


def file_state(database: Path) -> list[int] | None:
    """Device, inode, size and modification time of the file, and its WAL's size (0 when
    there is none); None when the file cannot be examined."""
    try:
        st = database.stat()
    except OSError:
        return None
    try:
        wal = database.with_name(database.name + "-wal").stat().st_size
    except FileNotFoundError:
        wal = 0
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, wal]


def settle(database: Path) -> list[int] | None:
    """Fold the WAL into the file and empty it, then return :func:`file_state`; None
    when that could not be done (a reader on an older snapshot, no permission)."""
    try:
        con = sqlite3.connect(
            f"file:{database}?mode=rw", uri=True, timeout=CHECKPOINT_WAIT, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return None if busy else file_state(database)


def _marker(data_dir: Path) -> Path:
    return Path(data_dir) / "backups" / MARKER_FILE


def record_backup(data_dir: Path, backup: Path, live: list[int] | None) -> None:
    """Keep the verified backup's mark (read from the copy itself) beside it, with the
    live file's state it was copied from (None: not known for sure)."""
    mark = read_mark(backup)
    target = _marker(data_dir)
    if mark is None:
        with contextlib.suppress(OSError):
            target.unlink()
        return
    temp = target.with_name(f".{target.name}.part")
    state = {"file": backup.name, "size": backup.stat().st_size, "mark": mark, "live": live}
    temp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temp, target)


def unchanged_since_backup(data_dir: Path, database: Path) -> bool:
    """True only when the last verified backup is still there and holds exactly what
    ``database`` holds now; any doubt (no marker, no mark, a missing copy, a file or WAL
    not as it was after that backup) is False."""
    try:
        state = json.loads(_marker(data_dir).read_text(encoding="utf-8"))
        copy = _marker(data_dir).with_name(Path(str(state["file"])).name)
        if copy.stat().st_size != state["size"]:
            return False
        live = state["live"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if live is None or file_state(database) != live:
        return False
    mark = read_mark(database)
    return mark is not None and mark == state["mark"]
