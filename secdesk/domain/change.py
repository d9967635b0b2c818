"""Change in Party Details requests, their per-field items, and the notifications that
actioning them yields for the DCC and Alt HAN Co."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from secdesk.domain.base import Audited, Base, UTCDateTime, Versioned, enum_column, utcnow
from secdesk.domain.enums import ChangeDecision, ChangeRequestStatus, NotificationRecipient
from secdesk.domain.party import Party


class ChangeRequest(Versioned, Audited, Base):
    __tablename__ = "change_request"
    __label__ = "Change request"
    __audit_owner__ = ("party", "party_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    requester_name: Mapped[str] = mapped_column(String(120))
    requester_email: Mapped[str] = mapped_column(String(254))
    notify_dcc: Mapped[bool] = mapped_column(Boolean, default=False)
    notify_alt_han: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[ChangeRequestStatus] = mapped_column(
        enum_column(ChangeRequestStatus, "status"), default=ChangeRequestStatus.OPEN, index=True
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(120))

    party: Mapped[Party] = relationship()
    items: Mapped[list[ChangeRequestItem]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="ChangeRequestItem.id"
    )


class ChangeRequestItem(Audited, Base):
    """One requested field change. ``field`` is a Party field key (``vat_number``) or an
    operations contact's (``contact/12/email``). ``validation_error`` holds why the requested
    value breaks the field's rule; such an item cannot be approved until corrected. When the
    request is actioned, ``old_value`` and ``new_value`` keep the field as it read before and
    after, in words: the notifications list the approved items whose two differ."""

    __tablename__ = "change_request_item"
    __label__ = "Requested change"
    __audit_owner__ = ("change_request", "request_id")
    __table_args__ = (UniqueConstraint("request_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("change_request.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(60))
    requested_value: Mapped[str | None] = mapped_column(Text)
    validation_error: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[ChangeDecision] = mapped_column(
        enum_column(ChangeDecision, "decision"), default=ChangeDecision.PENDING
    )
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    request: Mapped[ChangeRequest] = relationship(back_populates="items")


class Notification(Versioned, Audited, Base):
    """What the DCC or Alt HAN Co must be told about an actioned request."""

    __tablename__ = "notification"
    __label__ = "Notification"
    __audit_owner__ = ("change_request", "request_id")
    __table_args__ = (UniqueConstraint("request_id", "recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("change_request.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[NotificationRecipient] = mapped_column(
        enum_column(NotificationRecipient, "recipient")
    )
    body: Mapped[str] = mapped_column(Text)
    produced_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_by: Mapped[str | None] = mapped_column(String(120))
