"""Who may write what in a committee database, enforced by PostgreSQL itself.

The store already refuses a 填报员 who submits or unlocks a period
(commdesk.store.accounts.require); these grants make the server refuse it too,
so a clerk's login used outside CommDesk (psql, a spreadsheet's ODBC link)
cannot lock, unlock or rewrite the record of what was handed upward:

- the ledgers and their bookkeeping: every committee role reads and writes;
- ``export_log`` (the period's export, submission and lock): a 填报员 may log an
  export (a row not submitted, not locked) and clear the "modified" flag, which is
  what exporting does; only 审核人 and 管理员 may mark it submitted, lock or unlock;
- ``audit_log``: every role adds lines, no role changes or removes one;
- ``app_setting`` (accounts, start-up password, install salt): only 管理员 writes;
- ``alembic_version``: only the owner role (the migrations) writes;
- the service summaries: only their triggers write (as the owner, SECURITY DEFINER);
- the township's role reads everything and writes nothing.

:func:`grant_tables` first revokes every right it hands out and then grants them
again, in one transaction: running ``commdesk server init`` again brings a
committee made by an older CommDesk (when all roles had the same rights) up to date.
"""

from __future__ import annotations

from typing import Any

from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER, ROLES

SUBMISSION = "export_log"
APPEND_ONLY = frozenset({"audit_log"})
ADMIN_ONLY = frozenset({"app_setting"})
# The migrations write alembic_version; the summaries are written by their triggers.
OWNER_ONLY = frozenset({"alembic_version", "service_day_summary", "volunteer_month_summary"})
# What exporting a return writes (periods.log_export): a new row and the flag it clears.
ENTRY_UPDATES = ("modified_after_submit",)
# A row a 填报员 adds must be neither submitted nor locked (row-level security).
ENTRY_ROW = "NOT locked AND submitted_at IS NULL AND status <> 'submitted'"
POLICIES = ("commdesk_read", "commdesk_entry_insert", "commdesk_entry_update", "commdesk_review")


def grant_tables(conn: Any, database: str, township: str) -> None:
    """Set every table right of the committee database ``database`` (connected as ``conn``,
    autocommit, a superuser or the owner) for its group roles and the township's role."""
    from psycopg import sql

    from commdesk.store.accounts import group_role

    def ident(*names: str) -> sql.Composable:
        return sql.SQL(", ").join(sql.Identifier(n) for n in names)

    groups = {role: group_role(database, role) for role in ROLES}
    everyone = ident(*groups.values(), township)
    writers = ident(*groups.values())
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]
    ledgers = [t for t in tables if t not in {SUBMISSION, *APPEND_ONLY, *ADMIN_ONLY, *OWNER_ONLY}]

    with conn.transaction():
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(database)))
        # Start from nothing, so rights an older CommDesk granted are gone too.
        conn.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(everyone))
        conn.execute(
            sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {}").format(everyone)
        )
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(everyone))
        conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(everyone))
        conn.execute(
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(writers)
        )
        if ledgers:
            conn.execute(
                sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(ident(*ledgers), writers)
            )
        for table in APPEND_ONLY & set(tables):
            conn.execute(sql.SQL("GRANT INSERT ON {} TO {}").format(ident(table), writers))
        for table in ADMIN_ONLY & set(tables):
            conn.execute(
                sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(
                    ident(table), ident(groups[ADMIN])
                )
            )
        if SUBMISSION in tables:
            _submission_rights(conn, groups, ident)


def _submission_rights(conn: Any, groups: dict[str, str], ident: Any) -> None:
    """export_log: reviewers write freely; a 填报员 adds unlocked rows and clears a flag."""
    from psycopg import sql

    table = sql.Identifier(SUBMISSION)
    reviewers = ident(groups[REVIEWER], groups[ADMIN])
    entry = ident(groups[ENTRY])
    conn.execute(sql.SQL("GRANT INSERT, UPDATE ON {} TO {}").format(table, reviewers))
    conn.execute(sql.SQL("GRANT INSERT ON {} TO {}").format(table, entry))
    conn.execute(
        sql.SQL("GRANT UPDATE ({}) ON {} TO {}").format(ident(*ENTRY_UPDATES), table, entry)
    )
    conn.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(table))
    for name in POLICIES:
        conn.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(name), table))
    row = sql.SQL(ENTRY_ROW)  # a constant of this module, not input
    statements = (
        sql.SQL("CREATE POLICY commdesk_read ON {} FOR SELECT USING (true)").format(table),
        sql.SQL(
            "CREATE POLICY commdesk_entry_insert ON {} FOR INSERT TO {} WITH CHECK ({})"
        ).format(table, entry, row),
        # Exporting again clears "modified after submit"; setting it is the unlock's job.
        sql.SQL(
            "CREATE POLICY commdesk_entry_update ON {} FOR UPDATE TO {} USING (true) "
            "WITH CHECK (NOT modified_after_submit)"
        ).format(table, entry),
        sql.SQL(
            "CREATE POLICY commdesk_review ON {} FOR ALL TO {} USING (true) WITH CHECK (true)"
        ).format(table, reviewers),
    )
    for statement in statements:
        conn.execute(statement)
