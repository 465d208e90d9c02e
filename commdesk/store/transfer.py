"""Moving a committee in and out of a server: every table copied, then proved equal.

``push`` copies the data folder's SQLite file into an empty committee database;
``pull`` (``commdesk backup`` against a server) writes a SQLite file that opens
in single-PC mode, so backups, restore and the offline fallback stay one format.
Both verify each table's row count and a checksum of its rows read back through
the same typed columns on both sides; ``push`` does so before it commits, and rolls
the copy back when a table differs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, text

from commdesk.domain.i18n import translate
from commdesk.store.engine import StoreError
from commdesk.store.models import Base

BATCH = 2000


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


class CopyDiffers(StoreError):
    """The copy read back differs from the source; it was rolled back (nothing copied)."""

    def __init__(self, checks: list[TableCheck]):
        self.checks = checks
        super().__init__(
            translate(
                "Store",
                "The copy on the server differs from this folder's data in: {tables}. "
                "Nothing was copied (the server database is still empty).",
            ).format(tables=", ".join(c.table for c in checks if not c.ok))
        )


# Each database keeps its own change mark: the bookkeeping of its own writes, not data.
# The service summaries are made by each database's own triggers as the rows arrive.
OWN_TABLES = {"change_mark", "service_day_summary", "volunteer_month_summary"}


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in OWN_TABLES]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def table_checksum(engine: Engine, table: Table) -> tuple[int, str]:
    """Row count and SHA-256 of the rows in primary-key order, values in one spelling."""
    with engine.connect() as conn:
        return _checksum(conn, table)


def _checksum(conn: Connection, table: Table) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    order = list(table.primary_key.columns) or list(table.columns)
    for row in conn.execute(select(table).order_by(*order)):
        digest.update(repr([_plain(v) for v in row]).encode("utf-8"))
        count += 1
    return count, digest.hexdigest()


def compare(source: Engine, target: Engine) -> list[TableCheck]:
    return [_check(t, table_checksum(source, t), table_checksum(target, t)) for t in _tables()]


def _check(table: Table, source: tuple[int, str], target: tuple[int, str]) -> TableCheck:
    return TableCheck(table.name, source[0], target[0], source[1], target[1])


def _rows_in(engine: Engine, tables: Iterable[Table]) -> int:
    with engine.connect() as conn:
        return sum(
            int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in tables
        )


def copy_tables(source: Engine, target: Engine) -> None:
    """Copy every table (parents first) in one target transaction; server sequences follow."""
    with source.connect() as src, target.begin() as dst:
        _copy(src, dst)


def _copy(src: Connection, dst: Connection) -> None:
    for table in _tables():
        result = src.execute(select(table))
        while batch := result.fetchmany(BATCH):
            dst.execute(table.insert(), [dict(row._mapping) for row in batch])
    if dst.dialect.name == "postgresql":
        for table in _tables():
            if "id" in table.c and table.c.id.primary_key:
                dst.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
                )


def push(data_dir: Path, url: str) -> list[TableCheck]:
    """The folder's SQLite database into the (empty) committee database at ``url``."""
    from commdesk.store.engine import db_path, make_engine, open_store

    path = db_path(data_dir)
    if not path.is_file():
        raise StoreError(translate("Store", "No database in {path}").format(path=data_dir))
    open_store(data_dir, database=None).close()  # the file at head, like the server
    target_store = open_store(data_dir, database=url)
    source = make_engine(path)
    try:
        movable = [t for t in _tables() if t.name != "alembic_version"]
        if _rows_in(target_store.engine, movable):
            raise StoreError(
                translate(
                    "Store",
                    "The server database already holds data; push copies into an empty one only.",
                )
            )
        with source.connect() as src, target_store.engine.begin() as dst:
            _copy(src, dst)
            # Proved equal before the commit: a copy that differs is never left behind
            # (push refuses a database that holds data, so it would block the next try).
            checks = [_check(t, _checksum(src, t), _checksum(dst, t)) for t in _tables()]
            if not all(c.ok for c in checks):
                raise CopyDiffers(checks)
        return checks
    finally:
        source.dispose()
        target_store.close()


def pull(url: str, out: Path) -> list[TableCheck]:
    """A SQLite copy of the server database at ``out`` (a new file), verified table by table."""
    from commdesk.store.backend import make_server_engine
    from commdesk.store.engine import make_engine
    from commdesk.store.migrate import upgrade

    if out.exists():
        raise StoreError(translate("Store", "{path} already exists").format(path=out))
    upgrade(out)
    source = make_server_engine(url)
    target = make_engine(out)
    try:
        copy_tables(source, target)
        return compare(source, target)
    finally:
        source.dispose()
        target.dispose()
