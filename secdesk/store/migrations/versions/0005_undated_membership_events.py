"""A membership event may be undated: a status read from a spreadsheet that gives no date
is kept as an event that sets the status but is counted in no month, instead of being
dated on the day of the import.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("membership_event") as batch:
        batch.alter_column("occurred_on", existing_type=sa.Date(), nullable=True)


def downgrade() -> None:
    # An older secdesk needs a date: an undated event takes the day it was recorded.
    day = "date(recorded_at)" if op.get_bind().dialect.name == "sqlite" else "recorded_at::date"
    op.execute(f"UPDATE membership_event SET occurred_on = {day} WHERE occurred_on IS NULL")
    with op.batch_alter_table("membership_event") as batch:
        batch.alter_column("occurred_on", existing_type=sa.Date(), nullable=False)
