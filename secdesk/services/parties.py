"""Parties: create, update and list, with duplicate detection.

A Party's status is not edited here: it follows from its membership events
(secdesk.services.membership), so withdrawal and expulsion are recorded there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import Session, joinedload

from secdesk import validate as v
from secdesk.domain import (
    GasIdentifier,
    IdAllocation,
    Mpid,
    Organisation,
    Party,
    PartyCategory,
    PartyStatus,
    VotingGroup,
)
from secdesk.errors import DuplicateError, ValidationError
from secdesk.services import membership
from secdesk.services.listing import search_condition, sort_order
from secdesk.services.lookups import party_lookups
from secdesk.services.party_fields import PARTY_FIELDS
from secdesk.services.records import (
    create_record,
    flush_unless_batched,
    get_record,
    is_batched,
    update_record,
)

# ---- duplicates -------------------------------------------------------------------------


def _check_unique(session: Session, party: Party | None, cleaned: dict[str, Any]) -> None:
    """Refuse a company number, VAT number, MPID or gas identifier another Party holds,
    naming that Party. (Unique constraints stand behind this for races.)"""
    if is_batched(session):
        # In a batch (an import's sheet) those constraints decide: a clash fails the
        # batch's flush, and the import then applies its rows one by one, through here.
        return
    own_id = party.id if party is not None else None
    others: ColumnElement[bool] = Party.id != own_id if own_id is not None else Party.id.isnot(None)
    for key, display in (
        ("company_number", lambda x: x),
        ("vat_number", v.format_vat_number),
    ):
        value = cleaned.get(key)
        if value:
            holder = session.scalar(select(Party.name).where(getattr(Party, key) == value, others))
            if holder:
                raise DuplicateError(
                    PARTY_FIELDS.label(key), f"{display(value)} is already used by {holder}"
                )
    for key, model in (("mpids", Mpid), ("gas_identifiers", GasIdentifier)):
        codes = cleaned.get(key)
        if codes:
            clash = session.execute(
                select(model.code, Party.name)
                .join(Party, Party.id == model.party_id)
                .where(model.code.in_(codes), others)
                .limit(1)
            ).first()
            if clash:
                raise DuplicateError(
                    PARTY_FIELDS.label(key), f"{clash[0]} is already held by {clash[1]}"
                )


# ---- use cases --------------------------------------------------------------------------


def create_party(session: Session, data: Mapping[str, Any], *, accession_date: Any = None) -> Party:
    """A new Party (an Applicant until it accedes; give ``accession_date`` to record the
    accession at once)."""
    when = v.optional(v.parse_date, accession_date, "Accession date")
    data = dict(data)
    data.setdefault("last_updated", date.today())
    party = create_record(
        session, Party(status=PartyStatus.APPLICANT), data, PARTY_FIELDS, _check_unique
    )
    if when is not None:
        membership.apply_event(session, party, membership.ACCESSION, when, None)
        flush_unless_batched(session)
    return party


def update_party(
    session: Session, party_id: int | Party, changes: Mapping[str, Any], expected_version: int
) -> Party:
    changes = dict(changes)
    changes.setdefault("last_updated", date.today())
    return update_record(
        session, Party, party_id, changes, expected_version, PARTY_FIELDS, _check_unique
    )


# Everything the Party editor shows, joined into the one statement that loads the Party.
# A Party has a handful of each (names, licences, MPIDs…), so the joined rows stay few.
WHOLE_PARTY = (
    joinedload(Party.voting_group),
    joinedload(Party.previous_names),
    joinedload(Party.licences),
    joinedload(Party.affiliates),
    joinedload(Party.mpids),
    joinedload(Party.gas_identifiers),
    joinedload(Party.dcc_roles),
    joinedload(Party.testing),
)


def get_party(session: Session, party_id: int, *, whole: bool = False) -> Party:
    """The Party; ``whole``: with everything its editor shows, in one statement."""
    return get_record(session, Party, party_id, WHOLE_PARTY if whole else ())


@dataclass(frozen=True)
class PartySummary:
    """One row of the party list."""

    id: int
    name: str
    category: PartyCategory
    status: PartyStatus
    company_number: str | None
    voting_group: str | None
    accession_date: date | None
    mpids: tuple[str, ...]
    version: int


SORTABLE = {
    "name": Party.name,
    "category": Party.category,
    "status": Party.status,
    "company_number": Party.company_number,
    "accession_date": Party.accession_date,
    "voting_group": VotingGroup.name,
}


def list_parties(
    session: Session,
    *,
    search: str | None = None,
    categories: Sequence[PartyCategory] = (),
    statuses: Sequence[PartyStatus] = (),
    current: bool | None = None,
    sort: str = "name",
    descending: bool = False,
    limit: int | None = None,
) -> list[PartySummary]:
    """Parties matching a search (name, company number or MPID) and filters; filtering and
    sorting happen in SQL."""
    # Columns, not ORM objects: a list is read-only, and hydrating entities costs ~10x.
    query = select(
        Party.id,
        Party.name,
        Party.category,
        Party.status,
        Party.company_number,
        VotingGroup.name.label("voting_group"),
        Party.accession_date,
        Party.version,
    ).outerjoin(VotingGroup, VotingGroup.id == Party.voting_group_id)
    conditions: list[ColumnElement[bool]] = []
    matching = search_condition(
        search,
        Party.name,
        Party.company_number,
        also=exists().where(
            and_(Mpid.party_id == Party.id, func.lower(Mpid.code) == (search or "").strip().lower())
        ),
    )
    if matching is not None:
        conditions.append(matching)
    if categories:
        conditions.append(Party.category.in_(categories))
    if statuses:
        conditions.append(Party.status.in_(statuses))
    if current is not None:
        current_statuses = [s for s in PartyStatus if s.is_current]
        conditions.append(
            Party.status.in_(current_statuses) if current else Party.status.not_in(current_statuses)
        )
    query = (
        query.where(*conditions)
        .order_by(sort_order(SORTABLE, sort, descending, "parties"), Party.name, Party.id)
        .limit(limit)
    )
    rows = session.execute(query).all()
    mpids = _mpids_of(session, [r.id for r in rows])
    return [
        PartySummary(
            id=r.id,
            name=r.name,
            category=r.category,
            status=r.status,
            company_number=r.company_number,
            voting_group=r.voting_group,
            accession_date=r.accession_date,
            mpids=tuple(mpids.get(r.id, ())),
            version=r.version,
        )
        for r in rows
    ]


def _mpids_of(session: Session, party_ids: list[int], chunk: int = 5000) -> dict[int, list[str]]:
    """Each listed party's MPIDs, one query per few thousand parties (not one per row)."""
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(party_ids), chunk):
        ids = party_ids[start : start + chunk]
        query = select(Mpid.party_id, Mpid.code).where(Mpid.party_id.in_(ids)).order_by(Mpid.code)
        for party_id, code in session.execute(query):
            found[party_id].append(code)
    return found


def party_choices(session: Session, *, current_only: bool = False) -> list[tuple[str, int]]:
    """(name, id) of every Party by name, for pickers that refer to a Party."""
    query = select(Party.name, Party.id).order_by(Party.name)
    if current_only:
        query = query.where(Party.status.in_([s for s in PartyStatus if s.is_current]))
    return [(name, party_id) for name, party_id in session.execute(query)]


def party_lookup_choices(session: Session) -> list[tuple[str, int]]:
    """(label, id) of every Party, the label carrying its signifiers and MPIDs as well as its
    name, so a type-ahead finds the Party by any of them: "Acme Ltd · ACME1 · ABCD, EFGH"."""
    return [(party.label, party.id) for party in party_lookups(session)]


def voting_group_names(session: Session) -> list[str]:
    return list(session.scalars(select(VotingGroup.name).order_by(VotingGroup.name)))


def find_party(session: Session, text: str, label: str = "Party") -> Party:
    """The Party a person names by its name, one of its signifiers or one of its MPIDs
    (any case): exactly one, or an error that says why not."""
    wanted = v.visible_text(str(text)).strip()
    key = wanted.casefold()
    # Compared in Python: SQLite's lower() folds ASCII only ("Zeta Énergie").
    by_name = [
        i for name, i in session.execute(select(Party.name, Party.id)) if name.casefold() == key
    ]
    if len(by_name) == 1:
        return get_party(session, by_name[0])
    if len(by_name) > 1:
        raise ValidationError(label, f"more than one Party is called {wanted!r}")
    code = wanted.upper()
    holders = set(session.scalars(select(Mpid.party_id).where(Mpid.code == code)))
    holders |= {
        party_id
        for party_id in session.scalars(
            select(Organisation.party_id)
            .join(IdAllocation, IdAllocation.organisation_id == Organisation.id)
            .where(IdAllocation.signifier == code)
        )
        if party_id is not None
    }
    if len(holders) == 1:
        return get_party(session, holders.pop())
    if holders:
        raise ValidationError(label, f"{wanted!r} is held by more than one Party; give a name")
    raise ValidationError(label, f"no Party has the name, signifier or MPID {wanted!r}")
