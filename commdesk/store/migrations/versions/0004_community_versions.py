"""The profile's counted fields kept with the date from which they hold.

Today's values are carried over as holding since the earliest dated record of
any ledger (or a far-past date when the ledgers are empty), so every return
that could already be exported keeps its figures.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COUNTED = (
    "households",
    "resident_population",
    "registered_population",
    "committee_members",
    "secretary_is_director",
    "unit_head",
    "statistics_head",
    "preparer",
    "phone",
)
# Frozen here (not imported): a later change to the program must not change this step.
FAR_PAST = "1900-01-01"
EARLIEST_RECORD = """
SELECT min(d) FROM (
    SELECT min(service_date) AS d FROM service_record
    UNION ALL SELECT min(joined_date) FROM volunteer
    UNION ALL SELECT min(employed_since) FROM worker
    UNION ALL SELECT min(founded_date) FROM volunteer_team
) AS earliest
"""


def upgrade() -> None:
    op.create_table(
        "community_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("resident_population", sa.Integer(), nullable=False),
        sa.Column("registered_population", sa.Integer(), nullable=True),
        sa.Column("committee_members", sa.Integer(), nullable=True),
        sa.Column("secretary_is_director", sa.Boolean(), nullable=False),
        sa.Column("unit_head", sa.String(length=30), nullable=True),
        sa.Column("statistics_head", sa.String(length=30), nullable=True),
        sa.Column("preparer", sa.String(length=30), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
            name=op.f("fk_community_version_community_id_community"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_version")),
        sa.UniqueConstraint(
            "community_id", "valid_from", name="uq_community_version_community_id_valid_from"
        ),
    )
    bind = op.get_bind()
    since = bind.exec_driver_sql(EARLIEST_RECORD).scalar() or FAR_PAST
    columns = ", ".join(COUNTED)
    bind.execute(
        sa.text(
            f"INSERT INTO community_version (community_id, valid_from, {columns}, "
            "created_at, created_by) "
            f"SELECT id, :since, {columns}, updated_at, updated_by FROM community"
        ).bindparams(sa.bindparam("since", type_=sa.Date())),
        {"since": date.fromisoformat(str(since)[:10])},
    )


def downgrade() -> None:
    op.drop_table("community_version")
