"""Organisations that receive IDs under the SEC ID Allocation Procedure, and their
allocations (organisation number, EUI-64 range, signifier).

EUI-64 values are stored as 16 upper-case hex digits: fixed width makes text order equal
numeric order, so overlap checks run in SQL. PostgreSQL compares them with the "C" collation
so a locale can never reorder them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.domain.base import Audited, Base, UTCDateTime, Versioned, enum_column
from secdesk.domain.enums import OrganisationType
from secdesk.domain.party import Party

EUI64 = String(16).with_variant(String(16, collation="C"), "postgresql")


class Organisation(Versioned, Audited, Base):
    """A Party (named by its Party record), the DCC, or a Registration Data Provider."""

    __tablename__ = "organisation"
    __label__ = "Organisation"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'Party' AND party_id IS NOT NULL AND name IS NULL)"
            " OR (kind <> 'Party' AND party_id IS NULL AND name IS NOT NULL)",
            name="party_or_named",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationType] = mapped_column(enum_column(OrganisationType, "kind"))
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("party.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str | None] = mapped_column(String(160))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Party | None] = relationship()
    allocations: Mapped[list[IdAllocation]] = relationship(
        back_populates="organisation", order_by="IdAllocation.organisation_number"
    )

    @property
    def display_name(self) -> str:
        if self.party is not None:
            return self.party.name
        return self.name or ""


class IdAllocation(Versioned, Audited, Base):
    __tablename__ = "id_allocation"
    __label__ = "ID allocation"
    __table_args__ = (
        CheckConstraint("range_start <= range_end", name="range_ordered"),
        CheckConstraint("length(range_start) = 16 AND length(range_end) = 16", name="range_width"),
        CheckConstraint("organisation_number > 0", name="organisation_number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    organisation_number: Mapped[int] = mapped_column(Integer, unique=True)
    range_start: Mapped[str] = mapped_column(EUI64, index=True)
    range_end: Mapped[str] = mapped_column(EUI64)
    signifier: Mapped[str] = mapped_column(String(8), unique=True)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)

    organisation: Mapped[Organisation] = relationship(back_populates="allocations")
