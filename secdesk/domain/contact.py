"""Operations contacts: the people who manage DCC Critical Alerts for a Party."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.domain.base import Audited, Base, UTCDateTime, Versioned, enum_column
from secdesk.domain.enums import ContactPriority
from secdesk.domain.party import Party

# SECAS asks Suppliers quarterly to confirm their contacts.
CONFIRMATION_DUE_AFTER_MONTHS = 3


class OperationsContact(Versioned, Audited, Base):
    __tablename__ = "operations_contact"
    __label__ = "Operations contact"
    __audit_owner__ = ("party", "party_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    job_title: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    office_phone: Mapped[str | None] = mapped_column(String(20))
    out_of_hours_phone: Mapped[str | None] = mapped_column(String(20))
    priority: Mapped[ContactPriority] = mapped_column(enum_column(ContactPriority, "priority"))
    is_24x7: Mapped[bool] = mapped_column(Boolean, default=False)
    last_confirmed: Mapped[date | None] = mapped_column(Date)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Party] = relationship()
