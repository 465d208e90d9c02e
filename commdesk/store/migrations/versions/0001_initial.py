"""Initial schema: every ledger, the audit and export logs, settings, township roster.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_log_table_row", ["table_name", "row_id"], unique=False)

    op.create_table(
        "community",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("division_code", sa.String(length=12), nullable=False),
        sa.Column("township_name", sa.String(length=60), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("resident_population", sa.Integer(), nullable=False),
        sa.Column("registered_population", sa.Integer(), nullable=True),
        sa.Column("committee_members", sa.Integer(), nullable=True),
        sa.Column("secretary_is_director", sa.Boolean(), nullable=False),
        sa.Column("unit_head", sa.String(length=30), nullable=True),
        sa.Column("statistics_head", sa.String(length=30), nullable=True),
        sa.Column("preparer", sa.String(length=30), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community")),
    )
    op.create_table(
        "export_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_code", sa.String(length=16), nullable=False),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("definition_id", sa.String(length=64), nullable=False),
        sa.Column("definition_version", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("exported_by", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("modified_after_submit", sa.Boolean(), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_log")),
    )
    with op.batch_alter_table("export_log", schema=None) as batch_op:
        batch_op.create_index("ix_export_log_period", ["period_code"], unique=False)

    op.create_table(
        "facility",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("type_code", sa.String(length=16), nullable=False),
        sa.Column("floor_area", sa.Float(), nullable=True),
        sa.Column("activity_area", sa.Float(), nullable=True),
        sa.Column("status_code", sa.String(length=16), nullable=False),
        sa.Column("ownership_code", sa.String(length=16), nullable=True),
        sa.Column("year_opened", sa.Integer(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("hours_per_week", sa.Float(), nullable=True),
        sa.Column("barrier_free", sa.Boolean(), nullable=False),
        sa.Column("self_service_terminal", sa.Boolean(), nullable=False),
        sa.Column("smart_services", sa.Boolean(), nullable=False),
        sa.Column("address", sa.String(length=120), nullable=True),
        sa.Column("planned_renovation", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facility")),
    )
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ledger", sa.String(length=32), nullable=False),
        sa.Column("header_key", sa.String(length=64), nullable=False),
        sa.Column("mapping_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mapping")),
        sa.UniqueConstraint("ledger", "header_key", name="uq_import_mapping_ledger_key"),
    )
    op.create_table(
        "local_catalogue_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("zh", sa.String(length=60), nullable=False),
        sa.Column("en", sa.String(length=100), nullable=True),
        sa.Column("group_code", sa.String(length=16), nullable=True),
        sa.Column("synonyms", sa.Text(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_catalogue_item")),
        sa.UniqueConstraint("kind", "code", name="uq_local_catalogue_item_kind_code"),
    )
    op.create_table(
        "township",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("code", sa.String(length=9), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_township")),
    )
    op.create_table(
        "township_committee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("division_code", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_township_committee")),
        sa.UniqueConstraint("division_code", name="uq_township_committee_division_code"),
    )
    op.create_table(
        "volunteer_team",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("leader", sa.String(length=30), nullable=True),
        sa.Column("founded_date", sa.Date(), nullable=True),
        sa.Column("dissolved_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_team")),
    )
    op.create_table(
        "worker",
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("position_code", sa.String(length=16), nullable=False),
        sa.Column("is_committee_member", sa.Boolean(), nullable=False),
        sa.Column("education_code", sa.String(length=16), nullable=True),
        sa.Column("sw_cert_code", sa.String(length=16), nullable=True),
        sa.Column("employed_since", sa.Date(), nullable=True),
        sa.Column("left_date", sa.Date(), nullable=True),
        sa.Column("status_code", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker")),
    )
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.create_index("ix_worker_id_number", ["id_number"], unique=False)

    op.create_table(
        "service_record",
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("category_code", sa.String(length=16), nullable=False),
        sa.Column("target_group_code", sa.String(length=16), nullable=False),
        sa.Column("people_served", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("provider_kind_code", sa.String(length=16), nullable=False),
        sa.Column("channel_code", sa.String(length=16), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("recipient_name", sa.String(length=30), nullable=True),
        sa.Column("recipient_id_number", sa.String(length=18), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["volunteer_team.id"],
            name=op.f("fk_service_record_team_id_volunteer_team"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_record")),
    )
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_record_category_date", ["category_code", "service_date"], unique=False
        )
        batch_op.create_index("ix_service_record_date", ["service_date"], unique=False)

    op.create_table(
        "volunteer",
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("political_status_code", sa.String(length=16), nullable=True),
        sa.Column("skills", sa.String(length=100), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("platform_registered", sa.Boolean(), nullable=False),
        sa.Column("platform_number", sa.String(length=40), nullable=True),
        sa.Column("joined_date", sa.Date(), nullable=True),
        sa.Column("left_date", sa.Date(), nullable=True),
        sa.Column("status_code", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["volunteer_team.id"], name=op.f("fk_volunteer_team_id_volunteer_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer")),
    )
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.create_index("ix_volunteer_id_number", ["id_number"], unique=False)
        batch_op.create_index("ix_volunteer_team_id", ["team_id"], unique=False)

    op.create_table(
        "service_volunteer",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service_record.id"],
            name=op.f("fk_service_volunteer_service_id_service_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
            name=op.f("fk_service_volunteer_volunteer_id_volunteer"),
        ),
        sa.PrimaryKeyConstraint("service_id", "volunteer_id", name=op.f("pk_service_volunteer")),
    )
    with op.batch_alter_table("service_volunteer", schema=None) as batch_op:
        batch_op.create_index("ix_service_volunteer_volunteer_id", ["volunteer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_volunteer", schema=None) as batch_op:
        batch_op.drop_index("ix_service_volunteer_volunteer_id")

    op.drop_table("service_volunteer")
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.drop_index("ix_volunteer_team_id")
        batch_op.drop_index("ix_volunteer_id_number")

    op.drop_table("volunteer")
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.drop_index("ix_service_record_date")
        batch_op.drop_index("ix_service_record_category_date")

    op.drop_table("service_record")
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_index("ix_worker_id_number")

    op.drop_table("worker")
    op.drop_table("volunteer_team")
    op.drop_table("township_committee")
    op.drop_table("township")
    op.drop_table("local_catalogue_item")
    op.drop_table("import_mapping")
    op.drop_table("facility")
    with op.batch_alter_table("export_log", schema=None) as batch_op:
        batch_op.drop_index("ix_export_log_period")

    op.drop_table("export_log")
    op.drop_table("community")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_table_row")
        batch_op.drop_index("ix_audit_log_at")

    op.drop_table("audit_log")
    op.drop_table("app_setting")
