"""The change mark: one row whose token every writing transaction renews.

Lets the close skip a backup when nothing changed since the last verified one
(see ``commdesk.store.change_mark``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_mark",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("counter", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("token", sa.Text(), nullable=True),
        sa.CheckConstraint("id = 1", name="ck_change_mark_one_row"),
    )
    op.get_bind().execute(
        sa.text("INSERT INTO change_mark (id, counter, token) VALUES (1, 0, :token)"),
        {"token": secrets.token_hex(16)},
    )


def downgrade() -> None:
    op.drop_table("change_mark")
