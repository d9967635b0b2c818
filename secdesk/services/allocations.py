"""Organisations (Parties, the DCC, RDPs) and their ID allocations.

EUI-64 ranges must never overlap: an identifier outside its allocated range is rejected by
the DCC's systems. The overlap check and the write happen under one store lock, so two
allocations made at the same moment from two connections cannot both pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, func, null, select, union_all
from sqlalchemy.orm import Session, joinedload

from secdesk import validate as v
from secdesk.domain import IdAllocation, Organisation, OrganisationType, Party
from secdesk.domain.lock import ALLOCATION_LOCK
from secdesk.errors import DuplicateError, ValidationError
from secdesk.services import locks
from secdesk.services.allocation_ranges import Held, batch_ranges
from secdesk.services.listing import search_condition, sort_order
from secdesk.services.records import (
    Field,
    FieldSet,
    create_record,
    flush_unless_batched,
    get_record,
    is_batched,
    load_for_update,
    referenced,
    required_field,
    retire_record,
    update_record,
)
from secdesk.services.session_cache import cache, complete

ORGANISATION_FIELDS = FieldSet(
    "Organisation",
    required_field(
        "name", "Organisation name", lambda raw, label: v.required_text(raw, label, 160)
    ),
)


ORGANISATIONS_BY_PARTY = "organisations by party"


def organisation_for_party(session: Session, party_id: int) -> Organisation:
    """The Party's organisation record, made on first use."""
    known = cache(session, ORGANISATIONS_BY_PARTY)
    organisation = known.get(party_id)
    if organisation is None and not complete(session, ORGANISATIONS_BY_PARTY):
        organisation = session.scalar(select(Organisation).where(Organisation.party_id == party_id))
    if organisation is None:
        referenced(session, Party, party_id, "Party")
        organisation = Organisation(kind=OrganisationType.PARTY, party_id=party_id)
        session.add(organisation)
        flush_unless_batched(session)
    known[party_id] = organisation
    return organisation


def create_organisation(session: Session, kind: Any, name: Any) -> Organisation:
    """The DCC or a Registration Data Provider (Parties get theirs from
    organisation_for_party)."""
    org_kind = v.choice(kind, OrganisationType, "Organisation type")
    if org_kind is OrganisationType.PARTY:
        raise ValidationError(
            "Organisation type", "a Party's organisation is made from its Party record"
        )
    return create_record(session, Organisation(kind=org_kind), {"name": name}, ORGANISATION_FIELDS)


def update_organisation(
    session: Session, organisation_id: int, changes: Mapping[str, Any], expected_version: int
) -> Organisation:
    organisation = load_for_update(
        session, Organisation, organisation_id, expected_version, ORGANISATION_FIELDS
    )
    if organisation.kind is OrganisationType.PARTY:
        raise ValidationError("Organisation name", "a Party's name is changed on the Party")
    return update_record(
        session, Organisation, organisation_id, changes, expected_version, ORGANISATION_FIELDS
    )


def retire_organisation(
    session: Session, organisation_id: int, expected_version: int
) -> Organisation:
    """An RDP or DCC that no longer holds IDs: its allocations stay, marked Former."""

    def allocations_become_former(organisation: Organisation) -> None:
        for allocation in organisation.allocations:
            allocation.is_current = False

    return retire_record(
        session,
        Organisation,
        organisation_id,
        expected_version,
        ORGANISATION_FIELDS,
        allocations_become_former,
    )


# ---- allocations ------------------------------------------------------------------------


ALLOCATION_FIELDS = FieldSet(
    "ID allocation",
    Field(
        "organisation_id",
        "Organisation",
        lambda raw: v.positive_integer(raw, "Organisation"),
        required=True,
    ),
    required_field("organisation_number", "Organisation number", v.positive_integer),
    required_field("range_start", "Range start", v.eui64),
    required_field("range_end", "Range end", v.eui64),
    required_field("signifier", "Signifier", v.signifier),
    Field("is_current", "Current", lambda raw: v.yes_no(raw, "Current")),
)


def find_overlap(
    session: Session, start: str, end: str, exclude_id: int | None = None
) -> IdAllocation | None:
    """An allocation whose range shares any identifier with start..end (inclusive)."""
    query = select(IdAllocation).where(
        IdAllocation.range_start <= end, IdAllocation.range_end >= start
    )
    if exclude_id is not None:
        query = query.where(IdAllocation.id != exclude_id)
    return session.scalars(query.order_by(IdAllocation.range_start).limit(1)).first()


def _check_allocation(
    session: Session, allocation: IdAllocation | None, cleaned: dict[str, Any]
) -> None:
    locks.take(session, ALLOCATION_LOCK)
    own_id = allocation.id if allocation is not None else None
    start = cleaned.get("range_start", allocation.range_start if allocation else None)
    end = cleaned.get("range_end", allocation.range_end if allocation else None)
    assert start is not None and end is not None
    v.eui64_range(start, end)
    referenced(session, Organisation, cleaned.get("organisation_id"), "Organisation")
    if is_batched(session):
        _check_batched(session, allocation, cleaned, start, end)
        # Number and signifier are UNIQUE in the store: in a batch a clash fails the
        # batch's flush, and the import then applies its rows one by one, through here.
        return
    clash = find_overlap(session, start, end, own_id)
    if clash is not None:
        _overlaps(start, end, clash.range_start, clash.range_end, clash.organisation)
    for key, label in (("organisation_number", "Organisation number"), ("signifier", "Signifier")):
        value = cleaned.get(key)
        if value is None:
            continue
        query = select(IdAllocation).where(getattr(IdAllocation, key) == value)
        if own_id is not None:
            query = query.where(IdAllocation.id != own_id)
        holder = session.scalars(query).first()
        if holder is not None:
            raise DuplicateError(
                label, f"{value} is already allocated to {holder.organisation.display_name}"
            )


def _overlaps(start: str, end: str, other_start: str, other_end: str, holder: Any) -> None:
    raise DuplicateError(
        "Range start",
        f"{v.format_eui64(start)} to {v.format_eui64(end)} overlaps the range "
        f"{v.format_eui64(other_start)} to {v.format_eui64(other_end)} "
        f"allocated to {holder.display_name}",
    )


def _check_batched(
    session: Session, allocation: IdAllocation | None, cleaned: dict[str, Any], start: str, end: str
) -> None:
    """The overlap check of a batch, against the ranges held in memory (the store does not
    see the batch's own yet); the range is then held for the rows after it."""
    ranges = batch_ranges(session)
    clash = ranges.overlapping(start, end, allocation)
    if clash is not None:
        holder = session.get(Organisation, clash.organisation_id)
        _overlaps(start, end, clash.start, clash.end, holder)
    organisation_id: int = cleaned.get("organisation_id") or allocation.organisation_id  # type: ignore[union-attr]
    ranges.hold(Held(start, end, allocation or object(), organisation_id))


def allocate(session: Session, data: Mapping[str, Any]) -> IdAllocation:
    """Give an organisation its organisation number, EUI-64 range and signifier."""
    return create_record(
        session, IdAllocation(is_current=True), data, ALLOCATION_FIELDS, _check_allocation
    )


def update_allocation(
    session: Session, allocation_id: int, changes: Mapping[str, Any], expected_version: int
) -> IdAllocation:
    return update_record(
        session,
        IdAllocation,
        allocation_id,
        changes,
        expected_version,
        ALLOCATION_FIELDS,
        _check_allocation,
    )


def retire_allocation(session: Session, allocation_id: int, expected_version: int) -> IdAllocation:
    """Mark an allocation Former: it stays in the ID Allocation spreadsheet and its range
    stays reserved."""
    return update_allocation(session, allocation_id, {"is_current": False}, expected_version)


@dataclass(frozen=True)
class ProposedAllocation:
    organisation_number: int
    range_start: str
    range_end: str


def propose_allocation(session: Session, block_size: int = 1 << 24) -> ProposedAllocation:
    """The next organisation number and the first free block after every allocated range."""
    if block_size <= 0:
        raise ValidationError("Block size", "must be greater than 0")
    number = (session.scalar(select(func.max(IdAllocation.organisation_number))) or 0) + 1
    last_end = session.scalar(select(func.max(IdAllocation.range_end)))
    start = int(last_end, 16) + 1 if last_end else 0
    end = start + block_size - 1
    if end >= 1 << 64:
        raise ValidationError("Range start", "no free EUI-64 block of that size is left")
    return ProposedAllocation(number, f"{start:016X}", f"{end:016X}")


@dataclass(frozen=True)
class AllocationSummary:
    id: int
    organisation_id: int
    organisation_name: str
    organisation_type: OrganisationType
    organisation_number: int
    range_start: str
    range_end: str
    signifier: str
    is_current: bool
    version: int


def list_allocations(
    session: Session,
    *,
    search: str | None = None,
    current: bool | None = None,
    sort: str = "organisation",
    descending: bool = False,
) -> list[AllocationSummary]:
    """Allocations matching a search (organisation name or signifier), in SQL."""
    name = func.coalesce(Party.name, Organisation.name)
    query = (
        select(IdAllocation, Organisation, name)
        .join(Organisation, IdAllocation.organisation)
        .outerjoin(Party, Organisation.party_id == Party.id)
    )
    matching = search_condition(search, name, IdAllocation.signifier)
    if matching is not None:
        query = query.where(matching)
    if current is not None:
        query = query.where(IdAllocation.is_current.is_(current))
    sortable = {
        "organisation": name,
        "type": Organisation.kind,
        "organisation_number": IdAllocation.organisation_number,
        "range_start": IdAllocation.range_start,
        "signifier": IdAllocation.signifier,
        "current": IdAllocation.is_current,
    }
    query = query.order_by(
        sort_order(sortable, sort, descending, "allocations"),
        name,
        IdAllocation.organisation_number,
    )
    return [
        AllocationSummary(
            id=a.id,
            organisation_id=o.id,
            organisation_name=n,
            organisation_type=o.kind,
            organisation_number=a.organisation_number,
            range_start=a.range_start,
            range_end=a.range_end,
            signifier=a.signifier,
            is_current=a.is_current,
            version=a.version,
        )
        for a, o, n in session.execute(query)
    ]


@dataclass(frozen=True)
class OrganisationChoice:
    """Who can hold an allocation: an organisation on record, or a Party that has none
    yet (its organisation is made when the allocation is saved)."""

    name: str
    organisation_id: int | None
    party_id: int | None


def organisation_choices(session: Session) -> list[OrganisationChoice]:
    """Every current organisation and Party, by name, for an allocation's holder."""
    # The Parties (with their organisation, if they have one yet) and the organisations
    # that are not Parties: one statement.
    parties = select(Party.name, Organisation.id, Party.id).outerjoin(
        Organisation, Organisation.party_id == Party.id
    )
    others = select(Organisation.name, Organisation.id, null().cast(Integer)).where(
        Organisation.party_id.is_(None), Organisation.retired_at.is_(None)
    )
    found: list[Any] = list(session.execute(union_all(parties, others)))
    choices = [OrganisationChoice(row[0] or "", row[1], row[2]) for row in found]
    return sorted(choices, key=lambda c: c.name.casefold())


def holder_id(session: Session, choice: OrganisationChoice) -> int:
    """The organisation id for a choice, making a Party's organisation on first use."""
    if choice.organisation_id is not None:
        return choice.organisation_id
    assert choice.party_id is not None
    return organisation_for_party(session, choice.party_id).id


def get_allocation(session: Session, allocation_id: int) -> IdAllocation:
    """The allocation with its holder (and the holder's Party), in one statement."""
    holder = joinedload(IdAllocation.organisation).joinedload(Organisation.party)
    return get_record(session, IdAllocation, allocation_id, (holder,))
