"""Distinct search keys for service records: search without LIKE over every row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from commdesk.store.search_keys import link_pending

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_search_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_search_key")),
        sa.UniqueConstraint("text", "id_number", name=op.f("uq_service_search_key_text_id_number")),
    )
    # A plain ADD COLUMN: no table rebuild, so a large ledger upgrades quickly.
    op.add_column("service_record", sa.Column("search_key_id", sa.Integer(), nullable=True))
    op.create_index(
        "ix_service_record_unkeyed",
        "service_record",
        ["id"],
        unique=False,
        sqlite_where=sa.text("search_key_id IS NULL"),
        postgresql_where=sa.text("search_key_id IS NULL"),
    )
    link_pending(op.get_bind())
    op.create_index(
        "ix_service_record_search_key",
        "service_record",
        ["search_key_id"],
        unique=False,
        sqlite_where=sa.text("deleted_at IS NULL AND search_key_id IS NOT NULL"),
        postgresql_where=sa.text("deleted_at IS NULL AND search_key_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_service_record_search_key", table_name="service_record")
    op.drop_index("ix_service_record_unkeyed", table_name="service_record")
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.drop_column("search_key_id")
    op.drop_table("service_search_key")
