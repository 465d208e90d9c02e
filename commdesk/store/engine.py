"""Opening the store: the SQLite file (pragmas, explicit transactions) or a server; schema at head.

pysqlite's own transaction handling skips BEGIN before DDL, which would make
migrations non-atomic; we switch it off and emit BEGIN ourselves (the recipe
from SQLAlchemy's SQLite dialect docs).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from commdesk.domain.i18n import translate
from commdesk.store.schema_version import HEAD_REVISION
from commdesk.store.store_file import StoreError, db_path, read_schema_revision  # re-exported

BUSY_TIMEOUT_MS = 5000
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for a refused grant or policy


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    event.listen(engine, "connect", _on_connect)
    if not foreign_keys:

        def _fk_off(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            dbapi_conn.execute("PRAGMA foreign_keys=OFF")

        event.listen(engine, "connect", _fk_off)

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")

    from commdesk.store.change_mark import install

    install(engine)  # after BEGIN: every transaction that writes renews the change mark
    return engine


@dataclass
class Store:
    """An open data folder: the engine and a session factory, nothing global."""

    data_dir: Path
    engine: Engine
    # The server's URL (password included: it is the connection) when not the folder's file.
    server: str | None = field(default=None, repr=False)
    # The signed-in person (commdesk.store.accounts.Account), None when nobody signed in.
    signed_in: Any = field(default=None, repr=False)
    # The local copy of an unreachable server shown read-only (commdesk.store.server_backups).
    read_only: Path | None = field(default=None, repr=False)
    _factory: sessionmaker[Session] = field(init=False, repr=False)

    _in_use: dict[sqlite3.Connection, dict] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        self._in_use = {}
        in_use = self._in_use
        event.listen(
            self.engine, "checkout", lambda con, rec, _p: in_use.__setitem__(con, rec.info)
        )
        event.listen(self.engine, "checkin", lambda con, _rec: in_use.pop(con, None))

    @property
    def path(self) -> Path:
        return db_path(self.data_dir)

    @property
    def is_server(self) -> bool:
        return self.server is not None

    @property
    def label(self) -> str:
        """Where the data lives, for messages: the folder, or the server and database."""
        if self.server is None:
            return str(self.data_dir)
        from commdesk.store.backend import server_label

        return server_label(self.server)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One committed unit of work; rolled back whole on any exception.

        A change the server's grants refuse (commdesk.store.server_grants) is NotAllowed,
        as when the store itself refuses it."""
        from sqlalchemy.exc import DBAPIError

        try:
            with self._factory() as session, session.begin():
                yield session
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            from commdesk.store.accounts import NotAllowed

            raise NotAllowed(
                translate(
                    "Accounts",
                    "The server refused this change: your role may not make it. "
                    "Ask a reviewer or the administrator.",
                )
            ) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._factory() as session, session.begin():
            yield session

    def close(self) -> None:
        """Stop reads still running on workers (a page's totals over a million rows must
        not hold the program's exit), then close. A transaction that wrote is left to
        finish: only reads are interrupted."""
        from commdesk.store.change_mark import only_read

        for con, info in list(self._in_use.items()):
            if only_read(con, info):
                con.interrupt()
        self.engine.dispose()


def has_database(data_dir: Path) -> bool:
    """Whether there is a database to open: the folder's file, or a chosen server
    (whose emptiness open_store(create=False) reports, naming the server)."""
    from commdesk.store.backend import current

    return current() is not None or db_path(data_dir).exists()


class _Chosen:
    """The default of open_store's ``database``: --database or COMMDESK_DATABASE_URL."""


CHOSEN = _Chosen()


def open_store(
    data_dir: Path, *, create: bool = True, database: str | _Chosen | None = CHOSEN
) -> Store:
    """Open (creating or upgrading as needed) the store in ``data_dir``, or on a server.

    ``database`` is a server URL, None for the folder's SQLite file, or by default
    the process's choice (commdesk.store.backend.current). A database missing or
    empty where one existed is refused, never rebuilt empty
    (commdesk.store.soundness); the first one created in a folder is recorded.
    """
    from commdesk.store.soundness import lost, mark_created

    data_dir = Path(data_dir)
    if isinstance(database, _Chosen):
        from commdesk.store.backend import current

        choice = current()
        database = choice.url if choice is not None else None
    if database is not None:
        from commdesk.store.server_store import open_server_store

        return open_server_store(data_dir, database, create=create)
    path = db_path(data_dir)
    if lost(data_dir):
        raise StoreError(
            translate(
                "Store",
                "The database in {path} is missing or empty, though this folder held one: "
                "restore a backup (commdesk restore FILE; backups are in {backups}).",
            ).format(path=data_dir, backups=data_dir / "backups")
        )
    if not path.exists():
        if not create:
            raise StoreError(translate("Store", "No database in {path}").format(path=data_dir))
        data_dir.mkdir(parents=True, exist_ok=True)
        from commdesk.store.migrate import upgrade

        upgrade(path)
    else:
        revision = read_schema_revision(path)
        if revision != HEAD_REVISION:
            from commdesk.store.migrate import upgrade

            upgrade(path)
    mark_created(data_dir)
    return Store(data_dir, make_engine(path))
