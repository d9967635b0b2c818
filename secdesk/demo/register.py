"""Demo Parties, contacts and ID allocations, made through the services so they are
validated and audited like real work."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.demo.vocabulary import (
    CATEGORY_MIX,
    EXIT_REASONS,
    FIRST,
    JOBS,
    KINDS,
    LAST,
    PARTY_COUNT,
    RDPS,
    STEMS,
    STREETS,
    SUFFIXES,
    TOWNS,
    VOTING_GROUP_COUNT,
)
from secdesk.domain import (
    ContactPriority,
    DccUserRole,
    LicenceType,
    Organisation,
    OrganisationType,
    Party,
    PartyCategory,
)
from secdesk.errors import ValidationError
from secdesk.services import allocations, contacts, membership, parties

T = TypeVar("T")


def _unique(rng: random.Random, make: Callable[[random.Random], T], seen: set[T]) -> T:
    """Draw from ``make`` until the value is new to ``seen`` (names, numbers, codes)."""
    while True:
        value = make(rng)
        if value not in seen:
            seen.add(value)
            return value


def _vat(rng: random.Random) -> str:
    while True:
        candidate = f"{rng.randint(100_000_000, 999_999_999)}"
        try:
            return v.vat_number(candidate)
        except ValidationError:
            continue


def _company_number(rng: random.Random) -> str:
    prefix = rng.choices(("", "SC", "NI", "OC"), weights=(85, 9, 4, 2))[0]
    return (
        prefix + f"{rng.randint(1, 999_999):06d}" if prefix else f"{rng.randint(1, 14_999_999):08d}"
    )


def _code(rng: random.Random, length: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def _address(rng: random.Random) -> tuple[str, str]:
    town, outward = rng.choice(TOWNS)
    postcode = f"{outward} {rng.randint(1, 9)}{_code(rng, 2, 'ABDEFGHJLNPQRSTUWXYZ')}"
    return f"{rng.randint(1, 240)} {rng.choice(STREETS)}\n{town}", postcode


def _category_plan(rng: random.Random) -> list[PartyCategory]:
    plan = [category for category, count in CATEGORY_MIX for _ in range(count)]
    rng.shuffle(plan)
    return plan[:PARTY_COUNT]


def _group_plan(rng: random.Random) -> list[int]:
    """Voting group index per party: every group gets one party, the rest join groups of
    two to four (a Party and its Affiliates that are Parties)."""
    plan = list(range(VOTING_GROUP_COUNT))
    multi = rng.sample(range(VOTING_GROUP_COUNT), 40)
    while len(plan) < PARTY_COUNT:
        plan.append(rng.choice(multi))
    rng.shuffle(plan)
    return plan


def _roles_for(rng: random.Random, category: PartyCategory, accession: date) -> dict[Any, Any]:
    roles = {
        PartyCategory.LARGE_SUPPLIER: [
            DccUserRole.IMPORT_SUPPLIER,
            DccUserRole.EXPORT_SUPPLIER,
            DccUserRole.GAS_SUPPLIER,
        ],
        PartyCategory.SMALL_SUPPLIER: [DccUserRole.IMPORT_SUPPLIER, DccUserRole.GAS_SUPPLIER],
        PartyCategory.ELECTRICITY_NETWORK: [DccUserRole.ELECTRICITY_DISTRIBUTOR],
        PartyCategory.GAS_NETWORK: [DccUserRole.GAS_TRANSPORTER],
        PartyCategory.OTHER: rng.choice(
            ([DccUserRole.OTHER_USER], [DccUserRole.REGISTERED_SUPPLIER_AGENT], [])
        ),
    }[category]
    result: dict[DccUserRole, date | None] = {}
    for role in roles:
        done = rng.random() < 0.75
        completed = accession + timedelta(days=rng.randint(60, 900))
        # A completion still in the future has not happened yet.
        result[role] = completed if done and completed <= date.today() else None
    return result


def _licences_for(rng: random.Random, category: PartyCategory, seen: set[Any]) -> list[Any]:
    types = {
        PartyCategory.LARGE_SUPPLIER: [LicenceType.ELECTRICITY_SUPPLY, LicenceType.GAS_SUPPLY],
        PartyCategory.SMALL_SUPPLIER: [
            rng.choice([LicenceType.ELECTRICITY_SUPPLY, LicenceType.GAS_SUPPLY])
        ],
        PartyCategory.ELECTRICITY_NETWORK: [LicenceType.ELECTRICITY_DISTRIBUTION],
        PartyCategory.GAS_NETWORK: [LicenceType.GAS_TRANSPORTER],
        PartyCategory.OTHER: [],
    }[category]
    return [(kind, _unique(rng, partial(_licence_reference, kind=kind), seen)) for kind in types]


def _licence_reference(rng: random.Random, kind: LicenceType) -> str:
    initials = "".join(word[0] for word in kind.name.split("_"))
    return f"{initials}-{rng.randint(1, 9999):04d}"


def _party_name(rng: random.Random, category: PartyCategory) -> str:
    return f"{rng.choice(STEMS)} {rng.choice(KINDS[category])} {rng.choice(SUFFIXES)}"


def _group_name(rng: random.Random, party_name: str, used: set[str]) -> str:
    """ "Albion Energy Ltd" leads "Albion Energy Group" (another stem if that is taken)."""
    kind = party_name.rsplit(" ", 1)[0].split(" ", 1)[1]
    name = f"{party_name.rsplit(' ', 1)[0]} Group"
    while name in used:
        name = f"{rng.choice(STEMS)} {kind} Group"
    used.add(name)
    return name


def make_parties(session: Session, rng: random.Random, today: date) -> list[Party]:
    names: set[str] = set()
    numbers: set[str] = set()
    vats: set[str] = set()
    mpids: set[str] = set()
    gas_ids: set[str] = set()
    licences: set[Any] = set()
    groups = _group_plan(rng)
    group_names: dict[int, str] = {}
    used_group_names: set[str] = set()
    made: list[Party] = []
    for index, category in enumerate(_category_plan(rng)):
        name = _unique(rng, partial(_party_name, category=category), names)
        group = groups[index]
        if group not in group_names:
            group_names[group] = _group_name(rng, name, used_group_names)
        domain = (
            "".join(ch for ch in name.lower().split(" ")[0] if ch.isalnum()) + f"{index}.example"
        )
        registered, postcode = _address(rng)
        accession = today - timedelta(days=rng.randint(30, 4200))
        data: dict[str, Any] = {
            "name": name,
            "category": category,
            "company_number": _unique(rng, _company_number, numbers),
            "vat_number": _unique(rng, _vat, vats) if rng.random() < 0.9 else None,
            "voting_group": group_names[group],
            "registered_address": registered,
            "registered_postcode": postcode,
            "invoice_address": registered if rng.random() < 0.7 else _address(rng)[0],
            "invoice_postcode": postcode,
            "invoice_email": f"accounts@{domain}",
            "notices_address": registered,
            "notices_postcode": postcode,
            "notices_email": f"sec.notices@{domain}",
            "licences": _licences_for(rng, category, licences),
            "dcc_roles": _roles_for(rng, category, accession),
            "last_updated": min(accession + timedelta(days=rng.randint(0, 400)), today),
        }
        if category in (
            PartyCategory.LARGE_SUPPLIER,
            PartyCategory.SMALL_SUPPLIER,
            PartyCategory.ELECTRICITY_NETWORK,
        ):
            count = 3 if category is PartyCategory.LARGE_SUPPLIER else 1
            data["mpids"] = [
                _unique(rng, lambda r: _code(r, 4, "ABCDEFGHJKLMNPRSTUVWXYZ"), mpids)
                for _ in range(count)
            ]
        if category in (PartyCategory.LARGE_SUPPLIER, PartyCategory.GAS_NETWORK) or (
            category is PartyCategory.SMALL_SUPPLIER and rng.random() < 0.4
        ):
            data["gas_identifiers"] = [
                _unique(rng, lambda r: _code(r, 3, "ABCDEFGHJKLMNPRSTUVWXYZ"), gas_ids)
            ]
        applicant = rng.random() < 0.02
        party = parties.create_party(session, data, accession_date=None if applicant else accession)
        made.append(party)
    _affiliates_and_exits(session, rng, made, today)
    return made


def _affiliates_and_exits(
    session: Session, rng: random.Random, made: list[Party], today: date
) -> None:
    by_group: dict[int | None, list[Party]] = {}
    for party in made:
        by_group.setdefault(party.voting_group_id, []).append(party)
    for members in by_group.values():
        for party in members:
            others = [p.name for p in members if p is not party]
            if others:
                parties.update_party(session, party.id, {"affiliates": others}, party.version)
    accessed = [(p, p.accession_date) for p in made if p.accession_date is not None]
    for party, acceded in rng.sample(accessed, 14):
        left = min(
            today - timedelta(days=rng.randint(5, 700)),
            acceded + timedelta(days=rng.randint(200, 3000)),
        )
        if left <= acceded:
            continue
        membership.retire_party(
            session,
            party.id,
            left,
            rng.choice(EXIT_REASONS),
            party.version,
            expelled=rng.random() < 0.3,
        )
    current = [(p, acceded) for p, acceded in accessed if p.status.is_current]
    for party, acceded in rng.sample(current, 6):
        when = today - timedelta(days=rng.randint(20, 300))
        if when <= acceded:
            continue
        membership.record_event(
            session,
            party.id,
            membership.DEFAULT,
            when,
            "failed to pay SEC charges when due",
            party.version,
        )
        if rng.random() < 0.5:
            membership.record_event(
                session,
                party.id,
                membership.DEFAULT_CURED,
                when + timedelta(days=rng.randint(5, 19)),
                "charges paid",
                party.version,
            )


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def make_contacts(session: Session, rng: random.Random, made: list[Party], today: date) -> int:
    count = 0
    for party in made:
        if not party.status.is_current:
            continue
        domain = party.notices_email.split("@")[1] if party.notices_email else "party.example"
        priorities = [ContactPriority.MAIN, ContactPriority.ALTERNATIVE]
        if rng.random() < 0.4:
            priorities.append(ContactPriority.ESCALATION)
        for priority in priorities:
            name = person(rng)
            local = "".join(
                ch for ch in name.lower().replace(" ", ".") if ch.isalnum() or ch == "."
            )
            contacts.create_contact(
                session,
                {
                    "party_id": party.id,
                    "name": name,
                    "job_title": rng.choice(JOBS),
                    "email": f"{local}@{domain}",
                    "office_phone": rng.choice(("020 7946 0", "0113 496 0", "0131 496 0"))
                    + f"{rng.randint(0, 999):03d}",
                    "out_of_hours_phone": f"0191 498 0{rng.randint(0, 999):03d}",
                    "priority": priority,
                    "is_24x7": priority is ContactPriority.MAIN or rng.random() < 0.3,
                    "last_confirmed": today - timedelta(days=rng.randint(0, 200)),
                },
            )
            count += 1
    return count


_EUI64_BASE = 0x90B3D51F00000000
_BLOCK = 1 << 24


def make_allocations(session: Session, rng: random.Random, made: list[Party]) -> int:
    holders: list[tuple[Organisation, str | None]] = []
    dcc = allocations.create_organisation(session, OrganisationType.DCC, "Smart DCC Ltd")
    holders.append((dcc, "DCC"))
    for name in RDPS:
        org = allocations.create_organisation(session, OrganisationType.RDP, name)
        holders.append((org, f"RDP{len(holders)}"))
    for party in made:
        if party.dcc_roles and party.accession_date:
            org = allocations.organisation_for_party(session, party.id)
            holders.append((org, None))
    signifiers: set[str] = set()
    for number, (org, signifier) in enumerate(holders, 1):
        start = _EUI64_BASE + (number - 1) * _BLOCK
        allocations.allocate(
            session,
            {
                "organisation_id": org.id,
                "organisation_number": number,
                "range_start": f"{start:016X}",
                "range_end": f"{start + _BLOCK - 1:016X}",
                "signifier": signifier
                or _unique(
                    rng, lambda r: _code(r, 4, "ABCDEFGHJKLMNPRSTUVWXYZ23456789"), signifiers
                ),
            },
        )
        if org.party is not None and not org.party.status.is_current:
            allocation = org.allocations[-1]
            allocations.retire_allocation(session, allocation.id, allocation.version)
    return len(holders)
