"""How many volunteers took part in each service record (参与志愿者人数).

Existing records get the number of volunteers linked to them by name, or 1 when
the provider is volunteers or a volunteer team and nobody is named (someone
volunteered; how many was never recorded), otherwise 0.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen here (not imported): a later change to the program must not change this step.
VOLUNTEER_PROVIDERS = ("VOL", "TEAM")
FILL = """
UPDATE service_record SET volunteer_count = (
    SELECT CASE
        WHEN count(sv.volunteer_id) > 0 THEN count(sv.volunteer_id)
        WHEN service_record.provider_kind_code IN (:vol, :team) THEN 1
        ELSE 0
    END
    FROM service_volunteer AS sv WHERE sv.service_id = service_record.id
)
"""


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no table rebuild, no cascade risk.
    op.add_column(
        "service_record",
        sa.Column("volunteer_count", sa.Integer(), server_default="0", nullable=False),
    )
    vol, team = VOLUNTEER_PROVIDERS
    op.get_bind().execute(sa.text(FILL), {"vol": vol, "team": team})


def downgrade() -> None:
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.drop_column("volunteer_count")
