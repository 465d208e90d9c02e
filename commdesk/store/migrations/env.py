"""Alembic environment: always driven by commdesk.store.migrate with a connection."""

from __future__ import annotations

from alembic import context

from commdesk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via commdesk.store.migrate
    raise RuntimeError("run migrations through commdesk.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
