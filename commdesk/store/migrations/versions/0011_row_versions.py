"""Every ledger row carries a version, so a save against a stale copy is refused.

Two clerks editing the same record must never overwrite each other silently: a
save names the version it started from, and the store refuses it when the row
has moved on since. Existing rows start at version 1.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Frozen here (not imported): the ledger tables as of this revision.
LEDGER_TABLES = (
    "community",
    "volunteer_team",
    "volunteer",
    "worker",
    "facility",
    "service_record",
)


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no table rebuild, no cascade risk.
    for table in LEDGER_TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    for table in LEDGER_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
