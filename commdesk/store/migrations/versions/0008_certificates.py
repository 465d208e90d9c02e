"""The certificate register (证明登记簿) of 志愿服务记录证明.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=24), nullable=False),
        sa.Column("committee_code", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("volunteer_name", sa.String(length=30), nullable=False),
        sa.Column("id_type", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("platform_number", sa.String(length=40), nullable=True),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("records_json", sa.Text(), nullable=False),
        sa.Column("total_hours", sa.Float(), nullable=False),
        sa.Column("committee_name", sa.String(length=60), nullable=False),
        sa.Column("head", sa.String(length=30), nullable=False),
        sa.Column("clerk", sa.String(length=30), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=True),
        sa.Column("reprints", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteer.id"], name="fk_certificate_volunteer_id_volunteer"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_certificate"),
        sa.UniqueConstraint(
            "committee_code", "year", "serial", name="uq_certificate_committee_code_year_serial"
        ),
    )
    op.create_index("ix_certificate_issued_on", "certificate", ["issued_on"])
    op.create_index("ix_certificate_volunteer_id", "certificate", ["volunteer_id"])


def downgrade() -> None:
    op.drop_index("ix_certificate_volunteer_id", table_name="certificate")
    op.drop_index("ix_certificate_issued_on", table_name="certificate")
    op.drop_table("certificate")
