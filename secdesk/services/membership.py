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
from secdesk.domain.base import utcnow
from secdesk.errors import ValidationError
from secdesk.services.party_fields import PARTY_FIELDS
from secdesk.services.records import load_for_update, save_checked

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


def event_order(event: Any) -> tuple[date, bool, float]:
    """When an event takes effect in a Party's history: on its date; an undated one on the
    day it was recorded (it had happened by then), after any dated event of that day."""
    recorded = getattr(event, "recorded_at", None)
    day = event.occurred_on or (recorded.date() if recorded else date.today())
    return day, event.occurred_on is None, getattr(event, "id", None) or float("inf")


def derive_status(
    events: Iterable[tuple[MembershipEventKind, date | None]], *, in_order: bool = False
) -> tuple[PartyStatus, date | None, date | None]:
    """(status, since, accession date) after ``events``: taken in date order, or as given
    when ``in_order`` (see event_order); an undated event changes the status but gives no
    date."""
    status, since, accession = PartyStatus.APPLICANT, None, None
    if not in_order:
        events = sorted(events, key=lambda e: (e[1] is None, e[1] or date.min))
    for kind, when in events:
        after = TRANSITIONS.get((status, kind))
        if after is None:
            on = f" on {v.format_date(when)}" if when else " (undated)"
            raise ValidationError(
                "Membership event", f"{kind.value}{on} cannot follow status {status.value}"
            )
        status, since = after, when
        if kind is ACCESSION:
            accession = when
    return status, since, accession


def rederive(session: Session, party: Party) -> None:
    """Set a Party's status from its events (after one was added, dated or changed)."""
    history = sorted(party.events, key=event_order)
    status, since, accession = derive_status(
        ((e.kind, e.occurred_on) for e in history), in_order=True
    )
    party.status, party.status_since, party.accession_date = status, since, accession
    if not status.is_current:
        # A former Party's allocations stay published, marked Former.
        allocations = session.scalars(
            select(IdAllocation).join(Organisation).where(Organisation.party_id == party.id)
        )
        for allocation in allocations:
            allocation.is_current = False


def apply_event(
    session: Session,
    party: Party,
    kind: MembershipEventKind,
    when: date | None,
    reason: str | None,
) -> MembershipEvent:
    """Add an event (``when`` None: undated) to a Party loaded for update and re-derive its
    status."""
    if kind in REASON_REQUIRED and not reason:
        raise ValidationError("Reason", f"is required for {kind.value}")
    event = MembershipEvent(
        kind=kind,
        occurred_on=when,
        reason=reason,
        recorded_by=session.info.get("user", "unknown"),
        recorded_at=utcnow(),
    )
    party.events.append(event)
    rederive(session, party)
    return event


def record_history(
    session: Session, party: Party, kind: MembershipEventKind, when: date | None, reason: str | None
) -> bool:
    """What a line of loaded history (a Membership Events file) does to a Party loaded for
    update: an event already recorded is left as it is (its reason filled in or corrected);
    an undated event of the same kind is dated; otherwise the event is added. Returns
    whether anything changed."""
    same = [e for e in party.events if e.kind is kind]
    exact = next((e for e in same if e.occurred_on == when), None)
    if exact is not None:
        if reason and reason != exact.reason:
            exact.reason = reason
            return True
        return False
    if when is None:
        if same:
            return False  # an undated line about an event the register holds already
        apply_event(session, party, kind, None, reason)
        return True
    dated = next((e.occurred_on for e in same if e.occurred_on), None)
    if kind is ACCESSION and dated is not None:
        raise ValidationError(
            "Date", f"the register says the Party acceded on {v.format_date(dated)}"
        )
    undated = next((e for e in same if e.occurred_on is None), None)
    if undated is None:
        apply_event(session, party, kind, when, reason)
        return True
    undated.occurred_on = when
    if reason:
        undated.reason = reason
    rederive(session, party)
    return True


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
