"""The helpdesk inbox: e-mails read from a mailbox or from files, waiting to be logged as
enquiries. A message is stored once, whoever reads it and however often (its Message-ID
is unique). Its body is personal data: only a logged message keeps it for good; one set
aside drops it at once, and one never logged goes after the retention period.

The audit trail records who logged or set aside a message and which enquiry it became —
never its headers or body (they are excluded below).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from secdesk.domain.base import Audited, Base, UTCDateTime, Versioned, enum_column, utcnow
from secdesk.domain.enums import MailState


class MailAccount(Versioned, Audited, Base):
    """A mailbox the helpdesk reads (``imaps://user@host/INBOX``): its password is in the
    OS keyring, never here. Where the last fetch got to is kept, so each fetch reads only
    what is new; a mailbox whose UIDVALIDITY changed is read again from the start (the
    Message-IDs keep that from storing anything twice)."""

    __tablename__ = "mail_account"
    __label__ = "Mail account"
    __audit_exclude__ = frozenset(
        {"version", "created_at", "updated_at", "uid_validity", "last_uid", "fetched_at"}
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    url: Mapped[str] = mapped_column(String(500))
    uid_validity: Mapped[int | None] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MailMessage(Versioned, Audited, Base):
    __tablename__ = "mail_message"
    __label__ = "E-mail"
    __table_args__ = (Index("ix_mail_message_state_received_at", "state", "received_at"),)
    __audit_exclude__ = frozenset(
        {
            "version",
            "created_at",
            "updated_at",
            "source",
            "message_id",
            "from_name",
            "from_address",
            "subject",
            "received_at",
            "in_reply_to",
            "references",
            "body",
            "attachments",
            "auto_reason",
            "fetched_at",
        }
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Where it came from: "file Helpdesk query.eml", "imap helpdesk".
    source: Mapped[str] = mapped_column(String(200))
    # Unique: the same message read twice (or by two people at once) is stored once.
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    from_name: Mapped[str | None] = mapped_column(String(200))
    from_address: Mapped[str | None] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(998), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    in_reply_to: Mapped[str | None] = mapped_column(String(998))
    references: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    attachments: Mapped[str | None] = mapped_column(Text)  # names, one a line
    state: Mapped[MailState] = mapped_column(
        enum_column(MailState, "mail_state"), default=MailState.NEW
    )
    # Why it was set aside on arrival ("an automatic reply"), so that it can be brought back.
    auto_reason: Mapped[str | None] = mapped_column(String(120))
    enquiry_id: Mapped[int | None] = mapped_column(
        ForeignKey("enquiry.id", ondelete="SET NULL"), index=True
    )
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
