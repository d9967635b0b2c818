"""Security and privacy assessments, and the SEC obligations with deadlines that go with
them (secdesk.services.obligations computes the dates; none is typed).

- An assessment is booked by an Assessment Application Form at least 12 weeks before the
  date the Party wants to be assessed; its fieldwork and outcome follow; a VUSA with
  non-compliances may need a remediation plan and then a director-signed cover letter for
  the Security Sub-Committee's approval.
- A Party's security profile: whether it uses a Shared Resource Provider (and so owes a
  G5.27 return every six months), whether it has crossed 250,000 premises (which changes its
  year-3 assessment), and how it meets G3.17-G3.20 (a Letter of Intent or an MoU).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.domain.base import Audited, Base, Versioned, enum_column
from secdesk.domain.enums import AssessmentKind, AssessmentOutcome, NotifyAgreement
from secdesk.domain.party import Party


class Assessment(Versioned, Audited, Base):
    __tablename__ = "assessment"
    __label__ = "Assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AssessmentKind] = mapped_column(enum_column(AssessmentKind, "assessment_kind"))
    application_received: Mapped[date] = mapped_column(Date)
    # The date the Party asked to be assessed: at least 12 weeks after the application.
    requested_for: Mapped[date] = mapped_column(Date, index=True)
    fieldwork_start: Mapped[date | None] = mapped_column(Date)
    fieldwork_end: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[AssessmentOutcome | None] = mapped_column(
        enum_column(AssessmentOutcome, "assessment_outcome")
    )
    outcome_on: Mapped[date | None] = mapped_column(Date, index=True)
    # A VUSA's remaining non-compliances, and what follows from them.
    non_compliances: Mapped[bool] = mapped_column(Boolean, default=False)
    remediation_due: Mapped[date | None] = mapped_column(Date)  # set: a plan is required
    remediation_received: Mapped[date | None] = mapped_column(Date)
    director_letter_received: Mapped[date | None] = mapped_column(Date)
    ssc_approved_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    party: Mapped[Party] = relationship()


class SecurityProfile(Versioned, Audited, Base):
    """What a Party's obligations depend on (one row a Party, made when first set)."""

    __tablename__ = "security_profile"
    __label__ = "Security profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), unique=True)
    # The Shared Resource Provider the Party uses, and since when (G5.27 returns are due
    # every six months from then).
    shared_resource_provider: Mapped[str | None] = mapped_column(String(160))
    srp_since: Mapped[date | None] = mapped_column(Date)
    # When it crossed 250,000 premises (SMETS1 enrolment and adoption, say).
    over_250k_since: Mapped[date | None] = mapped_column(Date)
    notify_agreement: Mapped[NotifyAgreement | None] = mapped_column(
        enum_column(NotifyAgreement, "notify_agreement")
    )
    notify_agreement_received: Mapped[date | None] = mapped_column(Date)

    party: Mapped[Party] = relationship()


class G527Return(Versioned, Audited, Base):
    """A six-monthly return under SEC G5.27: how many Smart Metering Systems in the Party's
    portfolio can send Critical Requests to the DCC (from the Party or its SRP)."""

    __tablename__ = "g527_return"
    __label__ = "G5.27 return"
    __table_args__ = (UniqueConstraint("party_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date)  # the six-monthly date it answers
    received_on: Mapped[date] = mapped_column(Date)
    sms_count: Mapped[int] = mapped_column(Integer)
    from_srp: Mapped[bool] = mapped_column(Boolean, default=False)


class EnquiryAssessment(Audited, Base):
    """The assessment a User CIO Assessments enquiry is about (at most one an enquiry)."""

    __tablename__ = "enquiry_assessment"
    __label__ = "Enquiry about an assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    enquiry_id: Mapped[int] = mapped_column(
        ForeignKey("enquiry.id", ondelete="CASCADE"), unique=True
    )
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
