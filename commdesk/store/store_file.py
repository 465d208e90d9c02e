"""The database file's errors and place, and its schema stamp: no SQLAlchemy here.

The folder lock, the start-up check and the first page read these before the
ORM is imported (the window paints without it); ``engine`` re-exports them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.paths import DB_FILE_NAME


class StoreError(Exception):
    """The database cannot be used: damaged, locked, too new, or not a database."""


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILE_NAME


def read_schema_revision(path: Path) -> str | None:
    """The Alembic revision stamped in the file, read without importing Alembic."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return version[0] if version else None
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            translate("Store", "{name} is not a readable CommDesk database ({error})").format(
                name=path.name, error=exc
            )
        ) from exc
    finally:
        con.close()
