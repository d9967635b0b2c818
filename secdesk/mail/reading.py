"""One e-mail's bytes, as the inbox keeps it: sender, subject (RFC 2047 decoded), when it
arrived, its thread headers, the text of its body (HTML turned into text), the names of its
attachments (never their contents), and whether it is an automatic message rather than an
enquiry. Whatever the message — a charset it does not declare, a part that will not decode,
headers that break the rules — it is read as far as it can be, never refused with a crash.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from secdesk.services.inbox import Incoming

_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")

# Subjects of automatic replies, in the words Outlook and others use.
_AUTOMATIC_SUBJECTS = re.compile(
    r"^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|autoreply|"
    r"undeliverable|delivery status notification|mail delivery (failed|failure)|"
    r"returned mail)\b",
    re.IGNORECASE,
)
_DAEMONS = ("mailer-daemon@", "postmaster@")


def read_message(data: bytes, *, received: datetime | None = None) -> Incoming:
    """``data``: the message as sent (RFC 5322). ``received``: when the server took it in
    (IMAP's INTERNALDATE), which outranks any header."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    from_name, from_address = sender_of(message)
    subject = header(message, "Subject")
    return Incoming(
        message_id=header(message, "Message-ID") or made_up_id(data),
        from_name=from_name,
        from_address=from_address,
        subject=" ".join(subject.split()),
        received_at=received_time(message, received),
        in_reply_to=header(message, "In-Reply-To") or None,
        references=header(message, "References") or None,
        body=_body(message),
        attachments=_attachment_names(message),
        auto_reason=automatic_reason(message, subject, from_address),
    )


def header(message: Message, name: str) -> str:
    """A header's text (decoded), or empty: a malformed header is read raw."""
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError):  # the policy could not parse it
        raw = message.get_all(name, failobj=[]) if hasattr(message, "get_all") else []
        value = raw[0] if raw else None
    return str(value).strip() if value is not None else ""


def made_up_id(data: bytes) -> str:
    """A message without a Message-ID is known by its content: read twice, stored once."""
    return f"<{hashlib.sha256(data).hexdigest()[:40]}@no-message-id.secdesk>"


def sender_of(message: Message) -> tuple[str | None, str | None]:
    raw = header(message, "From") or header(message, "Sender")
    pairs = getaddresses([raw])
    name, address = pairs[0] if pairs else ("", "")
    address = address.strip().strip("<>").strip()
    if "@" not in address:  # "From: Helpdesk" with no address at all
        return (name or raw or None), None
    return (name.strip() or None), address.lower()


def received_time(message: Message, received: datetime | None) -> datetime:
    """When it arrived: the server's own time, else the last hop's Received date, else
    the sender's Date, else now."""
    if received is not None:
        return received.astimezone(UTC) if received.tzinfo else received.replace(tzinfo=UTC)
    stamps = [r.rpartition(";")[2] for r in message.get_all("Received", failobj=[]) or []]
    stamps.append(header(message, "Date"))
    for stamp in stamps:
        try:
            found = parsedate_to_datetime(str(stamp).strip())
        except (TypeError, ValueError, IndexError):
            continue
        if found is not None:
            return found.astimezone(UTC) if found.tzinfo else found.replace(tzinfo=UTC)
    return datetime.now(UTC)


def _text_of(part: Message) -> str:
    """A text part's words, whatever its charset claims: the declared one if the bytes
    are really in it, else UTF-8, else Windows-1252 (what Outlook sends unlabelled), else
    Latin-1 (which reads any byte)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(part.get_payload() or "")
    for charset in (part.get_content_charset(), "utf-8", "cp1252"):
        if not charset:
            continue
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


_BLOCKS = ("p", "div", "li", "tr", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")


def html_to_text(html: str) -> str:
    """The words of an HTML body, a line a paragraph (an inline <b> stays inline)."""
    from bs4 import BeautifulSoup  # only for a message with no plain text

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head", "title"]):
        hidden.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n")
        block.append("\n")
    return soup.get_text()


def tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _body(message: Message) -> str:
    part: Message | None = None
    if isinstance(message, EmailMessage):
        try:
            part = message.get_body(preferencelist=("plain", "html"))
        except (KeyError, ValueError, AttributeError):
            part = None
    if part is None and not message.is_multipart():
        part = message
    if part is None:
        return ""
    text = _text_of(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return tidy(text)


def _attachment_names(message: Message) -> tuple[str, ...]:
    names = []
    parts = message.iter_attachments() if isinstance(message, EmailMessage) else []
    try:
        for part in parts:
            name = part.get_filename()
            names.append(str(name) if name else f"(unnamed {part.get_content_type()})")
    except (KeyError, ValueError, AttributeError):
        pass  # a broken structure: the names that could be read
    return tuple(names)


def automatic_reason(message: Message, subject: str, address: str | None) -> str | None:
    """Why the message is not an enquiry, if it is sent by a machine: an automatic reply,
    a bounce, bulk mail or a newsletter (RFC 3834, Precedence, List-Id and the like)."""
    auto = header(message, "Auto-Submitted").lower()
    if auto and auto != "no":
        return "an automatic reply"
    if header(message, "X-Autoreply") or header(message, "X-Autorespond"):
        return "an automatic reply"
    if message.get_content_type() == "multipart/report" or (
        address is not None and address.startswith(_DAEMONS)
    ):
        return "a delivery failure (bounce)"
    if header(message, "Precedence").lower() in ("bulk", "junk", "list"):
        return "bulk mail"
    if header(message, "List-Id") or header(message, "List-Unsubscribe"):
        return "a mailing list or newsletter"
    if _AUTOMATIC_SUBJECTS.match(subject):
        return "an automatic reply"
    return None
