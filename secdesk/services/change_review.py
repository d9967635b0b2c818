"""A change request as the reviewer sees it: each requested field's current value beside
the requested one and whether they really differ, and the list of requests with their age
in working days."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from secdesk.display import as_text, comparable
from secdesk.domain import (
    ChangeDecision,
    ChangeRequest,
    ChangeRequestItem,
    ChangeRequestStatus,
    Party,
)
from secdesk.errors import NotFoundError, ValidationError, ValidationErrors
from secdesk.months import working_days
from secdesk.services.change_fields import Target, target


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
    # The request, its fields and its Party: one statement.
    request = session.get(
        ChangeRequest,
        request_id,
        options=[joinedload(ChangeRequest.items), joinedload(ChangeRequest.party)],
        populate_existing=True,
    )
    if request is None:
        raise NotFoundError("Change request", request_id)
    party = request.party
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
