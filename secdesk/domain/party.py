"""The SEC Party aggregate: a Party and what belongs to it (previous names, licences,
affiliates, MPIDs, gas identifiers, DCC User roles, membership events), and Voting Groups.

Child rows carry no version of their own: they change only through their Party, whose
version is bumped on every change, so the Party's version guards the whole aggregate.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.domain.base import Audited, Base, UTCDateTime, Versioned, enum_column, utcnow
from secdesk.domain.enums import (
    DccUserRole,
    EntryTest,
    LicenceType,
    MembershipEventKind,
    PartyCategory,
    PartyStatus,
)


class VotingGroup(Versioned, Audited, Base):
    """A Party and its Affiliates that are Parties, voting as one."""

    __tablename__ = "voting_group"
    __label__ = "Voting group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)

    parties: Mapped[list[Party]] = relationship(back_populates="voting_group")


class Party(Versioned, Audited, Base):
    __tablename__ = "party"
    __label__ = "Party"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), index=True)
    company_number: Mapped[str | None] = mapped_column(String(8), unique=True)
    category: Mapped[PartyCategory] = mapped_column(enum_column(PartyCategory, "category"))
    voting_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("voting_group.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[PartyStatus] = mapped_column(
        enum_column(PartyStatus, "status"), default=PartyStatus.APPLICANT
    )
    status_since: Mapped[date | None] = mapped_column(Date)
    accession_date: Mapped[date | None] = mapped_column(Date)
    vat_number: Mapped[str | None] = mapped_column(String(12), unique=True)

    registered_address: Mapped[str | None] = mapped_column(Text)
    registered_postcode: Mapped[str | None] = mapped_column(String(8))
    invoice_address: Mapped[str | None] = mapped_column(Text)
    invoice_postcode: Mapped[str | None] = mapped_column(String(8))
    invoice_email: Mapped[str | None] = mapped_column(String(254))
    notices_address: Mapped[str | None] = mapped_column(Text)
    notices_postcode: Mapped[str | None] = mapped_column(String(8))
    notices_email: Mapped[str | None] = mapped_column(String(254))

    # The "Last Updated" the Party Details list shows: kept from an imported file, set to
    # today by every edit made here.
    last_updated: Mapped[date | None] = mapped_column(Date)

    voting_group: Mapped[VotingGroup | None] = relationship(back_populates="parties")
    previous_names: Mapped[list[PartyName]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="PartyName.changed_on"
    )
    licences: Mapped[list[EnergyLicence]] = relationship(
        cascade="all, delete-orphan", order_by="EnergyLicence.id"
    )
    affiliates: Mapped[list[Affiliate]] = relationship(
        cascade="all, delete-orphan", order_by="Affiliate.id", foreign_keys="Affiliate.party_id"
    )
    mpids: Mapped[list[Mpid]] = relationship(cascade="all, delete-orphan", order_by="Mpid.code")
    gas_identifiers: Mapped[list[GasIdentifier]] = relationship(
        cascade="all, delete-orphan", order_by="GasIdentifier.code"
    )
    dcc_roles: Mapped[list[PartyDccRole]] = relationship(
        cascade="all, delete-orphan", order_by="PartyDccRole.role"
    )
    testing: Mapped[list[TestingCompletion]] = relationship(
        cascade="all, delete-orphan",
        order_by="(TestingCompletion.completed_on, TestingCompletion.test, TestingCompletion.id)",
    )
    events: Mapped[list[MembershipEvent]] = relationship(
        back_populates="party",
        cascade="all, delete-orphan",
        # Undated events last, on both backends (SQLite sorts NULL first, PostgreSQL last).
        order_by="(MembershipEvent.occurred_on.is_(None), MembershipEvent.occurred_on, "
        "MembershipEvent.id)",
    )

    def __repr__(self) -> str:
        return f"<Party {self.id} {self.name!r}>"


class _PartyChild(Audited):
    __audit_owner__ = ("party", "party_id")


class PartyName(_PartyChild, Base):
    """A name the Party was known by before, and the day it stopped using it."""

    __tablename__ = "party_name"
    __label__ = "Previous name"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    changed_on: Mapped[date] = mapped_column(Date)

    party: Mapped[Party] = relationship(back_populates="previous_names")


class EnergyLicence(_PartyChild, Base):
    __tablename__ = "energy_licence"
    __label__ = "Energy licence"
    __table_args__ = (UniqueConstraint("licence_type", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    licence_type: Mapped[LicenceType] = mapped_column(enum_column(LicenceType, "licence_type"))
    reference: Mapped[str] = mapped_column(String(60))


class Affiliate(_PartyChild, Base):
    """Another organisation in the Party's group; ``affiliate_party_id`` is set when that
    organisation is itself a Party."""

    __tablename__ = "affiliate"
    __label__ = "Affiliate"
    __table_args__ = (UniqueConstraint("party_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    affiliate_party_id: Mapped[int | None] = mapped_column(
        ForeignKey("party.id", ondelete="SET NULL")
    )
    # Set as an object when the affiliate Party is itself not yet written (an import).
    affiliate_party: Mapped[Party | None] = relationship(foreign_keys=[affiliate_party_id])


class Mpid(_PartyChild, Base):
    """Market Participant Identifier: unique across the register."""

    __tablename__ = "mpid"
    __label__ = "MPID"
    __table_args__ = (CheckConstraint("length(code) = 4", name="code_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(4), unique=True)


class GasIdentifier(_PartyChild, Base):
    __tablename__ = "gas_identifier"
    __label__ = "Gas identifier"
    __table_args__ = (CheckConstraint("length(code) = 3", name="code_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)


class PartyDccRole(_PartyChild, Base):
    """A DCC User role the Party holds, with the day its User Entry Process completed."""

    __tablename__ = "party_dcc_role"
    __label__ = "DCC User role"
    __table_args__ = (UniqueConstraint("party_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    role: Mapped[DccUserRole] = mapped_column(enum_column(DccUserRole, "dcc_role"))
    uep_completed_on: Mapped[date | None] = mapped_column(Date)
    # Why UEP was recorded without an approved security (or privacy) assessment, when it
    # was (secdesk.services.uep_gate): kept, and in the audit trail.
    gate_reason: Mapped[str | None] = mapped_column(Text)


class TestingCompletion(_PartyChild, Base):
    """An entry test the Party completed: SREPT once, UEPT once for each DCC User role."""

    __tablename__ = "testing_completion"
    __label__ = "Testing completion"
    __table_args__ = (
        UniqueConstraint("party_id", "test", "role"),
        CheckConstraint(
            "(test = 'SREPT' AND role IS NULL) OR (test = 'UEPT' AND role IS NOT NULL)",
            name="testing_role",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    test: Mapped[EntryTest] = mapped_column(enum_column(EntryTest, "entry_test"))
    role: Mapped[DccUserRole | None] = mapped_column(enum_column(DccUserRole, "dcc_role"))
    completed_on: Mapped[date] = mapped_column(Date)


class MembershipEvent(_PartyChild, Base):
    """Accession, default and its cure, withdrawal, expulsion: the Party's status follows
    from these (services.membership)."""

    __tablename__ = "membership_event"
    __label__ = "Membership event"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MembershipEventKind] = mapped_column(
        enum_column(MembershipEventKind, "event_kind")
    )
    # None: the event happened (a status read from a file that gave no date) but when is
    # not known; it sets the status and is counted in no month.
    occurred_on: Mapped[date | None] = mapped_column(Date, index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(120))

    party: Mapped[Party] = relationship(back_populates="events")
