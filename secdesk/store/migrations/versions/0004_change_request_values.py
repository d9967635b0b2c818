"""An actioned change request keeps each field as it read before and after, so its
notifications can list exactly what changed (old -> new) long after the register moved on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change_request_item") as batch:
        batch.add_column(sa.Column("old_value", sa.Text(), nullable=True))
        batch.add_column(sa.Column("new_value", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("change_request_item") as batch:
        batch.drop_column("new_value")
        batch.drop_column("old_value")
