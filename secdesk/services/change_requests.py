"""Change in Party Details requests: intake, review, action, and the notifications for the
DCC and the Alternative HAN Company.

A request names fields by key: a Party field (``vat_number``) or a field of one of the
Party's operations contacts (``contact/12/email``). Requested values are checked with the
very rules the editors use (PARTY_FIELDS, CONTACT_FIELDS); a value that breaks its rule is
recorded with the reason and cannot be approved until corrected. Actioning writes the approved
fields through the registers' own update services, under the versions the reviewer saw, in
the caller's one transaction: a Party or contact changed meanwhile raises ConflictError and
nothing at all is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from secdesk import validate as v
from secdesk.display import as_text, comparable
from secdesk.domain import (
    ChangeDecision,
    ChangeRequest,
    ChangeRequestItem,
    ChangeRequestStatus,
    Notification,
    NotificationRecipient,
    OperationsContact,
    Party,
)
from secdesk.domain.base import utcnow
from secdesk.errors import NotFoundError, ValidationError, ValidationErrors
from secdesk.services.contacts import CONTACT_FIELDS, update_contact
from secdesk.services.fields import (
    Field,
    FieldSet,
    create_record,
    load_for_update,
    referenced,
    required_field,
    save_checked,
)
from secdesk.services.parties import update_party
from secdesk.services.party_fields import PARTY_FIELDS

# What a Party may ask to change. Its name history and "last updated" follow from a change;
# a contact's Party and confirmation date are SECAS's to keep.
PARTY_KEYS = tuple(k for k in PARTY_FIELDS.fields if k not in ("previous_names", "last_updated"))
CONTACT_KEYS = tuple(k for k in CONTACT_FIELDS.fields if k not in ("party_id", "last_confirmed"))
CONTACT_PREFIX = "contact"


def _received_on(raw: Any) -> date:
    when = v.parse_date(raw, "Received on")
    if when > date.today():
        raise ValidationError("Received on", "cannot be in the future")
    return when


REQUEST_FIELDS = FieldSet(
    "Change request",
    Field("party_id", "Party", lambda raw: v.positive_integer(raw, "Party"), required=True),
    Field("received_on", "Received on", _received_on, required=True),
    required_field(
        "requester_name", "Requester's name", lambda raw, label: v.required_text(raw, label, 120)
    ),
    required_field("requester_email", "Requester's e-mail", v.email),
    Field("notify_dcc", "Notify the DCC", lambda raw: v.yes_no(raw, "Notify the DCC")),
    Field("notify_alt_han", "Notify Alt HAN Co", lambda raw: v.yes_no(raw, "Notify Alt HAN Co")),
)


# ---- what a request can name -------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The register field a requested change is for."""

    key: str
    label: str
    field: Field
    record: Party | OperationsContact

    @property
    def ref(self) -> str:
        """The record, as the reviewer's seen versions name it: ``party/3``, ``contact/12``."""
        kind = "party" if isinstance(self.record, Party) else CONTACT_PREFIX
        return f"{kind}/{self.record.id}"

    def current(self) -> Any:
        return self.field.get(self.record)


def contact_key(contact_id: int, field: str) -> str:
    return f"{CONTACT_PREFIX}/{contact_id}/{field}"


def _contact_label(contact: OperationsContact, field: Field) -> str:
    return f"Contact {contact.name}: {field.label}"


def target(session: Session, party: Party, key: str) -> Target:
    """The field ``key`` names, on ``party`` or one of its current contacts."""
    if key in PARTY_KEYS:
        field = PARTY_FIELDS.fields[key]
        return Target(key, field.label, field, party)
    kind, _, rest = key.partition("/")
    contact_id, _, name = rest.partition("/")
    if kind == CONTACT_PREFIX and contact_id.isdigit() and name in CONTACT_KEYS:
        contact = session.get(OperationsContact, int(contact_id))
        if contact is not None and contact.party_id == party.id and contact.retired_at is None:
            field = CONTACT_FIELDS.fields[name]
            return Target(key, _contact_label(contact, field), field, contact)
        raise ValidationError(
            "Requested field", f"{party.name} has no current contact with id {contact_id}"
        )
    raise ValidationError("Requested field", f"{key!r} is not a field a Party can ask to change")


def requestable_fields(session: Session, party_id: int) -> list[tuple[str, str]]:
    """(label, key) of every field a request for this Party may name, in form order."""
    party = session.get(Party, party_id)
    if party is None:
        raise NotFoundError("Party", party_id)
    choices = [(PARTY_FIELDS.label(k), k) for k in PARTY_KEYS]
    contacts = session.scalars(
        select(OperationsContact)
        .where(OperationsContact.party_id == party_id, OperationsContact.retired_at.is_(None))
        .order_by(OperationsContact.name, OperationsContact.id)
    )
    for contact in contacts:
        for k in CONTACT_KEYS:
            field = CONTACT_FIELDS.fields[k]
            choices.append((_contact_label(contact, field), contact_key(contact.id, k)))
    return choices


def field_of(key: str) -> Field:
    """The rule a requested value for ``key`` must pass (no store needed: the form checks
    as the user types)."""
    if key in PARTY_KEYS:
        return PARTY_FIELDS.fields[key]
    kind, _, rest = key.partition("/")
    name = rest.partition("/")[2]
    if kind == CONTACT_PREFIX and name in CONTACT_KEYS:
        return CONTACT_FIELDS.fields[name]
    raise ValidationError("Requested field", f"{key!r} is not a field a Party can ask to change")


def problem(key: str, raw: Any) -> str | None:
    """Why a requested value breaks its field's rule, in words, or None."""
    return _problem(field_of(key), _text(raw))


def may_notify_alt_han(session: Session, party_id: int) -> bool:
    party = session.get(Party, party_id)
    return party is not None and party.category.is_supplier


def _problem(field: Field, raw: str | None) -> str | None:
    """Why ``raw`` breaks the field's rule, in words, or None."""
    try:
        value = field.clean(raw)
    except ValidationErrors as exc:
        return "; ".join(e.message for e in exc.errors)
    except ValidationError as exc:
        return exc.message
    if field.required and value in (None, "", []):
        return "is required"
    return None


def _text(raw: Any) -> str | None:
    return None if v.is_blank(raw) else (raw if isinstance(raw, str) else as_text(raw)).strip()


# ---- intake ------------------------------------------------------------------------------


def _check_consent(session: Session, _: Any, cleaned: dict[str, Any]) -> None:
    party = referenced(session, Party, cleaned.get("party_id"), "Party")
    if party is not None and cleaned.get("notify_alt_han") and not party.category.is_supplier:
        raise ValidationError(
            "Notify Alt HAN Co",
            f"only a Supplier Party can consent to the Alternative HAN Company being notified; "
            f"{party.name} is a {party.category.value} Party",
        )


def record_request(
    session: Session, data: Mapping[str, Any], changes: Mapping[str, Any]
) -> ChangeRequest:
    """A new open request. ``data`` holds the REQUEST_FIELDS; ``changes`` maps field keys to
    the requested values as the Party wrote them. A value that breaks its field's rule is
    kept with the reason (the request is still recorded); an unknown field is refused."""
    if not changes:
        raise ValidationError("Requested changes", "name at least one field to change")
    request = create_record(session, ChangeRequest(), data, REQUEST_FIELDS, _check_consent)
    errors = []
    for key, raw in changes.items():
        try:
            found = target(session, request.party, key)
        except ValidationError as exc:
            errors.append(exc)
            continue
        text = _text(raw)
        request.items.append(
            ChangeRequestItem(
                field=key, requested_value=text, validation_error=_problem(found.field, text)
            )
        )
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    session.flush()
    return request


def _open_request(session: Session, request_id: int, expected_version: int) -> ChangeRequest:
    request = load_for_update(session, ChangeRequest, request_id, expected_version, REQUEST_FIELDS)
    if request.status is not ChangeRequestStatus.OPEN:
        raise ValidationError(
            "Change request",
            f"request {request_id} is already {request.status.value.lower()}; it cannot change",
        )
    return request


def _item(request: ChangeRequest, item_id: int) -> ChangeRequestItem:
    for item in request.items:
        if item.id == item_id:
            return item
    raise NotFoundError("Requested change", item_id)


def correct_value(
    session: Session, request_id: int, item_id: int, value: Any, expected_version: int
) -> ChangeRequest:
    """The reviewer corrects a requested value (a mistyped postcode): it is checked again and
    its decision starts over."""
    request = _open_request(session, request_id, expected_version)
    item = _item(request, item_id)
    text = _text(value)
    item.requested_value = text
    item.validation_error = _problem(target(session, request.party, item.field).field, text)
    item.decision, item.rejection_reason = ChangeDecision.PENDING, None
    save_checked(session, request, expected_version, REQUEST_FIELDS)
    return request


def decide(
    session: Session,
    request_id: int,
    item_id: int,
    decision: Any,
    reason: Any,
    expected_version: int,
) -> ChangeRequest:
    """Approve or reject one requested change (or set it back to pending). A rejection needs
    a reason; an invalid value cannot be approved."""
    chosen = v.choice(decision, ChangeDecision, "Decision")
    why = v.optional_text(reason, "Reason", 2000)
    request = _open_request(session, request_id, expected_version)
    item = _item(request, item_id)
    label = target(session, request.party, item.field).label
    if chosen is ChangeDecision.APPROVED and item.validation_error:
        raise ValidationError(
            label,
            f"cannot be approved: the requested value {item.validation_error}; correct it first",
        )
    if chosen is ChangeDecision.REJECTED and not why:
        raise ValidationError("Reason", f"is required to reject the change to {label}")
    item.decision = chosen
    item.rejection_reason = why if chosen is ChangeDecision.REJECTED else None
    save_checked(session, request, expected_version, REQUEST_FIELDS)
    return request


# ---- review ------------------------------------------------------------------------------


def working_days(start: date, end: date) -> int:
    """Monday-to-Friday days after ``start`` up to and including ``end`` (0 on the day a
    request arrives). Bank holidays count as working days."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, extra = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


@dataclass(frozen=True)
class ReviewLine:
    item_id: int
    key: str
    label: str
    current: str
    requested: str
    differs: bool
    problem: str | None
    decision: ChangeDecision
    reason: str | None
    old: str | None  # once actioned: the field before and after
    new: str | None


@dataclass(frozen=True)
class Review:
    request_id: int
    version: int
    party_id: int
    party_name: str
    party_category: str
    received_on: date
    age: int
    requester_name: str
    requester_email: str
    notify_dcc: bool
    notify_alt_han: bool
    status: ChangeRequestStatus
    closed_at: datetime | None
    closed_by: str | None
    lines: tuple[ReviewLine, ...]
    seen: Mapping[str, int]  # the versions of the Party and contacts the reviewer sees

    @property
    def pending(self) -> tuple[ReviewLine, ...]:
        return tuple(line for line in self.lines if line.decision is ChangeDecision.PENDING)


def _differs(found: Target, text: str | None, problem: str | None) -> bool:
    if problem:
        return True
    try:
        requested = found.field.clean(text)
    except (ValidationError, ValidationErrors):  # a rule tightened since the request came in
        return True
    return comparable(requested) != comparable(found.current())


def review(session: Session, request_id: int, today: date | None = None) -> Review:
    """A request as the reviewer sees it: each field's current value beside the requested
    one, and whether they really differ."""
    request = session.get(
        ChangeRequest,
        request_id,
        options=[selectinload(ChangeRequest.items)],
        populate_existing=True,
    )
    if request is None:
        raise NotFoundError("Change request", request_id)
    party = session.get(Party, request.party_id, populate_existing=True)
    assert party is not None  # the foreign key cascades
    lines, seen = [], {f"party/{party.id}": party.version}
    for item in request.items:
        try:
            found = target(session, party, item.field)
        except ValidationError as exc:  # a contact retired since the request came in
            lines.append(
                ReviewLine(
                    item.id,
                    item.field,
                    item.field,
                    "",
                    item.requested_value or "",
                    True,
                    exc.message,
                    item.decision,
                    item.rejection_reason,
                    item.old_value,
                    item.new_value,
                )
            )
            continue
        seen[found.ref] = found.record.version
        lines.append(
            ReviewLine(
                item_id=item.id,
                key=item.field,
                label=found.label,
                current=as_text(found.current()),
                requested=item.requested_value or "",
                differs=_differs(found, item.requested_value, item.validation_error),
                problem=item.validation_error,
                decision=item.decision,
                reason=item.rejection_reason,
                old=item.old_value,
                new=item.new_value,
            )
        )
    return Review(
        request_id=request.id,
        version=request.version,
        party_id=party.id,
        party_name=party.name,
        party_category=party.category.value,
        received_on=request.received_on,
        age=working_days(request.received_on, today or date.today()),
        requester_name=request.requester_name,
        requester_email=request.requester_email,
        notify_dcc=request.notify_dcc,
        notify_alt_han=request.notify_alt_han,
        status=request.status,
        closed_at=request.closed_at,
        closed_by=request.closed_by,
        lines=tuple(lines),
        seen=seen,
    )


@dataclass(frozen=True)
class RequestSummary:
    id: int
    party: str
    received_on: date
    age: int
    requester: str
    fields: int
    pending: int
    status: ChangeRequestStatus


def list_requests(
    session: Session, *, open_only: bool = True, today: date | None = None
) -> list[RequestSummary]:
    """Open requests oldest first (or every request, newest first), with their age in
    working days."""
    today = today or date.today()
    fields = func.count(ChangeRequestItem.id)
    pending = func.count(ChangeRequestItem.id).filter(
        ChangeRequestItem.decision == ChangeDecision.PENDING
    )
    query = (
        select(ChangeRequest, Party.name, fields, pending)
        .join(Party, Party.id == ChangeRequest.party_id)
        .outerjoin(ChangeRequestItem, ChangeRequestItem.request_id == ChangeRequest.id)
        .group_by(ChangeRequest.id, Party.name)
    )
    if open_only:
        query = query.where(ChangeRequest.status == ChangeRequestStatus.OPEN).order_by(
            ChangeRequest.received_on, ChangeRequest.id
        )
    else:
        query = query.order_by(ChangeRequest.received_on.desc(), ChangeRequest.id.desc())
    return [
        RequestSummary(
            id=r.id,
            party=name,
            received_on=r.received_on,
            age=working_days(r.received_on, today),
            requester=r.requester_name,
            fields=n,
            pending=p,
            status=r.status,
        )
        for r, name, n, p in session.execute(query)
    ]


# ---- action ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actioned:
    request_id: int
    status: ChangeRequestStatus
    changed: tuple[tuple[str, str, str], ...]  # (label, old, new) of each field that changed
    notifications: tuple[NotificationRecipient, ...]


def _apply(
    session: Session, found: list[Target], items: list[ChangeRequestItem], seen: Mapping[str, int]
) -> None:
    """Write the approved values record by record, each under the version the reviewer saw."""
    by_record: dict[str, dict[str, Any]] = {}
    for t, item in zip(found, items, strict=True):
        by_record.setdefault(t.ref, {})[t.field.key] = item.requested_value
    for ref, changes in by_record.items():
        kind, _, record_id = ref.partition("/")
        if ref not in seen:
            raise ValidationError("Change request", f"review {ref} before actioning it")
        update = update_party if kind == "party" else update_contact
        update(session, int(record_id), changes, seen[ref])


def action_request(
    session: Session, request_id: int, expected_version: int, seen: Mapping[str, int]
) -> Actioned:
    """Apply the approved changes and close the request; produce the notifications the
    Party consented to for the fields that really changed. Every requested change must be
    decided first. ``seen`` is Review.seen: if the Party or a contact changed since, the
    update raises ConflictError and the caller's transaction writes nothing."""
    request = _open_request(session, request_id, expected_version)
    party = request.party
    undecided = [i for i in request.items if i.decision is ChangeDecision.PENDING]
    if undecided:
        labels = ", ".join(target(session, party, i.field).label for i in undecided)
        raise ValidationError(
            "Decision", f"approve or reject every requested change first: {labels}"
        )
    approved = [i for i in request.items if i.decision is ChangeDecision.APPROVED]
    found = [target(session, party, i.field) for i in approved]
    before = [as_text(t.current()) for t in found]
    _apply(session, found, approved, seen)
    changed = []
    for t, item, old in zip(found, approved, before, strict=True):
        new = as_text(t.current())
        item.old_value, item.new_value = old, new
        if old != new:
            changed.append((t.label, old, new))
    request.status = ChangeRequestStatus.ACTIONED if approved else ChangeRequestStatus.REJECTED
    request.closed_at, request.closed_by = utcnow(), session.info.get("user", "unknown")
    recipients = []
    if changed:
        if request.notify_dcc:
            recipients.append(NotificationRecipient.DCC)
        if request.notify_alt_han and party.category.is_supplier:
            recipients.append(NotificationRecipient.ALT_HAN_CO)
    for recipient in recipients:
        body = notification_text(recipient, party.name, request.id, request.closed_at, changed)
        session.add(Notification(request_id=request.id, recipient=recipient, body=body))
    save_checked(session, request, expected_version, REQUEST_FIELDS)
    return Actioned(request.id, request.status, tuple(changed), tuple(recipients))


# ---- notifications -----------------------------------------------------------------------

GREETING = {
    NotificationRecipient.DCC: "Dear DCC colleagues,",
    NotificationRecipient.ALT_HAN_CO: "Dear Alt HAN Co colleagues,",
}


def notification_text(
    recipient: NotificationRecipient,
    party: str,
    request_id: int,
    actioned_at: datetime,
    changes: list[tuple[str, str, str]] | tuple[tuple[str, str, str], ...],
) -> str:
    """The e-mail to send, ready to paste: a subject line, then each changed field."""
    when = as_text(actioned_at.date())
    lines = [
        f"Subject: SEC Party details changed: {party}",
        "",
        GREETING[recipient],
        "",
        f"{party} has changed the following details in the SEC register (change request "
        f"{request_id}, actioned {when}). The Party consented to this notification.",
        "",
    ]
    for label, old, new in changes:
        lines.append(f"- {label}: {old or '(blank)'} -> {new or '(blank)'}")
    lines += ["", "Kind regards,", "SECAS Helpdesk"]
    return "\n".join(lines)


@dataclass(frozen=True)
class NotificationLine:
    id: int
    version: int
    recipient: NotificationRecipient
    party: str
    request_id: int
    produced_at: datetime
    sent_at: datetime | None
    sent_by: str | None
    body: str
    changes: tuple[tuple[str, str, str], ...]


def notifications(session: Session, *, unsent_only: bool = True) -> list[NotificationLine]:
    """Notifications oldest first; by default only those not yet marked sent."""
    query = (
        select(Notification, Party.name, Party.id)
        .join(ChangeRequest, ChangeRequest.id == Notification.request_id)
        .join(Party, Party.id == ChangeRequest.party_id)
        .order_by(Notification.produced_at, Notification.id)
    )
    if unsent_only:
        query = query.where(Notification.sent_at.is_(None))
    rows = session.execute(query).all()
    request_ids = {n.request_id for n, _, _ in rows}
    items: dict[int, list[ChangeRequestItem]] = {}
    if request_ids:
        for item in session.scalars(
            select(ChangeRequestItem)
            .where(
                ChangeRequestItem.request_id.in_(request_ids),
                ChangeRequestItem.decision == ChangeDecision.APPROVED,
            )
            .order_by(ChangeRequestItem.id)
        ):
            items.setdefault(item.request_id, []).append(item)
    labels: dict[int, dict[str, str]] = {}
    result = []
    for n, party_name, party_id in rows:
        if party_id not in labels:
            labels[party_id] = _labels(session, party_id)
        changes = tuple(
            (labels[party_id].get(i.field, i.field), i.old_value or "", i.new_value or "")
            for i in items.get(n.request_id, [])
            if (i.old_value or "") != (i.new_value or "")
        )
        result.append(
            NotificationLine(
                n.id,
                n.version,
                n.recipient,
                party_name,
                n.request_id,
                n.produced_at,
                n.sent_at,
                n.sent_by,
                n.body,
                changes,
            )
        )
    return result


def _labels(session: Session, party_id: int) -> dict[str, str]:
    """Field labels by key, including contacts retired since."""
    labels = {k: PARTY_FIELDS.label(k) for k in PARTY_KEYS}
    for contact in session.scalars(
        select(OperationsContact).where(OperationsContact.party_id == party_id)
    ):
        for k in CONTACT_KEYS:
            labels[contact_key(contact.id, k)] = _contact_label(contact, CONTACT_FIELDS.fields[k])
    return labels


NOTIFICATION_FIELDS = FieldSet("Notification")


def count_unsent(session: Session) -> int:
    query = select(func.count()).select_from(Notification).where(Notification.sent_at.is_(None))
    return session.scalar(query) or 0


def mark_sent(session: Session, notification_id: int, expected_version: int) -> Notification:
    """Record that a notification went out (who and when); marking it again is refused."""
    notification = load_for_update(
        session, Notification, notification_id, expected_version, NOTIFICATION_FIELDS
    )
    if notification.sent_at is not None:
        raise ValidationError(
            "Notification",
            f"was already marked sent by {notification.sent_by} on {as_text(notification.sent_at)}",
        )
    notification.sent_at, notification.sent_by = utcnow(), session.info.get("user", "unknown")
    save_checked(session, notification, expected_version, NOTIFICATION_FIELDS)
    return notification
