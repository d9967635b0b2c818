"""A publication is recorded Pending before its files are swapped into the folder, and
Published (or Abandoned, if the swap was undone) after: the folder then always holds the
set of the latest recorded publication, and a number is never used twice.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STATES = ("Pending", "Published", "Abandoned")


def upgrade() -> None:
    with op.batch_alter_table("publication") as batch:
        batch.add_column(
            sa.Column(
                "state",
                sa.Enum(*STATES, name="publication_state", native_enum=False, length=9),
                nullable=False,
                server_default="Published",  # every publication so far was published
            )
        )
        batch.create_check_constraint("publication_state", sa.column("state").in_(STATES))


def downgrade() -> None:
    # An older secdesk knows only publications that happened.
    op.execute("DELETE FROM publication WHERE state <> 'Published'")
    with op.batch_alter_table("publication") as batch:
        batch.drop_constraint("publication_state", type_="check")
        batch.drop_column("state")
