"""The helpdesk log: enquiries and their categories.

Categories are data, in report order; a retired category keeps its enquiries and stays in
reports for the months it was used.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.domain.base import Audited, Base, UTCDateTime, Versioned, enum_column
from secdesk.domain.enums import Channel, EnquiryStatus
from secdesk.domain.party import Party

# The eleven categories of the Operations Report, in report order.
DEFAULT_CATEGORIES = (
    "Applications",
    "Sub-Committees",
    "Consultation Correspondence",
    "Contact Info",
    "General Queries",
    "Panel & Board Correspondence",
    "Modifications",
    "User CIO Assessments",
    "Party/RDP Signifiers",
    "Training Days/Seminars",
    "Other",
)


# Text search covers these fields. Its index is not a model: migration 0003 builds an FTS5
# trigram table (SQLite) or a pg_trgm GIN index (PostgreSQL) under these names.
SEARCH_FIELDS = ("subject", "enquirer_name", "enquirer_email", "notes")
SEARCH_OBJECTS = ("enquiry_text", "ix_enquiry_text")


class EnquiryCategory(Versioned, Audited, Base):
    __tablename__ = "enquiry_category"
    __label__ = "Enquiry category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer, unique=True)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Enquiry(Versioned, Audited, Base):
    __tablename__ = "enquiry"
    __label__ = "Enquiry"
    __table_args__ = (
        # Keyset pagination walks (received_at, id); monthly reports group by category
        # within a month.
        Index("ix_enquiry_received_at_id", "received_at", "id"),
        Index("ix_enquiry_category_id_received_at", "category_id", "received_at"),
        # The monthly report counts by month, channel and category from this index alone.
        Index(
            "ix_enquiry_received_at_channel_category_id", "received_at", "channel", "category_id"
        ),
        # A reply ("RE: …") is joined to its sender's enquiry whatever the address's case.
        Index("ix_enquiry_enquirer_email_lower", text("lower(enquirer_email)")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    category_id: Mapped[int] = mapped_column(ForeignKey("enquiry_category.id"))
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("party.id", ondelete="SET NULL"), index=True
    )
    enquirer_name: Mapped[str | None] = mapped_column(String(120))
    enquirer_email: Mapped[str | None] = mapped_column(String(254))
    enquirer_phone: Mapped[str | None] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(255))
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[EnquiryStatus] = mapped_column(
        enum_column(EnquiryStatus, "status"), default=EnquiryStatus.OPEN, index=True
    )
    assigned_to: Mapped[str | None] = mapped_column(String(120), index=True)

    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    category: Mapped[EnquiryCategory] = relationship()
    party: Mapped[Party | None] = relationship()
