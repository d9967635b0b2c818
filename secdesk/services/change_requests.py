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
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.display import as_text
from secdesk.domain import (
    ChangeDecision,
    ChangeRequest,
    ChangeRequestItem,
    ChangeRequestStatus,
    Notification,
    NotificationRecipient,
    Party,
)
from secdesk.domain.base import utcnow
from secdesk.errors import NotFoundError, ValidationError, ValidationErrors
from secdesk.services.change_fields import Target, clean_text, problem_of, target
from secdesk.services.contacts import update_contact
from secdesk.services.notifications import notification_text
from secdesk.services.parties import update_party
from secdesk.services.records import (
    Field,
    FieldSet,
    create_record,
    load_for_update,
    referenced,
    required_field,
    save_checked,
)


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
        text = clean_text(raw)
        request.items.append(
            ChangeRequestItem(
                field=key, requested_value=text, validation_error=problem_of(found.field, text)
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
    text = clean_text(value)
    item.requested_value = text
    item.validation_error = problem_of(target(session, request.party, item.field).field, text)
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
