"""Publications are numbered 1, 2, 3 … without gaps, and published one at a time.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("publication", sa.Column("number", sa.Integer(), nullable=True))
    # Earlier publications keep their order: number them by id.
    publication = sa.table("publication", sa.column("id", sa.Integer),
                           sa.column("number", sa.Integer))
    numbered = sa.select(sa.func.count()).where(
        sa.literal_column("earlier.id") <= publication.c.id
    ).select_from(sa.table("publication").alias("earlier")).scalar_subquery()
    op.execute(publication.update().values(number=numbered))
    with op.batch_alter_table("publication") as batch:
        batch.alter_column("number", existing_type=sa.Integer(), nullable=False)
        batch.create_unique_constraint(op.f("uq_publication_number"), ["number"])
    lock = sa.table("store_lock", sa.column("name", sa.String), sa.column("taken", sa.Integer))
    op.bulk_insert(lock, [{"name": "publication", "taken": 0}])


def downgrade() -> None:
    op.execute("DELETE FROM store_lock WHERE name = 'publication'")
    with op.batch_alter_table("publication") as batch:
        batch.drop_constraint(op.f("uq_publication_number"), type_="unique")
        batch.drop_column("number")
