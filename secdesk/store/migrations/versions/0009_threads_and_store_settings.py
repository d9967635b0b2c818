"""Settings of the store (the inbox's retention period first), and an index that finds an
enquirer's enquiries by address whatever its case, so that a reply ("RE: …") is joined to
the enquiry it answers. On a shared store the new table gets its grants, trail and
announcements when ``secdesk db upgrade`` re-applies the guard.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("store_setting"):
        op.create_table(
            "store_setting",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(60), nullable=False, unique=True),
            sa.Column("value", sa.String(200), nullable=False),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        )
    # IF NOT EXISTS on both stores (SQLite's reflection cannot see an index on an expression).
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_enquiry_enquirer_email_lower "
        "ON enquiry (lower(enquirer_email))"
    )


def downgrade() -> None:
    op.drop_index("ix_enquiry_enquirer_email_lower", "enquiry")
    op.drop_table("store_setting")
