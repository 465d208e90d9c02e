"""Summaries of the service ledger kept on write, for the overview at a million records.

``service_day_summary`` holds live services per day and category (count, people
served, hours); ``volunteer_month_summary`` holds, per month and volunteer, the
live services naming them and their hours (distinct volunteers per month are its
rows: they cannot be added up from monthly totals). Triggers on service_record
and service_volunteer keep both right for every writer: forms, import, paste,
undo, push, and any other program writing the file. Existing rows are summed once.

On SQLite a later migration that rebuilds service_record or service_volunteer
(batch mode) drops their triggers and must create them again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Frozen here (not imported): a later change to the program must not change this step.
# Every change is a signed delta upserted into the summary; rows that reach zero go.
_DAY_DELTA = """
INSERT INTO service_day_summary (service_date, category_code, records, people_served, hours)
VALUES ({r}.service_date, {r}.category_code, {sign}1, {sign}{r}.people_served,
        {sign}coalesce({r}.hours, 0))
ON CONFLICT (service_date, category_code) DO UPDATE SET
    records = service_day_summary.records + excluded.records,
    people_served = service_day_summary.people_served + excluded.people_served,
    hours = service_day_summary.hours + excluded.hours;
DELETE FROM service_day_summary
WHERE service_date = {r}.service_date AND category_code = {r}.category_code AND records <= 0;
"""
# The links of one service ({r}: the record) into its month.
_LINKS_DELTA = """
INSERT INTO volunteer_month_summary (month, volunteer_id, services, hours)
SELECT {month}, sv.volunteer_id, {sign}1, {sign}coalesce({r}.hours, 0)
FROM service_volunteer AS sv WHERE sv.service_id = {r}.id
ON CONFLICT (month, volunteer_id) DO UPDATE SET
    services = volunteer_month_summary.services + excluded.services,
    hours = volunteer_month_summary.hours + excluded.hours;
DELETE FROM volunteer_month_summary WHERE month = {month} AND services <= 0;
"""
# One link ({r}: the service_volunteer row) of a live service.
_LINK_DELTA = """
INSERT INTO volunteer_month_summary (month, volunteer_id, services, hours)
SELECT {month}, {r}.volunteer_id, {sign}1, {sign}coalesce(sr.hours, 0)
FROM service_record AS sr WHERE sr.id = {r}.service_id AND sr.deleted_at IS NULL
ON CONFLICT (month, volunteer_id) DO UPDATE SET
    services = volunteer_month_summary.services + excluded.services,
    hours = volunteer_month_summary.hours + excluded.hours;
DELETE FROM volunteer_month_summary WHERE volunteer_id = {r}.volunteer_id AND services <= 0;
"""
_SUMMED = "service_date, category_code, people_served, hours, deleted_at"
_CHANGED = (
    "(OLD.service_date IS NOT NEW.service_date OR OLD.category_code IS NOT NEW.category_code"
    " OR OLD.people_served IS NOT NEW.people_served OR OLD.hours IS NOT NEW.hours"
    " OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL))"
)
_BACKFILL = """
INSERT INTO service_day_summary (service_date, category_code, records, people_served, hours)
SELECT service_date, category_code, count(*), sum(people_served), sum(coalesce(hours, 0))
FROM service_record WHERE deleted_at IS NULL GROUP BY service_date, category_code;
INSERT INTO volunteer_month_summary (month, volunteer_id, services, hours)
SELECT {month}, sv.volunteer_id, count(*), sum(coalesce(sr.hours, 0))
FROM service_volunteer AS sv JOIN service_record AS sr ON sr.id = sv.service_id
WHERE sr.deleted_at IS NULL GROUP BY {month}, sv.volunteer_id;
"""


def _sqlite_month(r: str) -> str:
    return f"substr({r}.service_date, 1, 7)"


def _pg_month(r: str) -> str:
    return f"to_char({r}.service_date, 'YYYY-MM')"


def _service_delta(r: str, sign: str, month: str) -> str:
    return _DAY_DELTA.format(r=r, sign=sign) + _LINKS_DELTA.format(r=r, sign=sign, month=month)


def _sqlite_statements() -> list[str]:
    old, new = _sqlite_month("OLD"), _sqlite_month("NEW")
    link_old = _LINK_DELTA.format(r="OLD", sign="-", month=_sqlite_month("sr"))
    link_new = _LINK_DELTA.format(r="NEW", sign="", month=_sqlite_month("sr"))
    return [
        # A new record has no links yet: only its day changes.
        "CREATE TRIGGER service_summary_insert AFTER INSERT ON service_record "
        f"WHEN NEW.deleted_at IS NULL BEGIN {_DAY_DELTA.format(r='NEW', sign='')} END",
        f"CREATE TRIGGER service_summary_update_old AFTER UPDATE OF {_SUMMED} ON service_record "
        f"WHEN OLD.deleted_at IS NULL AND {_CHANGED} BEGIN {_service_delta('OLD', '-', old)} END",
        f"CREATE TRIGGER service_summary_update_new AFTER UPDATE OF {_SUMMED} ON service_record "
        f"WHEN NEW.deleted_at IS NULL AND {_CHANGED} BEGIN {_service_delta('NEW', '', new)} END",
        # Before the row goes: its links are still there to be taken out of their month
        # (the cascade that deletes them then finds no live service to subtract from).
        "CREATE TRIGGER service_summary_delete BEFORE DELETE ON service_record "
        f"WHEN OLD.deleted_at IS NULL BEGIN {_service_delta('OLD', '-', old)} END",
        f"CREATE TRIGGER service_link_summary_insert AFTER INSERT ON service_volunteer "
        f"BEGIN {link_new} END",
        f"CREATE TRIGGER service_link_summary_update AFTER UPDATE ON service_volunteer "
        f"BEGIN {link_old} {link_new} END",
        f"CREATE TRIGGER service_link_summary_delete AFTER DELETE ON service_volunteer "
        f"BEGIN {link_old} END",
    ]


def _pg_statements() -> list[str]:
    old, new = _pg_month("OLD"), _pg_month("NEW")
    link_old = _LINK_DELTA.format(r="OLD", sign="-", month=_pg_month("sr"))
    link_new = _LINK_DELTA.format(r="NEW", sign="", month=_pg_month("sr"))
    changed = _CHANGED.replace("IS NOT", "IS DISTINCT FROM")
    # SECURITY DEFINER: a clerk's write updates the summaries with the owner's rights,
    # whatever table rights the clerk's role was given before these tables existed.
    definer = "LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT"
    return [
        "CREATE FUNCTION service_summary_write() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' AND NOT {changed} THEN RETURN NULL; END IF; "
        f"IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NULL THEN {_service_delta('OLD', '-', old)} "
        "END IF; "
        f"IF NEW.deleted_at IS NULL THEN {_service_delta('NEW', '', new)} END IF; "
        f"RETURN NULL; END $$ {definer}",
        "CREATE FUNCTION service_summary_delete() RETURNS trigger AS $$ BEGIN "
        f"IF OLD.deleted_at IS NULL THEN {_service_delta('OLD', '-', old)} END IF; "
        f"RETURN OLD; END $$ {definer}",
        "CREATE FUNCTION service_link_summary() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {link_old} END IF; "
        f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {link_new} END IF; "
        f"RETURN NULL; END $$ {definer}",
        f"CREATE TRIGGER service_summary_write AFTER INSERT OR UPDATE OF {_SUMMED} "
        "ON service_record FOR EACH ROW EXECUTE FUNCTION service_summary_write()",
        "CREATE TRIGGER service_summary_delete BEFORE DELETE ON service_record "
        "FOR EACH ROW EXECUTE FUNCTION service_summary_delete()",
        "CREATE TRIGGER service_link_summary AFTER INSERT OR UPDATE OR DELETE "
        "ON service_volunteer FOR EACH ROW EXECUTE FUNCTION service_link_summary()",
        # Whoever may read the ledger may read its summaries (tables made after the
        # server's grants were given).
        "DO $$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT grantee "
        "FROM information_schema.role_table_grants WHERE table_name = 'service_record' "
        "AND privilege_type = 'SELECT' AND grantee <> current_user LOOP "
        "EXECUTE 'GRANT SELECT ON service_day_summary, volunteer_month_summary TO ' "
        "|| quote_ident(r.grantee); END LOOP; END $$",
    ]


def upgrade() -> None:
    op.create_table(
        "service_day_summary",
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("category_code", sa.String(length=16), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("people_served", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            "service_date", "category_code", name=op.f("pk_service_day_summary")
        ),
    )
    op.create_table(
        "volunteer_month_summary",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("services", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("month", "volunteer_id", name=op.f("pk_volunteer_month_summary")),
    )
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    month = _pg_month("sr") if postgres else _sqlite_month("sr")
    for statement in _BACKFILL.format(month=month).split(";"):
        if statement.strip():
            bind.exec_driver_sql(statement)
    for statement in _pg_statements() if postgres else _sqlite_statements():
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP TRIGGER service_summary_write ON service_record")
        bind.exec_driver_sql("DROP TRIGGER service_summary_delete ON service_record")
        bind.exec_driver_sql("DROP TRIGGER service_link_summary ON service_volunteer")
        for name in ("service_summary_write", "service_summary_delete", "service_link_summary"):
            bind.exec_driver_sql(f"DROP FUNCTION {name}()")
    else:
        for name in (
            "service_summary_insert",
            "service_summary_update_old",
            "service_summary_update_new",
            "service_summary_delete",
            "service_link_summary_insert",
            "service_link_summary_update",
            "service_link_summary_delete",
        ):
            bind.exec_driver_sql(f"DROP TRIGGER {name}")
    op.drop_table("volunteer_month_summary")
    op.drop_table("service_day_summary")
