"""One person, one row: a worker holds several posts; duplicate people are merged.

The worker ledger kept one row per post, so a 书记兼主任 (一肩挑) was two rows and
counted twice in 106, 表5 合计 and 605. Each worker's post moves into
``position_codes`` ("SEC,DIR"), and live rows with the same ID number become one
person: the first entered row keeps every post of the others, and the others are
soft-deleted (nothing is lost; the audit log names each merge).

Volunteers with the same live ID number are merged the same way (their service
links move to the kept row), because a duplicate counts one person twice in 108
and 401 exactly as a worker counted twice in 106; reporting them without merging
would leave every return wrong until a clerk found them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

USER = "upgrade 0007"
DUPLICATES = """
SELECT id_number, id FROM {table} WHERE deleted_at IS NULL AND id_number IN (
    SELECT id_number FROM {table} WHERE deleted_at IS NULL
    GROUP BY id_number HAVING count(*) > 1
) ORDER BY id_number, id
"""


def _log(bind: sa.Connection, action: str, table: str, row_id: int, note: str, **after) -> None:
    bind.execute(
        sa.text(
            'INSERT INTO audit_log (at, "user", action, table_name, row_id, before, after, note) '
            "VALUES (:at, :user, :action, :table, :row_id, NULL, :after, :note)"
        ),
        {
            "at": datetime.now().replace(microsecond=0),
            "user": USER,
            "action": action,
            "table": table,
            "row_id": row_id,
            "after": json.dumps(after, ensure_ascii=False) if after else None,
            "note": note,
        },
    )


def _groups(bind: sa.Connection, table: str) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for id_number, row_id in bind.exec_driver_sql(DUPLICATES.format(table=table)):
        groups.setdefault(id_number, []).append(int(row_id))
    return list(groups.values())


def _retire(bind: sa.Connection, table: str, keep: int, others: list[int], now: datetime) -> None:
    for other in others:
        bind.execute(
            sa.text(
                f"UPDATE {table} SET deleted_at = :now, updated_at = :now, updated_by = :user "
                "WHERE id = :id"
            ),
            {"now": now, "user": USER, "id": other},
        )
        _log(bind, "delete", table, other, f"merged into {table} {keep} (same ID number)")


def _merge_workers(bind: sa.Connection, now: datetime) -> int:
    merged = 0
    for ids in _groups(bind, "worker"):
        keep, others = ids[0], ids[1:]
        rows = bind.execute(
            sa.text(
                "SELECT position_codes, is_committee_member, employed_since FROM worker "
                "WHERE id IN :ids ORDER BY id"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": ids},
        ).fetchall()
        posts: list[str] = []
        for codes, _, _ in rows:
            posts += [c for c in codes.split(",") if c and c not in posts]
        committee = any(bool(r[1]) for r in rows)
        since = min((r[2] for r in rows if r[2] is not None), default=None)
        bind.execute(
            sa.text(
                "UPDATE worker SET position_codes = :posts, is_committee_member = :committee, "
                "employed_since = coalesce(:since, employed_since), updated_at = :now, "
                "updated_by = :user WHERE id = :id"
            ),
            {
                "posts": ",".join(posts),
                "committee": committee,
                "since": since,
                "now": now,
                "user": USER,
                "id": keep,
            },
        )
        _log(
            bind,
            "update",
            "worker",
            keep,
            f"merged worker rows {', '.join(map(str, others))} (same ID number)",
            position_codes=posts,
        )
        _retire(bind, "worker", keep, others, now)
        merged += len(others)
    return merged


def _merge_volunteers(bind: sa.Connection, now: datetime) -> int:
    merged = 0
    for ids in _groups(bind, "volunteer"):
        keep, others = ids[0], ids[1:]
        # Service links move to the kept row; a service naming both keeps one link
        # (one row at a time, so no UPDATE meets a link it would duplicate).
        for other in others:
            bind.execute(
                sa.text(
                    "UPDATE service_volunteer SET volunteer_id = :keep "
                    "WHERE volunteer_id = :other AND service_id NOT IN "
                    "(SELECT service_id FROM service_volunteer WHERE volunteer_id = :keep)"
                ),
                {"keep": keep, "other": other},
            )
        bind.execute(
            sa.text("DELETE FROM service_volunteer WHERE volunteer_id IN :others").bindparams(
                sa.bindparam("others", expanding=True)
            ),
            {"others": others},
        )
        joined = bind.execute(
            sa.text("SELECT min(joined_date) FROM volunteer WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        ).scalar()
        bind.execute(
            sa.text(
                "UPDATE volunteer SET joined_date = coalesce(:joined, joined_date), "
                "updated_at = :now, updated_by = :user WHERE id = :id"
            ),
            {"joined": joined, "now": now, "user": USER, "id": keep},
        )
        _log(
            bind,
            "update",
            "volunteer",
            keep,
            f"merged volunteer rows {', '.join(map(str, others))} (same ID number)",
        )
        _retire(bind, "volunteer", keep, others, now)
        merged += len(others)
    return merged


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("worker", sa.Column("position_codes", sa.String(length=64), nullable=True))
    bind.exec_driver_sql("UPDATE worker SET position_codes = position_code")
    now = datetime.now().replace(microsecond=0)
    workers = _merge_workers(bind, now)
    volunteers = _merge_volunteers(bind, now)
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.alter_column("position_codes", existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_column("position_code")
    if workers or volunteers:
        _log(
            bind,
            "merge",
            "worker",
            None,
            f"upgrade 0007: merged {workers} duplicate worker rows and "
            f"{volunteers} duplicate volunteer rows (same ID number)",
        )


def downgrade() -> None:
    # Merged rows stay merged (their soft-deleted copies are still there to restore).
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position_code", sa.String(length=16), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("UPDATE worker SET position_code = split_part(position_codes, ',', 1)")
    else:
        bind.exec_driver_sql(
            "UPDATE worker SET position_code = CASE WHEN instr(position_codes, ',') > 0 "
            "THEN substr(position_codes, 1, instr(position_codes, ',') - 1) "
            "ELSE position_codes END"
        )
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.alter_column("position_code", existing_type=sa.String(length=16), nullable=False)
        batch_op.drop_column("position_codes")
