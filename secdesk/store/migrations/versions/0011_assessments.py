"""Security and privacy assessments, each Party's security profile (Shared Resource
Provider, 250,000 premises, G3.17-G3.20 agreement), G5.27 returns; the reason a UEP
completion was recorded without an approved assessment; and which assessment a User CIO
Assessments enquiry is about. On a shared store the new tables get their grants, trail and
announcements when ``secdesk db upgrade`` re-applies the guard.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

KINDS = (
    "Full User Security Assessment",
    "Verification User Security Assessment",
    "Security Self-Assessment",
    "Full User Privacy Assessment",
    "Random Sample Privacy Assessment",
    "Privacy Change Assessment",
)
OUTCOMES = ("Approved", "Approved, subject to", "Provisionally approved", "Deferred")
AGREEMENTS = ("Letter of Intent", "Memorandum of Understanding")


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def _party(table: str) -> sa.Column:
    return sa.Column(
        "party_id",
        sa.Integer(),
        sa.ForeignKey("party.id", name=op.f(f"fk_{table}_party_id_party"), ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("assessment"):
        op.create_table(
            "assessment",
            sa.Column("id", sa.Integer(), primary_key=True),
            _party("assessment"),
            sa.Column("kind", _enum(KINDS, "assessment_kind"), nullable=False),
            sa.Column("application_received", sa.Date(), nullable=False),
            sa.Column("requested_for", sa.Date(), nullable=False),
            sa.Column("fieldwork_start", sa.Date()),
            sa.Column("fieldwork_end", sa.Date()),
            sa.Column("outcome", _enum(OUTCOMES, "assessment_outcome")),
            sa.Column("outcome_on", sa.Date()),
            sa.Column("non_compliances", sa.Boolean(), nullable=False),
            sa.Column("remediation_due", sa.Date()),
            sa.Column("remediation_received", sa.Date()),
            sa.Column("director_letter_received", sa.Date()),
            sa.Column("ssc_approved_on", sa.Date()),
            sa.Column("notes", sa.Text()),
            *_stamps(),
        )
        for column in ("party_id", "requested_for", "outcome_on"):
            op.create_index(op.f(f"ix_assessment_{column}"), "assessment", [column])
    if not inspector.has_table("security_profile"):
        op.create_table(
            "security_profile",
            sa.Column("id", sa.Integer(), primary_key=True),
            _party("security_profile"),
            sa.Column("shared_resource_provider", sa.String(160)),
            sa.Column("srp_since", sa.Date()),
            sa.Column("over_250k_since", sa.Date()),
            sa.Column("notify_agreement", _enum(AGREEMENTS, "notify_agreement")),
            sa.Column("notify_agreement_received", sa.Date()),
            *_stamps(),
            sa.UniqueConstraint("party_id", name=op.f("uq_security_profile_party_id")),
        )
    if not inspector.has_table("g527_return"):
        op.create_table(
            "g527_return",
            sa.Column("id", sa.Integer(), primary_key=True),
            _party("g527_return"),
            sa.Column("due_on", sa.Date(), nullable=False),
            sa.Column("received_on", sa.Date(), nullable=False),
            sa.Column("sms_count", sa.Integer(), nullable=False),
            sa.Column("from_srp", sa.Boolean(), nullable=False),
            *_stamps(),
            sa.UniqueConstraint("party_id", "due_on", name=op.f("uq_g527_return_party_id_due_on")),
        )
        op.create_index(op.f("ix_g527_return_party_id"), "g527_return", ["party_id"])
    dcc_roles = {c["name"] for c in inspector.get_columns("party_dcc_role")}
    if "gate_reason" not in dcc_roles:
        op.add_column("party_dcc_role", sa.Column("gate_reason", sa.Text()))
    if not inspector.has_table("enquiry_assessment"):
        # A table of its own, not a column of the enquiry log: SQLite cannot add a foreign
        # key to a table without copying it (and the million-row log's indexes and search).
        op.create_table(
            "enquiry_assessment",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column(
                "enquiry_id",
                sa.Integer(),
                sa.ForeignKey(
                    "enquiry.id", name=op.f("fk_enquiry_assessment_enquiry_id_enquiry"), ondelete="CASCADE"
                ),
                nullable=False,
            ),
            sa.Column(
                "assessment_id",
                sa.Integer(),
                sa.ForeignKey(
                    "assessment.id",
                    name=op.f("fk_enquiry_assessment_assessment_id_assessment"),
                    ondelete="CASCADE",
                ),
                nullable=False,
            ),
            sa.UniqueConstraint("enquiry_id", name=op.f("uq_enquiry_assessment_enquiry_id")),
        )
        op.create_index(
            op.f("ix_enquiry_assessment_assessment_id"), "enquiry_assessment", ["assessment_id"]
        )


def downgrade() -> None:
    op.drop_table("enquiry_assessment")
    op.drop_column("party_dcc_role", "gate_reason")  # in place: SQLite 3.35+ drops columns
    op.drop_table("g527_return")
    op.drop_table("security_profile")
    op.drop_table("assessment")
