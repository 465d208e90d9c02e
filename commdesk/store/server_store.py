"""Opening a store on a PostgreSQL server: reachable within seconds, schema at head.

What only makes sense for a file is left out here: the folder's SQLite soundness
checks and the "database lost" marker (the server keeps its own data), and WAL.
"""

from __future__ import annotations

from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.store.engine import Store, StoreError
from commdesk.store.schema_version import HEAD_REVISION

_REVISION = "SELECT version_num FROM alembic_version"
_HAS_VERSION_TABLE = "SELECT to_regclass('alembic_version') IS NOT NULL"


def server_revision(engine: object) -> str | None:
    """The Alembic revision stamped in the server database (None when it has no tables)."""
    with engine.connect() as conn:  # type: ignore[attr-defined]
        if not conn.exec_driver_sql(_HAS_VERSION_TABLE).scalar():
            return None
        return conn.exec_driver_sql(_REVISION).scalar()


def open_server_store(data_dir: Path, url: str, *, create: bool = True) -> Store:
    """Open the server database ``url``; ``data_dir`` keeps this PC's settings and logs.

    An empty database is where a committee starts (``create``): the schema is made
    in it. Any failure to reach the server is one StoreError line naming it.
    """
    from commdesk.store.backend import (
        is_unreachable,
        make_server_engine,
        server_label,
        unreachable_message,
    )

    engine = make_server_engine(url)
    try:
        revision = server_revision(engine)
        if revision is None and not create:
            raise StoreError(
                translate("Store", "No CommDesk data in {server}").format(server=server_label(url))
            )
        if revision != HEAD_REVISION:
            from commdesk.store.migrate import upgrade_server

            upgrade_server(engine, url)
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        if is_unreachable(exc):
            raise StoreError(unreachable_message(url, exc)) from exc
        raise
    return Store(Path(data_dir), engine, server=url)
