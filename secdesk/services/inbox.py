"""The helpdesk inbox: store the e-mails read from a mailbox or from files (each once, by
its Message-ID), list those waiting with the Party each is most likely from, log them as
enquiries, set them aside, bring them back, and forget the unlogged ones after the
retention period. Reading a message's bytes is secdesk.mail's; this is the store's side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import Channel, EnquiryStatus, MailMessage, MailState, OperationsContact, Party
from secdesk.domain.base import utcnow
from secdesk.errors import NotFoundError, ValidationError
from secdesk.services import enquiries, mail_threads, store_settings
from secdesk.services.mail_threads import Thread

if TYPE_CHECKING:
    from secdesk.services.category_suggestions import Suggester, Suggestion


@dataclass(frozen=True)
class Incoming:
    """A message as read (secdesk.mail.reading): what logging needs, never attachments."""

    message_id: str
    from_name: str | None
    from_address: str | None
    subject: str
    received_at: datetime
    in_reply_to: str | None
    references: str | None
    body: str
    attachments: tuple[str, ...]
    auto_reason: str | None  # why it is not an enquiry (an auto-reply, a bounce), if it is not


@dataclass(frozen=True)
class Stored:
    added: int
    already: int  # read before (here, or by a colleague)
    set_aside: int  # of those added, recognised as not enquiries (auto-replies and the like)


@dataclass(frozen=True)
class InboxRow:
    id: int
    message_id: str
    from_name: str | None
    from_address: str | None
    subject: str
    received_at: datetime
    state: MailState
    auto_reason: str | None
    enquiry_id: int | None
    party: tuple[int, str] | None  # the Party it is most likely from: (id, name)
    # The categories it is most likely about, most likely first (when asked for).
    categories: tuple[Suggestion, ...] = ()
    # The enquiry already logged that it answers (it is logged into that one).
    thread: Thread | None = None


def store_messages(session: Session, messages: Iterable[Incoming], source: str) -> Stored:
    """Store each message not already held. Two readers at once store each message once:
    the Message-ID is unique, and the loser of a race counts it as already read."""
    added = already = set_aside = 0
    for message in messages:
        held = session.scalar(
            select(MailMessage.id).where(MailMessage.message_id == message.message_id)
        )
        if held is not None:
            already += 1
            continue
        aside = message.auto_reason is not None
        row = MailMessage(
            source=source[:200],
            message_id=message.message_id,
            from_name=(message.from_name or None) and message.from_name[:200],
            from_address=(message.from_address or None) and message.from_address[:254],
            subject=message.subject[:998],
            received_at=message.received_at,
            in_reply_to=message.in_reply_to,
            references=message.references,
            body=None if aside else message.body,  # set aside: headers only
            attachments="\n".join(message.attachments) or None,
            state=MailState.NOT_AN_ENQUIRY if aside else MailState.NEW,
            auto_reason=message.auto_reason,
        )
        savepoint = session.begin_nested()
        session.add(row)
        try:
            session.flush()
        except IntegrityError:  # a colleague stored it a moment ago
            savepoint.rollback()
            already += 1
            continue
        savepoint.commit()
        added += 1
        set_aside += aside
    return Stored(added, already, set_aside)


def inbox(
    session: Session, *, everything: bool = False, categories: bool = False
) -> list[InboxRow]:
    """The messages waiting to be logged, oldest first (``everything``: logged and set
    aside too), each with the Party it is most likely from (and, with ``categories``, the
    categories it is most likely about)."""
    query = select(MailMessage).order_by(MailMessage.received_at, MailMessage.id)
    if not everything:
        query = query.where(MailMessage.state == MailState.NEW)
    messages = list(session.scalars(query))
    parties = suggest_parties(session, (m.from_address for m in messages if m.from_address))
    likely = _categories_of(session, messages) if categories else [[] for _ in messages]
    answering = mail_threads.threads(session, [m for m in messages if m.state is MailState.NEW])
    return [
        InboxRow(
            m.id,
            m.message_id,
            m.from_name,
            m.from_address,
            m.subject,
            m.received_at,
            m.state,
            m.auto_reason,
            m.enquiry_id,
            parties.get((m.from_address or "").casefold()),
            tuple(found),
            answering.get(m.id),
        )
        for m, found in zip(messages, likely, strict=True)
    ]


def suggest_parties(
    session: Session, addresses: Iterable[str]
) -> dict[str, tuple[int, str] | None]:
    """The Party each sender is most likely from, by casefolded address: the Party whose
    operations contact or notices address it is; else the one Party whose addresses share
    its domain; else none — never a guess between several."""
    wanted = {a.casefold() for a in addresses if a}
    if not wanted:
        return {}
    # Every address a Party is known by, in one statement.
    contacts = select(OperationsContact.email, Party.id, Party.name).join(
        Party, Party.id == OperationsContact.party_id
    )
    notices = select(Party.notices_email, Party.id, Party.name)
    invoices = select(Party.invoice_email, Party.id, Party.name)
    known: list[Any] = list(session.execute(union_all(contacts, notices, invoices)))
    by_address: dict[str, set[tuple[int, str]]] = {}
    by_domain: dict[str, set[tuple[int, str]]] = {}
    for address, party_id, name in known:
        if not address:
            continue
        folded = address.strip().casefold()
        by_address.setdefault(folded, set()).add((party_id, name))
        by_domain.setdefault(folded.rpartition("@")[2], set()).add((party_id, name))
    found: dict[str, tuple[int, str] | None] = {}
    for address in wanted:
        exact = by_address.get(address, set())
        same_domain = by_domain.get(address.rpartition("@")[2], set())
        candidates = exact or same_domain
        found[address] = next(iter(candidates)) if len(candidates) == 1 else None
    return found


def _messages(session: Session, ids: Sequence[int]) -> list[MailMessage]:
    found = {m.id: m for m in session.scalars(select(MailMessage).where(MailMessage.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFoundError("E-mail", missing[0])
    return [found[i] for i in ids]


def log_messages(
    session: Session,
    ids: Sequence[int],
    *,
    category_id: int | None,
    party_id: int | None = None,
    as_new: bool = False,
) -> list[int]:
    """Log each message as an enquiry — by e-mail, received when the message arrived,
    from its sender, its subject, its body as the notes, open and assigned to the user —
    in the category given, for ``party_id`` (else the Party suggested for its sender, if
    one is). A reply to an enquiry already logged is logged into that enquiry instead
    (secdesk.services.mail_threads), unless ``as_new``. Returns the enquiries' ids, in the
    order given."""
    messages = _messages(session, ids)
    suggested = suggest_parties(session, (m.from_address for m in messages if m.from_address))
    answering = {} if as_new else mail_threads.threads(session, messages)
    logged = []
    for message in messages:
        if message.id in answering:
            logged.append(_log_into(session, message, answering[message.id].enquiry_id))
            continue
        if category_id is None:
            raise ValidationError("Category", f"choose the category of message {message.id}")
        chosen = party_id
        if chosen is None and message.from_address:
            party = suggested.get(message.from_address.casefold())
            chosen = party[0] if party else None
        logged.append(_log_one(session, message, _enquiry_values(message, category_id, chosen)))
    session.flush()
    return logged


def log_as(session: Session, message_id: int, values: Mapping[str, Any]) -> int:
    """Log the message as the enquiry ``values`` describe (the quick-log form, filled from
    the message and changed by the user). Returns the enquiry's id."""
    [message] = _messages(session, [message_id])
    return _log_one(session, message, values)


def _log_into(session: Session, message: MailMessage, enquiry_id: int) -> int:
    if message.state is MailState.LOGGED:
        raise ValidationError("E-mail", f"message {message.id} is already logged")
    mail_threads.log_into(session, message, enquiry_id)
    message.state = MailState.LOGGED
    message.enquiry_id = enquiry_id
    message.auto_reason = None
    return enquiry_id


def _log_one(session: Session, message: MailMessage, values: Mapping[str, Any]) -> int:
    if message.state is MailState.LOGGED:
        raise ValidationError("E-mail", f"message {message.id} is already logged")
    enquiry = enquiries.log_enquiry(session, values)
    message.state = MailState.LOGGED
    message.enquiry_id = enquiry.id
    message.auto_reason = None
    return enquiry.id


def prefilled(session: Session, message_id: int) -> dict[str, Any]:
    """The quick-log form's values for a message: everything logging would use, with the
    likeliest category and the suggested Party, for the user to change first."""
    [message] = _messages(session, [message_id])
    party = suggest_parties(session, [message.from_address] if message.from_address else [])
    party_id = party.get((message.from_address or "").casefold())
    [categories] = suggest_categories(session, [message_id])
    values = _enquiry_values(
        message, categories[0].category_id if categories else 0, party_id[0] if party_id else None
    )
    if not categories:
        values.pop("category_id")
    values["assigned_to"] = session.info.get("user")
    return values


def _enquiry_values(message: MailMessage, category_id: int, party_id: int | None) -> dict[str, Any]:
    subject = " ".join(message.subject.split()) or "(no subject)"
    if len(subject) > enquiries.SUBJECT_LIMIT:
        subject = subject[: enquiries.SUBJECT_LIMIT - 1] + "…"
    notes = enquiries.shortened_notes((message.body or "").strip())
    try:
        email = v.email(message.from_address, "Enquirer e-mail") if message.from_address else None
    except ValidationError:
        email = None  # an address the rules refuse stays in the inbox's record only
    return {
        "received_at": message.received_at,
        "channel": Channel.EMAIL,
        "category_id": category_id,
        "party_id": party_id,
        "enquirer_name": (message.from_name or "")[:120] or None,
        "enquirer_email": email,
        "subject": subject,
        "notes": notes or None,
        "status": EnquiryStatus.OPEN,
    }


def replies(session: Session, ids: Sequence[int]) -> dict[int, Thread]:
    """Of these messages, those answering an enquiry already logged, with that enquiry."""
    return mail_threads.threads(session, _messages(session, ids))


def suggest_categories(session: Session, ids: Sequence[int]) -> list[list[Suggestion]]:
    """Up to three likely categories for each message (secdesk.services.
    category_suggestions); empty lists while the store has too little history."""
    return _categories_of(session, _messages(session, ids)) if ids else []


def _categories_of(session: Session, messages: Sequence[MailMessage]) -> list[list[Suggestion]]:
    if not messages:
        return []
    from secdesk.services.category_suggestions import Suggester, text_of  # scikit-learn

    texts = [text_of(m.subject, m.body) for m in messages]
    key = session.get_bind().engine.url.render_as_string(hide_password=True)
    return _SUGGESTER.setdefault(key, Suggester()).suggestions(session, texts)


# One suggester per store: the model is trained once and kept while the process lives.
_SUGGESTER: dict[str, Suggester] = {}


def dismiss(session: Session, ids: Sequence[int]) -> int:
    """Set messages aside as not enquiries (kept, counted nowhere; headers only from now
    on). A logged message stays logged. Returns how many were set aside."""
    return _move(session, ids, MailState.NEW, MailState.NOT_AN_ENQUIRY, body=None)


def bring_back(session: Session, ids: Sequence[int]) -> int:
    """Put messages set aside back in the inbox (an auto-reply that was a real question)."""
    return _move(session, ids, MailState.NOT_AN_ENQUIRY, MailState.NEW, auto_reason=None)


def _move(
    session: Session, ids: Sequence[int], state: MailState, to: MailState, **clear: None
) -> int:
    """Messages in ``state`` go to ``to`` (with the columns named in ``clear`` emptied);
    others are left as they are. Returns how many moved."""
    moved = [m for m in _messages(session, ids) if m.state is state]
    for message in moved:
        message.state = to
        for column in clear:
            setattr(message, column, None)
    session.flush()
    return len(moved)


def purge(session: Session, *, now: datetime | None = None) -> int:
    """Forget messages never logged that arrived longer ago than the store's retention
    period (a setting, 90 days unless an admin changes it). Returns how many."""
    days = store_settings.get(session, store_settings.MAIL_RETENTION_DAYS)
    cutoff = (now or utcnow()) - timedelta(days=days)
    result = session.execute(
        delete(MailMessage).where(
            MailMessage.state != MailState.LOGGED, MailMessage.received_at < cutoff
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def counts(session: Session) -> dict[MailState, int]:
    """How many messages are in each state."""
    rows = session.execute(select(MailMessage.state, func.count()).group_by(MailMessage.state))
    return {state: 0 for state in MailState} | {state: count for state, count in rows}
