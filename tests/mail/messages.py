"""E-mails for the tests, made with Python's own email library (as a mail program would
make them), not typed by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


def message(
    *,
    sender: str = "Jo Bloggs <jo.bloggs@albion.example>",
    subject: str = "Where can I find the SEC?",
    body: str = "Hello,\n\nWhere is the latest SEC?\n\nJo",
    date: datetime | None = None,
    headers: dict[str, str] | None = None,
    html: str | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    made = EmailMessage()
    made["From"] = sender
    made["To"] = "helpdesk@secas.example"
    made["Subject"] = subject
    made["Date"] = format_datetime(date or datetime(2026, 11, 2, 9, 30, tzinfo=UTC))
    made["Message-ID"] = message_id or make_msgid(domain="albion.example")
    for name, value in (headers or {}).items():
        made[name] = value
    if html is not None and body:
        made.set_content(body)
        made.add_alternative(html, subtype="html")
    elif html is not None:
        made.set_content(html, subtype="html")
    else:
        made.set_content(body)
    return made
