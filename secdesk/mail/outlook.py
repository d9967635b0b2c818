"""Outlook's own message files (``.msg``: what Outlook saves, and what it hands over when a
message is dragged out of it) read into the same shape as any e-mail, with extract-msg.
Outlook keeps the message's internet headers when it came from outside; where it did not
(a message sent within the organisation), its properties say the rest.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import Parser
from email.utils import getaddresses
from typing import Any

from secdesk.errors import ValidationError
from secdesk.mail import reading
from secdesk.services.inbox import Incoming

# Every Outlook (and OLE compound) file starts so.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Outlook's classes for what a machine sends: out-of-office and rule replies, delivery and
# read reports, recalls.
_AUTOMATIC_CLASSES = {
    "ipm.note.rules.ooftemplate.microsoft": "an automatic reply",
    "ipm.note.rules.replytemplate.microsoft": "an automatic reply",
    "report.ipm.note.ndr": "a delivery failure (bounce)",
    "report.ipm.note.dr": "a delivery report",
    "report.ipm.note.ipnrn": "a read receipt",
    "report.ipm.note.ipnnrn": "a read receipt",
    "ipm.recall.message": "a recalled message",
}
# Outlook's properties for the sender (PR_SENDER_…, PR_SENT_REPRESENTING_…): an Exchange
# sender's own address is a directory name, their SMTP address is beside it.
_SENDER_NAME, _REPRESENTING_NAME = "__substg1.0_0C1A", "__substg1.0_0042"
_SMTP_ADDRESS, _SENDER_ADDRESS = "__substg1.0_5D01", "__substg1.0_0C1F"
_REPRESENTING_SMTP_ADDRESS = "__substg1.0_5D02"


def is_outlook_message(data: bytes) -> bool:
    return data[: len(OLE_SIGNATURE)] == OLE_SIGNATURE


def read_outlook_message(data: bytes, name: str) -> Incoming:
    """The message in ``data`` (a .msg file's bytes); ``name`` says which file in a refusal."""
    import extract_msg  # only when an Outlook message is read
    from extract_msg.msg_classes.message_base import MessageBase

    logging.getLogger("extract_msg").setLevel(logging.ERROR)  # its notes are not the user's
    try:
        msg = extract_msg.openMsg(data)
    except Exception as exc:  # a damaged file fails in many ways deep in the library
        raise ValidationError(name, f"is not an Outlook message that can be read ({exc})") from None
    try:
        if not isinstance(msg, MessageBase):
            kind = type(msg).__name__.lower()
            raise ValidationError(name, f"is an Outlook {kind}, not an e-mail")
        return _incoming(msg, data)
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(name, f"is an Outlook message that cannot be read ({exc})") from None
    finally:
        msg.close()


def _incoming(msg: Any, data: bytes) -> Incoming:
    headers = _headers(msg)
    subject = " ".join(str(msg.subject or reading.header(headers, "Subject")).split())
    from_name, from_address = reading.sender_of(headers)
    if from_address is None:
        from_name, from_address = _sender(msg)
    received = _aware(msg.receivedTime) or _aware(msg.date)
    auto = _AUTOMATIC_CLASSES.get(str(msg.classType or "").lower())
    references = reading.header(headers, "References") or msg.getStringStream(
        "__substg1.0_1039"  # PR_INTERNET_REFERENCES
    )
    return Incoming(
        message_id=str(msg.messageId or "").strip()
        or reading.header(headers, "Message-ID")
        or reading.made_up_id(data),
        from_name=from_name,
        from_address=from_address,
        subject=subject,
        received_at=reading.received_time(headers, received),
        in_reply_to=str(msg.inReplyTo or "").strip()
        or reading.header(headers, "In-Reply-To")
        or None,
        references=references or None,
        body=_body(msg),
        attachments=tuple(_attachment_name(a) for a in msg.attachments),
        auto_reason=auto or reading.automatic_reason(headers, subject, from_address),
    )


def _headers(msg: Any) -> EmailMessage:
    """The internet headers Outlook kept, or none (an empty message to ask)."""
    text = msg.headerText or ""
    parsed = Parser(policy=policy.default).parsestr(text.strip() + "\n\n", headersonly=True)
    return parsed if isinstance(parsed, EmailMessage) else EmailMessage()


def _sender(msg: Any) -> tuple[str | None, str | None]:
    """The sender from Outlook's properties: the SMTP address where the sender is an
    Exchange directory name, else the address as given."""
    name = msg.getStringStream(_SENDER_NAME) or msg.getStringStream(_REPRESENTING_NAME)
    for stream in (_SMTP_ADDRESS, _SENDER_ADDRESS, _REPRESENTING_SMTP_ADDRESS):
        address = str(msg.getStringStream(stream) or "").strip()
        if "@" in address:
            break
    else:
        pairs = getaddresses([str(msg.sender or "")])
        address = pairs[0][1] if pairs else ""
        name = name or (pairs[0][0] if pairs else None)
    address = address.strip().strip("<>").lower()
    return (str(name).strip() or None) if name else None, (address if "@" in address else None)


def _body(msg: Any) -> str:
    text = msg.body
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if text and str(text).strip():
        return reading.tidy(str(text))
    html = msg.htmlBody
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    return reading.tidy(reading.html_to_text(str(html))) if html else ""


def _attachment_name(attachment: Any) -> str:
    for field in ("longFilename", "shortFilename", "displayName", "name"):
        value = getattr(attachment, field, None)
        if value:
            return str(value)
    return "(an attached message)" if getattr(attachment, "type", None) == "msg" else "(unnamed)"


def _aware(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else None  # a time without a zone is not to be trusted
