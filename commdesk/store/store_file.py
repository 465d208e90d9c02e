"""The database file's errors and place, and its schema stamp: no SQLAlchemy here.

The folder lock, the start-up check and the first page read these before the
ORM is imported (the window paints without it); ``engine`` re-exports them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from commdesk.domain.i18n import translate
from commdesk.paths import DB_FILE_NAME
from commdesk.store.schema_version import HEAD_REVISION

T = TypeVar("T")


class StoreError(Exception):
    """The database cannot be used: damaged, locked, too new, or not a database."""


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILE_NAME


def _read_only(path: Path, query: Callable[[sqlite3.Connection], T]) -> T:
    """``query`` on a read-only connection; an unreadable file is a StoreError."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return query(con)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            translate("Store", "{name} is not a readable CommDesk database ({error})").format(
                name=path.name, error=exc
            )
        ) from exc
    finally:
        con.close()


def read_schema_revision(path: Path) -> str | None:
    """The Alembic revision stamped in the file, read without importing Alembic."""

    def revision(con: sqlite3.Connection) -> str | None:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return version[0] if version else None

    return _read_only(path, revision)


def holds_tables(path: Path) -> bool:
    """Whether the SQLite file has any table (an empty one may become a CommDesk database)."""
    return _read_only(
        path,
        lambda con: (
            con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone() is not None
        ),
    )


# Not this program's schema is not damage: each says what it is and what to do.
def older_schema(path: Path, revision: str) -> str:
    """An older schema: say so, and what upgrades it."""
    return translate(
        "Store",
        "The database is at schema {revision}, older than this CommDesk's {head}; it is not "
        "damaged. Opening the data folder in CommDesk, or a command that reads its records "
        "(export, import, roster, briefing, certificate), upgrades it and keeps the old file "
        "as {name}.",
    ).format(revision=revision, head=HEAD_REVISION, name=f"{path.name}.before-upgrade-{revision}")


def newer_schema(revision: str | None) -> str:
    """A schema this program does not know: it needs another version."""
    return translate(
        "Store",
        "The database was made by a newer or unknown CommDesk version (schema {revision}; "
        "this version knows up to {head}); it is not damaged and nothing was changed. "
        "Open it with that CommDesk version or a newer one.",
    ).format(revision=revision or "-", head=HEAD_REVISION)


def not_commdesk(path: Path) -> str:
    """Someone else's SQLite file under CommDesk's name: not ours to change."""
    return translate(
        "Store",
        "{name} is not a CommDesk database: it holds other tables and no CommDesk schema "
        "version; it was left as it is.",
    ).format(name=path.name)
