"""The first page of a ledger read with plain sqlite3, before the ORM is imported.

The window shows this page at once and the full program (SQLAlchemy, the store,
every page) loads after the paint. It answers only for the usual start: the
folder's file at the schema head, a community profile, and nothing the clerk
must pass first (a start-up password, sign-in accounts). Anything else, or any
error, gives None and the start takes the full path, which checks it all.
No Qt and no SQLAlchemy here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commdesk.domain.catalogues import Catalogues, Item, released
from commdesk.domain.ledgers import (
    CHOICE,
    DATE,
    FLOAT,
    ID_NUMBER,
    INT,
    LONGTEXT,
    TEAM,
    TEXT,
    Ledger,
)
from commdesk.store.schema_version import HEAD_REVISION
from commdesk.store.store_file import db_path

# Keys of app_setting that put a gate before any data shows (commdesk.store.privacy,
# commdesk.store.accounts): with one of them set, the start takes the full path.
GATE_SETTINGS = "key = 'password_hash' AND value != '' OR key LIKE 'account:%'"
# Column kinds the page shows from the stored text as they are (no list or flag columns).
PLAIN_KINDS = frozenset({DATE, CHOICE, INT, FLOAT, TEAM, TEXT, LONGTEXT, ID_NUMBER})


@dataclass(frozen=True)
class FirstLook:
    """What the first page shows: the rows of its first screen and the figures around it."""

    community: str
    count: int  # live rows, as the ledger page counts them
    rows: list[dict[str, Any]]  # newest first, as the ledger page sorts by default
    team_names: dict[int, str]
    catalogues: Catalogues


def first_look(data_dir: Path, ledger: Ledger, limit: int) -> FirstLook | None:
    """The first ``limit`` rows of ``ledger`` and its count, or None (take the full path)."""
    path = db_path(data_dir)
    fields = ledger.columns()
    if not path.is_file() or any(f.kind not in PLAIN_KINDS for f in fields):
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return _read(con, ledger, limit)
    except sqlite3.Error:
        return None
    finally:
        con.close()


def _read(con: sqlite3.Connection, ledger: Ledger, limit: int) -> FirstLook | None:
    if con.execute("SELECT version_num FROM alembic_version").fetchone() != (HEAD_REVISION,):
        return None  # the full path migrates (or refuses a newer file)
    if con.execute(f"SELECT 1 FROM app_setting WHERE {GATE_SETTINGS} LIMIT 1").fetchone():
        return None
    community = con.execute(
        "SELECT name FROM community WHERE deleted_at IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    if community is None:
        return None  # the first-run wizard comes first
    table, sort = ledger.name, ledger.date_field or "id"
    names = [f.name for f in ledger.columns()]
    # The ledger service's own count: all rows minus the few deleted (from a partial index).
    total = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    deleted = con.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NOT NULL").fetchone()[
        0
    ]
    cursor = con.execute(
        f"SELECT id, {', '.join(names)} FROM {table} WHERE deleted_at IS NULL "
        f"ORDER BY {sort} DESC, id DESC LIMIT ?",
        (limit,),
    )
    rows = [dict(zip(["id", *names], row, strict=True)) for row in cursor]
    teams: dict[int, str] = {}
    if any(f.kind == TEAM for f in ledger.columns()):
        teams = dict(con.execute("SELECT id, name FROM volunteer_team WHERE deleted_at IS NULL"))
    return FirstLook(str(community[0] or ""), total - deleted, rows, teams, _catalogues(con))


def _catalogues(con: sqlite3.Connection) -> Catalogues:
    """Released catalogues with the county's items, as commdesk.store.catalogue_store."""
    extra = [
        (
            kind,
            Item(
                code=code,
                zh=zh,
                en=en or zh,
                group=group,
                synonyms=tuple(filter(None, (synonyms or "").split("|"))),
                local=True,
            ),
        )
        for kind, code, zh, en, group, synonyms in con.execute(
            "SELECT kind, code, zh, en, group_code, synonyms FROM local_catalogue_item "
            "WHERE NOT retired"
        )
    ]
    return released().with_local(extra)
