"""Membership events and the Party status that follows from them.

Status is never typed in: it is the result of the Party's events in date order, through the
transitions below. Recording a back-dated event re-derives the whole sequence, and an event
that cannot follow the status before it is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import (
    IdAllocation,
    MembershipEvent,
    MembershipEventKind,
    Organisation,
    Party,
    PartyStatus,
)
from secdesk.errors import ValidationError
from secdesk.services.fields import load_for_update, save_checked
from secdesk.services.party_fields import PARTY_FIELDS

ACCESSION = MembershipEventKind.ACCESSION
DEFAULT = MembershipEventKind.DEFAULT
DEFAULT_CURED = MembershipEventKind.DEFAULT_CURED
WITHDRAWAL = MembershipEventKind.WITHDRAWAL
EXPULSION = MembershipEventKind.EXPULSION

# (status before, event) → status after. Anything else is refused.
TRANSITIONS: dict[tuple[PartyStatus, MembershipEventKind], PartyStatus] = {
    (PartyStatus.APPLICANT, ACCESSION): PartyStatus.PARTY,
    (PartyStatus.APPLICANT, WITHDRAWAL): PartyStatus.WITHDRAWN,
    (PartyStatus.PARTY, DEFAULT): PartyStatus.IN_DEFAULT,
    (PartyStatus.IN_DEFAULT, DEFAULT_CURED): PartyStatus.PARTY,
    (PartyStatus.PARTY, WITHDRAWAL): PartyStatus.WITHDRAWN,
    (PartyStatus.IN_DEFAULT, WITHDRAWAL): PartyStatus.WITHDRAWN,
    (PartyStatus.PARTY, EXPULSION): PartyStatus.EXPELLED,
    (PartyStatus.IN_DEFAULT, EXPULSION): PartyStatus.EXPELLED,
}
REASON_REQUIRED = {DEFAULT, WITHDRAWAL, EXPULSION}


def derive_status(
    events: Iterable[tuple[MembershipEventKind, date]],
) -> tuple[PartyStatus, date | None, date | None]:
    """(status, since, accession date) after ``events`` in date order."""
    status, since, accession = PartyStatus.APPLICANT, None, None
    for kind, when in sorted(events, key=lambda e: e[1]):
        after = TRANSITIONS.get((status, kind))
        if after is None:
            raise ValidationError(
                "Membership event",
                f"{kind.value} on {v.format_date(when)} cannot follow status {status.value}",
            )
        status, since = after, when
        if kind is ACCESSION:
            accession = when
    return status, since, accession


def apply_event(
    session: Session, party: Party, kind: MembershipEventKind, when: date, reason: str | None
) -> MembershipEvent:
    """Add an event to a Party loaded for update and re-derive its status."""
    if kind in REASON_REQUIRED and not reason:
        raise ValidationError("Reason", f"is required for {kind.value}")
    history = [(e.kind, e.occurred_on) for e in party.events] + [(kind, when)]
    status, since, accession = derive_status(history)
    event = MembershipEvent(
        kind=kind, occurred_on=when, reason=reason, recorded_by=session.info.get("user", "unknown")
    )
    party.events.append(event)
    party.status, party.status_since, party.accession_date = status, since, accession
    if not status.is_current:
        # A former Party's allocations stay published, marked Former.
        allocations = session.scalars(
            select(IdAllocation).join(Organisation).where(Organisation.party_id == party.id)
        )
        for allocation in allocations:
            allocation.is_current = False
    return event


def record_event(
    session: Session,
    party_id: int,
    kind: Any,
    occurred_on: Any,
    reason: Any,
    expected_version: int,
) -> Party:
    """Record accession, default, cure, withdrawal or expulsion for a Party."""
    event_kind = v.choice(kind, MembershipEventKind, "Event")
    when = v.parse_date(occurred_on, "Event date")
    text = v.optional_text(reason, "Reason", 2000)
    party = load_for_update(session, Party, party_id, expected_version, PARTY_FIELDS)
    apply_event(session, party, event_kind, when, text)
    save_checked(session, party, expected_version, PARTY_FIELDS)
    return party


def retire_party(
    session: Session,
    party_id: int,
    on: Any,
    reason: Any,
    expected_version: int,
    *,
    expelled: bool = False,
) -> Party:
    """A Party leaves the SEC: withdrawal (or expulsion). Its record and history stay."""
    kind = EXPULSION if expelled else WITHDRAWAL
    return record_event(session, party_id, kind, on, reason, expected_version)
