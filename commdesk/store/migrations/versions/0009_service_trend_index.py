"""Covering index for the overview's monthly trends: live services by day and category.

The trend chart sums people served and hours of 24 months of services; with the
figures in the index SQLite reads the index alone, in date order, instead of a
million rows at random (1.4 s → 0.5 s on 1,000,000 records). ``deleted_at`` is a
column of the partial index as well: without it SQLite still reads every row to
test the condition.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

LIVE = "deleted_at IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_service_record_trend",
        "service_record",
        ["service_date", "category_code", "people_served", "hours", "deleted_at"],
        unique=False,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )


def downgrade() -> None:
    op.drop_index("ix_service_record_trend", table_name="service_record")
