"""Apply Alembic migrations safely.

One dedicated connection with foreign keys OFF (batch table rebuilds would
otherwise cascade deletes), one transaction for all revisions,
``PRAGMA foreign_key_check`` before commit, and a verified copy of the file
taken first and put back if anything fails. A server database is upgraded in
one transaction under an advisory lock (:func:`upgrade_server`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from commdesk.domain.i18n import translate
from commdesk.store.engine import StoreError, make_engine, read_schema_revision

if TYPE_CHECKING:
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def copy_database(src: Path, dest: Path) -> None:
    """A consistent copy through the SQLite backup API (WAL content included)."""
    tmp = dest.with_name(dest.name + ".tmp")
    source = sqlite3.connect(src)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    os.replace(tmp, dest)


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.unlink()


def upgrade(path: Path, target: str = "head") -> None:
    """Create or upgrade the database at ``path`` to ``target``."""
    from alembic import command

    existed = path.exists()
    backup: Path | None = None
    if existed:
        current = read_schema_revision(path)
        from commdesk.store.maintenance import known_revisions
        from commdesk.store.store_file import holds_tables, newer_schema, not_commdesk

        # No copy, no attempt on a file that is not ours to change.
        if current is not None and current not in known_revisions():
            raise StoreError(newer_schema(current))
        if current is None and holds_tables(path):
            raise StoreError(not_commdesk(path))
        backup = path.with_name(f"{path.name}.before-upgrade-{current or 'none'}")
        copy_database(path, backup)
    engine = make_engine(path, foreign_keys=False)
    try:
        # foreign_keys is switched off by the engine's connect hook: the pragma
        # is a no-op inside a transaction, so check that it took effect.
        with engine.connect() as conn, conn.begin():
            if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
                raise StoreError("foreign keys still on during migration")
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"foreign key check failed after upgrade: {problems[:3]}")
    except Exception as exc:
        engine.dispose()
        if backup is not None:
            os.replace(backup, path)
            _remove_sidecars(path)
        elif path.exists():
            path.unlink()
            _remove_sidecars(path)
        if isinstance(exc, StoreError):
            raise
        raise StoreError(
            translate(
                "Store", "The database upgrade failed; the previous file was kept ({error})"
            ).format(error=exc)
        ) from exc
    engine.dispose()
    # The pre-upgrade copy stays next to the file: cheap insurance for the clerk.


# Any fixed number: every CommDesk program upgrading a server database asks for this one.
MIGRATION_LOCK_KEY = 0x436D6444  # "CmdD"
# How long a second PC starting at the same moment waits for the first one's upgrade.
MIGRATION_LOCK_WAIT = "120s"


def upgrade_server(engine: Engine, url: str, target: str = "head") -> None:
    """Create or upgrade a server database in one transaction, one PC at a time.

    PostgreSQL's DDL is transactional, so a failed upgrade leaves the database as it
    was. A transaction-scoped advisory lock makes a second PC starting at the same
    moment wait, then find the schema at head and do nothing.
    """
    from alembic import command

    from commdesk.store.backend import is_unreachable, unreachable_message

    try:
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{MIGRATION_LOCK_WAIT}'")
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    except Exception as exc:
        if is_unreachable(exc):
            raise StoreError(unreachable_message(url, exc)) from exc
        raise StoreError(
            translate(
                "Store", "The database upgrade failed; the server database is unchanged ({error})"
            ).format(error=str(exc).strip().splitlines()[0] if str(exc).strip() else exc)
        ) from exc
