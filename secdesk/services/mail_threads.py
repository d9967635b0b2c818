"""Which enquiry an e-mail answers. A reply in the thread of an enquiry already logged —
its In-Reply-To or References name a message logged as (or into) that enquiry, or it is
"RE: <the enquiry's subject>" from the enquiry's own sender — belongs to that enquiry: it
is shown under it in the Inbox and logged into it (its words added to the enquiry's notes)
rather than counted as a new enquiry, unless the user says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.domain import Enquiry, EnquiryStatus, MailMessage
from secdesk.errors import NotFoundError, ValidationError
from secdesk.months import UK_TIME
from secdesk.services import enquiries

# "RE:", "Re[2]:", "FW:", "AW:" (German), "SV:" (Scandinavian), "Antw:" (Dutch), "RIF:"…
_PREFIX = re.compile(r"^\s*(re|fw|fwd|aw|sv|vs|antw|wg|rif|r|tr)\s*(\[\d+\])?\s*:\s*", re.I)
_REPLY = re.compile(r"^\s*(re|aw|sv|vs|antw|rif|r)\s*(\[\d+\])?\s*:", re.I)
_IDS = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class Thread:
    """The enquiry a message answers."""

    enquiry_id: int
    subject: str
    how: str  # "in its thread" or "same subject and sender": why it was joined


def bare_subject(subject: str) -> str:
    """The subject without its reply and forward prefixes, spaces and case: what a thread
    keeps from message to message."""
    previous = None
    text = subject
    while previous != text:
        previous, text = text, _PREFIX.sub("", text, count=1)
    return " ".join(text.split()).casefold()


def is_reply(subject: str) -> bool:
    return _REPLY.match(subject) is not None


def referenced_ids(in_reply_to: str | None, references: str | None) -> list[str]:
    """The Message-IDs a message answers, the one it replies to first."""
    found: list[str] = []
    for header in (in_reply_to, references):
        for message_id in _IDS.findall(header or ""):
            if message_id not in found:
                found.append(message_id)
    return found


def threads(session: Session, messages: Sequence[MailMessage]) -> dict[int, Thread]:
    """The enquiry each message (that answers one) belongs to, by message id."""
    wanted = {m.id: referenced_ids(m.in_reply_to, m.references) for m in messages}
    every_id = {i for ids in wanted.values() for i in ids}
    logged: dict[str, int] = {}
    if every_id:
        rows = session.execute(
            select(MailMessage.message_id, MailMessage.enquiry_id).where(
                MailMessage.message_id.in_(every_id), MailMessage.enquiry_id.is_not(None)
            )
        )
        logged = {message_id: enquiry_id for message_id, enquiry_id in rows if enquiry_id}
    found: dict[int, int] = {}
    how: dict[int, str] = {}
    for message in messages:
        for message_id in wanted[message.id]:
            if message_id in logged and logged[message_id] != message.enquiry_id:
                found[message.id], how[message.id] = logged[message_id], "in its thread"
                break
    by_subject = [
        m
        for m in messages
        if m.id not in found and m.from_address and is_reply(m.subject) and m.enquiry_id is None
    ]
    senders = {m.from_address.casefold() for m in by_subject if m.from_address}
    if senders:
        earlier: dict[tuple[str, str], list[tuple[datetime, int]]] = {}
        same_sender = select(
            Enquiry.id, Enquiry.enquirer_email, Enquiry.subject, Enquiry.received_at
        ).where(func.lower(Enquiry.enquirer_email).in_(senders))
        for enquiry_id, email, subject, received in session.execute(same_sender):
            key = ((email or "").casefold(), bare_subject(subject))
            earlier.setdefault(key, []).append((received, enquiry_id))
        for message in by_subject:
            key = ((message.from_address or "").casefold(), bare_subject(message.subject))
            before = [e for e in earlier.get(key, []) if e[0] <= message.received_at]
            if before:
                found[message.id], how[message.id] = max(before)[1], "same subject and sender"
    chosen = select(Enquiry.id, Enquiry.subject).where(Enquiry.id.in_(set(found.values())))
    subjects = {enquiry_id: subject for enquiry_id, subject in session.execute(chosen)}
    return {
        message_id: Thread(enquiry_id, subjects.get(enquiry_id, ""), how[message_id])
        for message_id, enquiry_id in found.items()
        if enquiry_id in subjects
    }


def log_into(session: Session, message: MailMessage, enquiry_id: int) -> int:
    """Log the message as part of the enquiry: its words go at the end of the enquiry's
    notes, and an enquiry waiting on the Party or resolved is open again (the Party has
    written). Returns the enquiry's id."""
    enquiry = session.get(Enquiry, enquiry_id)
    if enquiry is None:
        raise NotFoundError("Enquiry", enquiry_id)
    if message.enquiry_id is not None:
        raise ValidationError("E-mail", f"message {message.id} is already logged")
    when = message.received_at.astimezone(UK_TIME).strftime("%d/%m/%Y %H:%M")
    sender = message.from_name or message.from_address or "the sender"
    addition = f"--- Reply from {sender}, {when} ---\n{(message.body or '').strip()}".rstrip()
    notes = enquiries.shortened_notes(((enquiry.notes or "").rstrip() + "\n\n" + addition).strip())
    changes: dict[str, object] = {"notes": notes}
    if enquiry.status is not EnquiryStatus.OPEN:
        changes["status"] = EnquiryStatus.OPEN
    enquiries.update_enquiry(session, enquiry_id, changes, enquiry.version)
    return enquiry_id
