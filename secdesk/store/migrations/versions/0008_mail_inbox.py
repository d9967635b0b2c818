"""The helpdesk inbox: the mailboxes it reads, and the e-mails read from them or from files,
waiting to be logged as enquiries (secdesk.domain.mail). On a shared store the table gets its grants, trail and
announcements when ``secdesk db upgrade`` re-applies the guard.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STATES = ("new", "logged", "not an enquiry")


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("mail_message"):
        return  # a store stamped with an older revision than it holds (see test_open)
    op.create_table(
        "mail_account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(60), nullable=False, unique=True),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("uid_validity", sa.BigInteger),
        sa.Column("last_uid", sa.BigInteger, nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "mail_message",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("message_id", sa.String(998), nullable=False, unique=True),
        sa.Column("from_name", sa.String(200)),
        sa.Column("from_address", sa.String(254)),
        sa.Column("subject", sa.String(998), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("in_reply_to", sa.String(998)),
        sa.Column("references", sa.Text),
        sa.Column("body", sa.Text),
        sa.Column("attachments", sa.Text),
        sa.Column(
            "state",
            sa.Enum(*STATES, name="mail_state", native_enum=False, length=14),
            nullable=False,
        ),
        sa.Column("auto_reason", sa.String(120)),
        sa.Column(
            "enquiry_id", sa.Integer, sa.ForeignKey("enquiry.id", ondelete="SET NULL")
        ),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(sa.column("state").in_(STATES), name="mail_state"),
    )
    op.create_index("ix_mail_message_state_received_at", "mail_message", ["state", "received_at"])
    op.create_index("ix_mail_message_from_address", "mail_message", ["from_address"])
    op.create_index("ix_mail_message_enquiry_id", "mail_message", ["enquiry_id"])


def downgrade() -> None:
    op.drop_table("mail_message")
    op.drop_table("mail_account")
