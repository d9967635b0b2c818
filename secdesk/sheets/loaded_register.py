"""The register as an import finds it, loaded once for the quick path (secdesk.sheets.
importer): Parties by name with everything a row compares, contacts by Party, allocations
and organisations by their keys, Voting Groups by name. Rows are then matched and compared
without a query each. A rollback forgets all of it (services.session_cache), and look-ups
then go to the store again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from secdesk.domain import IdAllocation, OperationsContact, Organisation, Party, VotingGroup
from secdesk.errors import ValidationError
from secdesk.services.allocations import ORGANISATIONS_BY_PARTY
from secdesk.services.party_fields import PARTIES_BY_NAME, VOTING_GROUPS
from secdesk.services.session_cache import cache, complete, mark_complete

_CONTACTS_BY_PARTY = "contacts by party"
_REGISTER = "register loaded for import"
ALLOCATIONS_BY_NUMBER = "allocations by organisation number"
ALLOCATIONS_BY_SIGNIFIER = "allocations by signifier"
PARTIES_BY_COMPANY = "parties by company number"


def load_register(session: Session) -> None:
    """Load every Party (with its lists, history and group) and every current contact in a
    few queries, so that rows are matched and compared without a query each."""
    loaded = cache(session, _REGISTER)
    by_name = cache(session, PARTIES_BY_NAME)
    contacts_by_party = cache(session, _CONTACTS_BY_PARTY)
    query = select(Party).options(
        selectinload(Party.previous_names),
        selectinload(Party.licences),
        selectinload(Party.affiliates),
        selectinload(Party.mpids),
        selectinload(Party.gas_identifiers),
        selectinload(Party.dcc_roles),
        selectinload(Party.events),
        joinedload(Party.voting_group),
    )
    for party in session.scalars(query):
        by_name.setdefault(party.name, []).append(party)
    current = select(OperationsContact).where(OperationsContact.retired_at.is_(None))
    for contact in session.scalars(current):
        contacts_by_party.setdefault(contact.party_id, []).append(contact)
    organisations = cache(session, ORGANISATIONS_BY_PARTY)
    for organisation in session.scalars(
        select(Organisation).where(Organisation.party_id.is_not(None))
    ):
        organisations[organisation.party_id] = organisation
    groups = cache(session, VOTING_GROUPS)
    for group in session.scalars(select(VotingGroup)):
        groups[group.name] = group
    by_number = cache(session, ALLOCATIONS_BY_NUMBER)
    by_signifier = cache(session, ALLOCATIONS_BY_SIGNIFIER)
    for allocation in session.scalars(select(IdAllocation)):
        by_number[allocation.organisation_number] = allocation
        by_signifier[allocation.signifier] = allocation
    by_company = cache(session, PARTIES_BY_COMPANY)
    for people in by_name.values():
        for party in people:
            if party.company_number:
                by_company[party.company_number] = party
    for name in (
        PARTIES_BY_NAME,
        ORGANISATIONS_BY_PARTY,
        VOTING_GROUPS,
        ALLOCATIONS_BY_NUMBER,
        ALLOCATIONS_BY_SIGNIFIER,
        PARTIES_BY_COMPANY,
    ):
        mark_complete(session, name)
    loaded[True] = True


def found(session: Session, name: str, key: Any, query: Callable[[], Any]) -> Any:
    """A record by its key: from the register loaded for the import, else from the store
    (``query`` makes the statement, only then)."""
    if complete(session, name):
        return cache(session, name).get(key)
    return session.scalar(query())


def _loaded(session: Session, name: str) -> dict[Any, Any] | None:
    return cache(session, name) if cache(session, _REGISTER) else None


def remember(session: Session, party: Party, old_name: str | None = None) -> None:
    """Keep the loaded register current as rows create or rename Parties."""
    by_name = _loaded(session, PARTIES_BY_NAME)
    if by_name is None:
        return
    if old_name is not None and party in by_name.get(old_name, []):
        by_name[old_name].remove(party)
    if party not in by_name.setdefault(party.name, []):
        by_name[party.name].append(party)


def party_named(session: Session, name: str, label: str = "Party Name") -> Party | None:
    by_name = _loaded(session, PARTIES_BY_NAME)
    if by_name is not None:
        found = by_name.get(name, [])
    else:
        found = list(session.scalars(select(Party).where(Party.name == name).limit(2)))
    if len(found) > 1:
        raise ValidationError(label, f"more than one party is called {name!r}; cannot tell which")
    return found[0] if found else None


def existing_party(session: Session, name: str, label: str = "Party Name") -> Party:
    party = party_named(session, name, label)
    if party is None:
        raise ValidationError(
            label, f"there is no party called {name!r} (import the SEC Parties List first)"
        )
    return party


def contacts_of_loaded(session: Session) -> dict[int, list[OperationsContact]] | None:
    """Current contacts by Party id, if the register is loaded."""
    return _loaded(session, _CONTACTS_BY_PARTY)
