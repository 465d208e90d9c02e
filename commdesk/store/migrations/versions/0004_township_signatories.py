"""Signatories of the township's consolidated return (单位负责人, 统计负责人, 填表人, 电话).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ("unit_head", "statistics_head", "preparer", "phone")


def upgrade() -> None:
    # Plain ADD COLUMNs of nullable text: no table rebuild.
    for name in COLUMNS:
        op.add_column("township", sa.Column(name, sa.String(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("township", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
