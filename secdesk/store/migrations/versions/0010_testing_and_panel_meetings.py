"""The entry tests each Party completed (SREPT, and UEPT for each DCC User role), and the
SEC Panel's meeting dates, which the Operations Report counts "since". On a shared store
the new tables get their grants, trail and announcements when ``secdesk db upgrade``
re-applies the guard.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ROLES = ("IS", "ES", "GS", "RSA", "ED", "GT", "OU")


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("testing_completion"):
        op.create_table(
            "testing_completion",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("party_id", sa.Integer(), nullable=False),
            sa.Column(
                "test",
                sa.Enum("SREPT", "UEPT", name="entry_test", native_enum=False, create_constraint=True),
                nullable=False,
            ),
            sa.Column(
                "role",
                sa.Enum(*ROLES, name="dcc_role", native_enum=False, create_constraint=True),
                nullable=True,
            ),
            sa.Column("completed_on", sa.Date(), nullable=False),
            sa.CheckConstraint(
                "(test = 'SREPT' AND role IS NULL) OR (test = 'UEPT' AND role IS NOT NULL)",
                name=op.f("ck_testing_completion_testing_role"),
            ),
            sa.ForeignKeyConstraint(
                ["party_id"],
                ["party.id"],
                name=op.f("fk_testing_completion_party_id_party"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_testing_completion")),
            sa.UniqueConstraint(
                "party_id", "test", "role", name=op.f("uq_testing_completion_party_id_test_role")
            ),
        )
        op.create_index(
            op.f("ix_testing_completion_party_id"), "testing_completion", ["party_id"]
        )
    if not inspector.has_table("panel_meeting"):
        op.create_table(
            "panel_meeting",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("held_on", sa.Date(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_meeting")),
            sa.UniqueConstraint("held_on", name=op.f("uq_panel_meeting_held_on")),
        )


def downgrade() -> None:
    op.drop_table("panel_meeting")
    op.drop_index(op.f("ix_testing_completion_party_id"), table_name="testing_completion")
    op.drop_table("testing_completion")
