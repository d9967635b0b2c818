"""How one imported row of each spreadsheet reaches the register.

Each applier matches the row to a record (company number, organisation number or
signifier, else exact name; an ambiguous name is an error), compares what the row says with
what is stored, and creates or updates through the same services as every other edit, so
imports are validated, version-checked and audited like typing. Returns what it did.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import (
    DccUserRole,
    IdAllocation,
    MembershipEventKind,
    OperationsContact,
    Organisation,
    OrganisationType,
    Party,
    PartyStatus,
)
from secdesk.errors import ValidationError
from secdesk.services import allocations, contacts, membership, parties
from secdesk.services.allocations import ALLOCATION_FIELDS
from secdesk.services.contacts import CONTACT_FIELDS
from secdesk.services.party_fields import PARTY_FIELDS
from secdesk.services.records import FieldSet, save_checked
from secdesk.sheets import apply_assurance
from secdesk.sheets.columns import address_cell
from secdesk.sheets.identity import same_values
from secdesk.sheets.loaded_register import (
    ALLOCATIONS_BY_NUMBER,
    ALLOCATIONS_BY_SIGNIFIER,
    PARTIES_BY_COMPANY,
    contacts_of_loaded,
    existing_party,
    found,
    party_named,
    remember,
)

IMPORT_REASON = "recorded from an imported spreadsheet"
ACCESSION = MembershipEventKind.ACCESSION
# The contacts the rows of an import have matched so far (two rows, two contacts).
CONTACTS_MATCHED = "contacts matched by import"


class Outcome(enum.Enum):
    CREATED = "created"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


Values = Mapping[str, Any]


def changed_fields(fields: FieldSet, record: Any, wanted: Mapping[str, Any]) -> dict[str, Any]:
    """The part of ``wanted`` (raw values) that differs from the record once cleaned."""
    cleaned = fields.clean(wanted)
    stored = fields.snapshot(record)
    return {
        key: wanted[key] for key, value in cleaned.items() if not same_values(value, stored[key])
    }


def prepare_allocations(session: Session, rows: list[Values]) -> None:
    """Before an ID Allocation sheet is applied as one batch: the organisation record of
    every Party it names, made together (an allocation refers to its organisation by id)."""
    for row in rows:
        if row["organisation_type"] is OrganisationType.PARTY:
            party = existing_party(session, row["organisation_name"], "Organisation Name")
            allocations.organisation_for_party(session, party.id)
    session.flush()


# ---- SEC Parties List -------------------------------------------------------------------


def _status_path(start: PartyStatus, goal: PartyStatus) -> list[MembershipEventKind]:
    """The fewest membership events that lead from one status to another."""
    paths: dict[PartyStatus, list[MembershipEventKind]] = {start: []}
    queue = deque([start])
    while queue:
        status = queue.popleft()
        if status is goal:
            return paths[status]
        for (before, kind), after in membership.TRANSITIONS.items():
            if before is status and after not in paths:
                paths[after] = [*paths[status], kind]
                queue.append(after)
    raise ValidationError("Status", f"a party cannot go from {start.value} to {goal.value}")


def _reach_status(session: Session, party: Party, goal: PartyStatus, acceded: date | None) -> bool:
    """Bring a Party to the status its row gives. Events the file does not date are
    recorded undated: the status is right, and no month counts them (the Membership Events
    import can date them)."""
    moved = False
    if acceded is not None and party.accession_date is None and party.events:
        moved = membership.record_history(session, party, ACCESSION, acceded, None)
    if party.status is goal:
        return moved
    if party.status is PartyStatus.APPLICANT and acceded is not None:
        # A party with an accession date acceded first, whatever happened next.
        path = [ACCESSION, *_status_path(PartyStatus.PARTY, goal)]
    else:
        path = _status_path(party.status, goal)
    for kind in path:
        when = acceded if kind is ACCESSION else None
        reason = IMPORT_REASON if kind in membership.REASON_REQUIRED else None
        membership.apply_event(session, party, kind, when, reason)
    return True


def _saved(session: Session, party: Party) -> None:
    save_checked(session, party, party.version, PARTY_FIELDS)


def _uep_roles(
    party: Party | None, roles: list[DccUserRole], when: date | None
) -> dict[DccUserRole, date | None]:
    """The party's roles after the row: roles listed have completed UEP (keeping a date
    already known, else the row's earliest date); roles not listed have not."""
    if roles and when is None:
        raise ValidationError("UEP Completion Date", "is required when DCC User Roles are given")
    if when is not None and not roles:
        raise ValidationError("DCC User Roles", "are required when a UEP Completion Date is given")
    current = {r.role: r.uep_completed_on for r in party.dcc_roles} if party else {}
    result: dict[DccUserRole, date | None] = dict.fromkeys(current)
    for role in roles:
        result[role] = current.get(role) or when
    return result


def apply_party(session: Session, row: Values) -> Outcome:
    status, acceded = row["status"], row["accession_date"]
    if status is PartyStatus.APPLICANT and acceded is not None:
        raise ValidationError("Accession Date", "an Applicant has not acceded yet")
    party = party_named(session, row["name"])
    wanted = {
        "name": row["name"],
        "category": row["category"],
        "voting_group": row["voting_group"],
        "dcc_roles": _uep_roles(party, row["uep_roles"], row["uep_date"]),
    }
    if party is None:
        party = parties.create_party(session, wanted)
        remember(session, party)
        if _reach_status(session, party, status, acceded):
            _saved(session, party)
        return Outcome.CREATED
    if party.accession_date is not None and acceded != party.accession_date:
        raise ValidationError(
            "Accession Date",
            f"the register says {party.accession_date:%d/%m/%Y}; correct an accession in "
            "secdesk rather than by import",
        )
    changes = changed_fields(PARTY_FIELDS, party, wanted)
    if changes:
        parties.update_party(session, party, changes, party.version)
    moved = _reach_status(session, party, status, acceded)
    if moved:
        _saved(session, party)
    return Outcome.CHANGED if changes or moved else Outcome.UNCHANGED


# ---- Membership Events ------------------------------------------------------------------


def apply_membership_event(session: Session, row: Values) -> Outcome:
    party = existing_party(session, row["party"])
    known = len(party.events)
    changed = membership.record_history(session, party, row["kind"], row["date"], row.get("reason"))
    if not changed:
        return Outcome.UNCHANGED
    _saved(session, party)
    return Outcome.CREATED if len(party.events) > known else Outcome.CHANGED


# ---- SEC Party Details List -------------------------------------------------------------


def apply_party_details(session: Session, row: Values) -> Outcome:
    party = None
    if number := row["company_number"]:
        query = lambda: select(Party).where(Party.company_number == number)  # noqa: E731
        party = found(session, PARTIES_BY_COMPANY, number, query)
    party = party or existing_party(session, row["name"])
    wanted: dict[str, Any] = {
        key: row[key]
        for key in (
            "name",
            "company_number",
            "vat_number",
            "notices_email",
            "licences",
            "affiliates",
            "mpids",
            "gas_identifiers",
            "voting_group",
            "last_updated",
        )
    }
    for place in ("registered", "invoice", "notices"):
        lines, postcode = row[place] or (None, None)
        stored = (getattr(party, f"{place}_address"), getattr(party, f"{place}_postcode"))
        if address_cell(lines, postcode) == address_cell(*stored):
            continue  # the same address as published ("Unit 3, Mill Lane" is one line)
        wanted[f"{place}_address"], wanted[f"{place}_postcode"] = lines, postcode
    changes = changed_fields(PARTY_FIELDS, party, wanted)
    if not changes:
        return Outcome.UNCHANGED
    # The file's own Last Updated is kept, even when only other fields differ.
    changes["last_updated"] = row["last_updated"]
    old_name = party.name
    parties.update_party(session, party, changes, party.version)
    remember(session, party, old_name)
    return Outcome.CHANGED


# ---- Operations Contact List ------------------------------------------------------------


def _contact_for(session: Session, party: Party, row: Values) -> OperationsContact | None:
    """The stored contact a row speaks of: the Party's contact of that name and priority,
    else of that name and e-mail, else its one contact of that name; never one an earlier
    row of this import has taken (a person listed as Main and as Escalation is two)."""
    taken: set[int] = session.info.setdefault(CONTACTS_MATCHED, set())
    loaded = contacts_of_loaded(session)
    current = (
        loaded.get(party.id, [])
        if loaded is not None
        else session.scalars(
            select(OperationsContact).where(
                OperationsContact.party_id == party.id, OperationsContact.retired_at.is_(None)
            )
        )
    )
    named = [
        c for c in current if c.name.casefold() == row["name"].casefold() and c.id not in taken
    ]
    email = (row["email"] or "").casefold()
    for candidates in (
        [c for c in named if c.priority is row["priority"]],
        [c for c in named if c.email.casefold() == email],
        named,
    ):
        if len(candidates) == 1:
            taken.add(candidates[0].id)
            return candidates[0]
    if named:
        raise ValidationError(
            "Contact Name",
            f"{party.name} has several contacts called {row['name']!r}; give each its own "
            "priority or e-mail so they can be told apart",
        )
    return None


def apply_contact(session: Session, row: Values) -> Outcome:
    party = existing_party(session, row["party"])
    wanted = {
        key: row[key]
        for key in (
            "name",
            "job_title",
            "email",
            "office_phone",
            "out_of_hours_phone",
            "priority",
            "is_24x7",
            "last_confirmed",
        )
    }
    contact = _contact_for(session, party, row)
    if contact is None:
        created = contacts.create_contact(session, {"party_id": party.id} | wanted)
        session.info.setdefault(CONTACTS_MATCHED, set()).add(created.id)
        return Outcome.CREATED
    changes = changed_fields(CONTACT_FIELDS, contact, wanted)
    if not changes:
        return Outcome.UNCHANGED
    contacts.update_contact(session, contact.id, changes, contact.version)
    return Outcome.CHANGED


# ---- ID Allocation ----------------------------------------------------------------------


def _organisation(session: Session, row: Values) -> tuple[Organisation, bool]:
    kind: OrganisationType = row["organisation_type"]
    name = row["organisation_name"]
    if kind is OrganisationType.PARTY:
        party = existing_party(session, name, "Organisation Name")
        return allocations.organisation_for_party(session, party.id), False
    found = session.scalar(
        select(Organisation).where(Organisation.kind == kind, Organisation.name == name)
    )
    if found is not None:
        return found, False
    made = allocations.create_organisation(session, kind, name)
    session.flush()  # its allocation refers to it by id
    return made, True


def _party_lists(session: Session, organisation: Organisation, row: Values) -> bool:
    """MPIDs and previous names published beside a Party's allocation belong to the
    Party; a difference updates it."""
    party = organisation.party
    if party is None:
        if row["mpids"] or row["previous_names"]:
            raise ValidationError(
                "MPIDs", "only a Party's MPIDs and previous names are kept in the register"
            )
        return False
    changes = changed_fields(
        PARTY_FIELDS, party, {"mpids": row["mpids"], "previous_names": row["previous_names"]}
    )
    if changes:
        parties.update_party(session, party, changes, party.version)
    return bool(changes)


def apply_allocation(session: Session, row: Values) -> Outcome:
    organisation, made = _organisation(session, row)
    number, signifier = row["organisation_number"], row["signifier"]
    allocation = found(
        session,
        ALLOCATIONS_BY_NUMBER,
        number,
        lambda: select(IdAllocation).where(IdAllocation.organisation_number == number),
    ) or found(
        session,
        ALLOCATIONS_BY_SIGNIFIER,
        signifier,
        lambda: select(IdAllocation).where(IdAllocation.signifier == signifier),
    )
    wanted = {
        key: row[key]
        for key in ("organisation_number", "range_start", "range_end", "signifier", "is_current")
    }
    wanted["organisation_id"] = organisation.id
    if allocation is None:
        allocations.allocate(session, wanted)
        _party_lists(session, organisation, row)
        return Outcome.CREATED
    changes = changed_fields(ALLOCATION_FIELDS, allocation, wanted)
    if changes:
        allocations.update_allocation(session, allocation.id, changes, allocation.version)
    lists_changed = _party_lists(session, organisation, row)
    return Outcome.CHANGED if changes or made or lists_changed else Outcome.UNCHANGED


# What a sheet needs done before its rows are applied as one batch.
PREPARE: dict[str, Callable[[Session, list[Values]], None]] = {
    "allocations": prepare_allocations,
}

# Sheets whose rows reach records as loaded objects, never by id: their batch goes on from
# the sheet before it unflushed (a Party listed and detailed in one import is one INSERT,
# not an INSERT and then an UPDATE a Party).
ON_UNFLUSHED = frozenset({"party_details"})

APPLIERS: dict[str, Callable[[Session, Values], Outcome]] = {
    "parties": apply_party,
    "party_details": apply_party_details,
    "contacts": apply_contact,
    "allocations": apply_allocation,
    "membership_events": apply_membership_event,
    "testing_completions": lambda s, row: Outcome(apply_assurance.testing_completion(s, row)),
    "assessments": lambda s, row: Outcome(apply_assurance.assessment(s, row)),
}
