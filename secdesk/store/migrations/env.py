"""Alembic environment: always run from secdesk.store.migrate with a live connection."""

from __future__ import annotations

from alembic import context

from secdesk.domain import Base, load_all

load_all()  # the whole schema, for comparing with the store's

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    compare_server_default=True,
)
with context.begin_transaction():
    context.run_migrations()
