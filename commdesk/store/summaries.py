"""The service summaries kept by triggers (migration 0012), for bulk writers on SQLite.

Triggers update ``service_day_summary`` and ``volunteer_month_summary`` row by
row, which nearly triples the time of the demo's million-row load. A bulk writer
holding the write transaction drops them, writes, sums the summaries once from
the ledger and puts the same triggers back, all in its one transaction: a
failure rolls the triggers back with everything else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

TRIGGERS = (
    "service_summary_insert",
    "service_summary_update_old",
    "service_summary_update_new",
    "service_summary_delete",
    "service_link_summary_insert",
    "service_link_summary_update",
    "service_link_summary_delete",
)
REBUILD = (
    "DELETE FROM service_day_summary",
    "DELETE FROM volunteer_month_summary",
    "INSERT INTO service_day_summary (service_date, category_code, records, people_served, "
    "hours) SELECT service_date, category_code, count(*), sum(people_served), "
    "sum(coalesce(hours, 0)) FROM service_record WHERE deleted_at IS NULL "
    "GROUP BY service_date, category_code",
    "INSERT INTO volunteer_month_summary (month, volunteer_id, services, hours) "
    "SELECT substr(sr.service_date, 1, 7), sv.volunteer_id, count(*), sum(coalesce(sr.hours, 0)) "
    "FROM service_volunteer AS sv JOIN service_record AS sr ON sr.id = sv.service_id "
    "WHERE sr.deleted_at IS NULL GROUP BY substr(sr.service_date, 1, 7), sv.volunteer_id",
)


def rebuild(con: sqlite3.Connection) -> None:
    """Sum both summaries afresh from the ledger (inside the caller's transaction)."""
    for statement in REBUILD:
        con.execute(statement)


@contextmanager
def bulk_write(con: sqlite3.Connection) -> Iterator[None]:
    """Inside an open write transaction: the block runs without the summary triggers."""
    marks = ", ".join("?" * len(TRIGGERS))
    saved = con.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        TRIGGERS,
    ).fetchall()
    for name, _sql in saved:
        con.execute(f'DROP TRIGGER "{name}"')
    yield
    rebuild(con)
    for _name, sql in saved:
        con.execute(sql)
