"""Local copies of a server's database, and opening one read-only when the server is away.

A PC that works on a server keeps SQLite copies of it in the data folder's
``backups/`` (the same file ``commdesk --database URL backup`` writes), named
after the server so the copy of one committee is never shown for another.
When the server cannot be reached at start, the newest copy opens read-only:
SQLite's ``mode=ro`` plus ``PRAGMA query_only``, so nothing can write to it.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.paths import PART_SUFFIX
from commdesk.store.backups import BACKUP_DIR
from commdesk.store.engine import Store, StoreError, read_schema_revision
from commdesk.store.schema_version import HEAD_REVISION

PREFIX = "commdesk-server"
_STAMP = re.compile(r"-(\d{8}-\d{6})$")
KEEP = 7  # copies of each server kept; older ones are removed after a good new one


@dataclass(frozen=True)
class ServerCopy:
    path: Path
    taken_at: datetime


def server_tag(url: str) -> str:
    """``cd001-1a2b3c4d``: the database name and a hash of where it lives (no password)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    where = f"{u.host or u.query.get('host') or ''}:{u.port or 5432}/{u.database or ''}"
    name = re.sub(r"[^A-Za-z0-9_]+", "_", u.database or "db")[:40]
    return f"{name}-{hashlib.sha1(where.encode()).hexdigest()[:8]}"


def _copies(data_dir: Path, url: str) -> list[ServerCopy]:
    folder = Path(data_dir) / BACKUP_DIR
    found = []
    for path in folder.glob(f"{PREFIX}-{server_tag(url)}-*.sqlite"):
        match = _STAMP.search(path.stem)
        try:
            stamp = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None
        except ValueError:
            stamp = None
        if stamp is None:
            continue
        found.append(ServerCopy(path, stamp))
    return sorted(found, key=lambda c: c.taken_at, reverse=True)


def newest_copy(data_dir: Path, url: str) -> ServerCopy | None:
    """The newest local copy of the server database at ``url``, if any."""
    copies = _copies(data_dir, url)
    return copies[0] if copies else None


def copy_server(data_dir: Path, url: str, now: datetime) -> Path:
    """Write a verified SQLite copy of the server into ``backups/``; keep the newest few.

    Written under a ``.part`` name and renamed when every table matched, so a
    half-written copy is never offered as the newest.
    """
    from commdesk.store.transfer import pull

    folder = Path(data_dir) / BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{PREFIX}-{server_tag(url)}-{now:%Y%m%d-%H%M%S}.sqlite"
    part = folder / f".{final.name}{PART_SUFFIX}"
    part.unlink(missing_ok=True)
    try:
        bad = [c.table for c in pull(url, part) if not c.ok]
        if bad:
            raise StoreError(
                translate("Store", "The copy of the server differs in: {tables}").format(
                    tables=", ".join(bad)
                )
            )
        part.replace(final)
    finally:
        part.unlink(missing_ok=True)
    for old in _copies(data_dir, url)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return final


def _connect_read_only(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    con.isolation_level = None
    con.execute("PRAGMA query_only=ON")
    return con


def open_read_only(data_dir: Path, copy: Path) -> Store:
    """A store on ``copy`` that refuses every write (the file is opened ``mode=ro``)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    revision = read_schema_revision(copy)
    if revision != HEAD_REVISION:
        raise StoreError(
            translate(
                "Store", "The backup {name} is from another version of CommDesk ({revision})."
            ).format(name=copy.name, revision=revision)
        )
    engine = create_engine("sqlite://", creator=lambda: _connect_read_only(copy),
                           poolclass=NullPool)  # fmt: skip

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")

    return Store(Path(data_dir), engine, read_only=copy)
