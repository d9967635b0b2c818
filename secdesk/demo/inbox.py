"""A morning's e-mail waiting in the demo Inbox: twenty messages from the Parties'
operations contacts (so the Party is suggested), about the helpdesk's usual topics, and
two automatic replies that arrive set aside, and a reply to an enquiry logged the day
before (shown under that enquiry)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.demo.email_text import email_text
from secdesk.demo.vocabulary import CATEGORY_WEIGHTS
from secdesk.domain import DEFAULT_CATEGORIES, Enquiry, OperationsContact
from secdesk.mail.reading import read_message
from secdesk.services import inbox

MORNING = 20


def _mail(sender: str, subject: str, body: str, when: datetime, **headers: str) -> bytes:
    made = EmailMessage()
    made["From"] = sender
    made["To"] = "helpdesk@secas.example"
    made["Subject"] = subject
    made["Date"] = format_datetime(when)
    made["Message-ID"] = make_msgid(domain="demo.example")
    for name, value in headers.items():
        made[name.replace("_", "-")] = value
    made.set_content(body)
    return made.as_bytes()


def make_inbox(session: Session, rng: random.Random, today: date) -> int:
    """Store the morning's messages; returns how many."""
    contacts = session.execute(
        select(OperationsContact.name, OperationsContact.email).order_by(OperationsContact.id)
    ).all()
    if not contacts:
        return 0
    start = datetime.combine(today, time(7, 0), tzinfo=UTC) - timedelta(days=1)
    raw = []
    for n in range(MORNING):
        name, address = rng.choice(contacts)
        category = rng.choices(DEFAULT_CATEGORIES, weights=CATEGORY_WEIGHTS)[0]
        subject, body = email_text(category, rng, name)
        when = start + timedelta(minutes=37 * n + rng.randint(0, 20))
        raw.append(_mail(f"{name} <{address}>", subject, body, when))
    for n in range(2):
        name, address = rng.choice(contacts)
        when = start + timedelta(hours=2 + n)
        raw.append(
            _mail(
                f"{name} <{address}>",
                "Automatic reply: SEC query",
                f"I am out of the office until Monday.\n{name}",
                when,
                Auto_Submitted="auto-replied",
            )
        )
    raw += _reply(session, start)
    stored = inbox.store_messages(session, [read_message(r) for r in raw], "demo")
    return stored.added


def _reply(session: Session, start: datetime) -> list[bytes]:
    """The enquirer of the latest e-mail enquiry writes again: "RE:" its subject."""
    latest = session.execute(
        select(Enquiry.enquirer_name, Enquiry.enquirer_email, Enquiry.subject)
        .where(Enquiry.enquirer_email.is_not(None), Enquiry.received_at < start)
        .order_by(Enquiry.received_at.desc())
        .limit(1)
    ).first()
    if latest is None:
        return []
    name, address, subject = latest
    body = (
        f"Thanks for coming back to me so quickly. One more thing on this: could you "
        f"confirm when the change will show in the published list?\n\nKind regards\n{name}"
    )
    when = start + timedelta(hours=1, minutes=12)
    return [_mail(f"{name} <{address}>", f"RE: {subject}", body, when)]
