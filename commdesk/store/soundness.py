"""Is the database damaged, or only out of reach? And was there one at all?

Only real damage (SQLite's ``quick_check`` failing, "file is not a database",
"malformed") may move a database aside. A lock held by another program, a
file or folder this account may not read or write, or a disk error say so and
leave the file alone: moving a healthy file would steer the clerk to an older
backup. A marker written when a database is first created records that ledgers
existed, so a missing or zero-byte file is never silently rebuilt empty.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.paths import DB_FILE_NAME

CREATED_MARKER = "commdesk.created"
# Damage a full check found, kept for the cheaper checks before every write:
# quick_check does not read index contents, integrity_check does (seconds on a big file).
DAMAGE_MARKER = "commdesk.damaged"

# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _PERM, _READONLY, _IOERR, _CANTOPEN, _AUTH = 5, 6, 3, 8, 10, 14, 23
_ACCESS_CODES = {_PERM, _READONLY, _CANTOPEN, _AUTH}


def unavailable_reason(exc: BaseException, path: Path) -> str | None:
    """Why ``path`` cannot be used just now, or None when ``exc`` may mean damage.

    A lock, a permission problem, a read-only folder or a disk error is not damage.
    """
    if isinstance(exc, OSError):
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return _access(path)
        return translate("Store", "{name} cannot be read: {error}").format(
            name=path.name, error=exc.strerror or exc
        )
    if not isinstance(exc, sqlite3.Error):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    if code in (_BUSY, _LOCKED) or "locked" in text or "busy" in text:
        return translate(
            "Store",
            "{name} is in use by another program (the database is locked); "
            "close it and try again. Nothing was changed.",
        ).format(name=path.name)
    if code in _ACCESS_CODES or "unable to open" in text or "readonly" in text:
        return _access(path)
    if code == _IOERR or "disk i/o error" in text:
        return translate(
            "Store",
            "the disk reported an error while reading {name} ({error}); nothing was changed",
        ).format(name=path.name, error=exc)
    return None


def _access(path: Path) -> str:
    return translate(
        "Store",
        "{name} or its folder cannot be opened by this account (permissions, or a read-only "
        "folder: the database needs its -wal and -shm files beside it). Nothing was changed.",
    ).format(name=path.name)


def mark_created(data_dir: Path) -> None:
    """Record, once, that this folder holds ledgers (see :func:`lost`)."""
    marker = Path(data_dir) / CREATED_MARKER
    if marker.exists():
        return
    with contextlib.suppress(OSError):  # a read-only folder: the database says it all
        marker.write_text("CommDesk created a database in this folder.\n", encoding="utf-8")


def lost(data_dir: Path) -> bool:
    """True when the database is missing or empty (zero bytes) though one existed."""
    if not (Path(data_dir) / CREATED_MARKER).exists():
        return False
    path = Path(data_dir) / DB_FILE_NAME
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def empty_file(path: Path) -> bool:
    """A zero-byte database file (what SQLite would silently fill with a new schema)."""
    try:
        return os.stat(path).st_size == 0
    except OSError:
        return False


def forget_lost(data_dir: Path) -> None:
    """The clerk chose empty ledgers over a backup: a new database may be created.

    Only a zero-byte file is removed (it holds nothing); anything else stays.
    """
    path = Path(data_dir) / DB_FILE_NAME
    if empty_file(path):
        path.unlink()
    (Path(data_dir) / CREATED_MARKER).unlink(missing_ok=True)


def _identity(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_size} {st.st_mtime_ns}"


def mark_damaged(path: Path, reason: str) -> None:
    """Remember that a full check found ``path`` damaged, for as long as it is that file.

    The marker names the file's size and time, so a restored or replaced database is
    not held by it.
    """
    with contextlib.suppress(OSError):  # a read-only folder: the next full check says it again
        marker = Path(path).parent / DAMAGE_MARKER
        marker.write_text(f"{_identity(path)}\n{reason}\n", encoding="utf-8")


def known_damage(path: Path) -> str | None:
    """The damage a full check recorded for this very file, or None."""
    try:
        stamp, reason = (Path(path).parent / DAMAGE_MARKER).read_text("utf-8").split("\n", 1)
        return reason.strip() if stamp == _identity(path) else None
    except (OSError, ValueError):
        return None
