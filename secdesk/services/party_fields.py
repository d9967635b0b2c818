"""How a Party's fields are validated, read and written: the declaration the party service,
the membership service, the editors and the importers share."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import (
    Affiliate,
    DccUserRole,
    EnergyLicence,
    EntryTest,
    GasIdentifier,
    LicenceType,
    Mpid,
    Party,
    PartyCategory,
    PartyDccRole,
    PartyName,
    TestingCompletion,
    VotingGroup,
)
from secdesk.domain.enums import role_by_words
from secdesk.errors import ValidationError
from secdesk.services.records import (
    Field,
    FieldSet,
    choice_field,
    clean_list,
    optional_field,
    sync_children,
)
from secdesk.services.session_cache import cache, complete


def licence_item(item: Any, label: str) -> tuple[LicenceType, str]:
    """A licence as (type, reference), or the text ``Gas Supply: GS-0012``."""
    if isinstance(item, str):
        kind, sep, reference = item.partition(":")
        if not sep:
            raise ValidationError(label, f"{item!r} should be written as TYPE: REFERENCE")
    else:
        kind, reference = item
    if ":" in str(reference):
        raise ValidationError(
            label, f"{item!r} holds several licences: write each as TYPE: REFERENCE, one per line"
        )
    return v.choice(kind, LicenceType, label), v.required_text(reference, label, 60)


def _dcc_role(item: Any, label: str) -> tuple[DccUserRole, date | None]:
    """A role and its UEP completion date: (role, date) or text ``IS 01/02/2020``."""
    if isinstance(item, str):
        role, _, when = item.strip().partition(" ")
        when = when.strip().strip("()")
    elif isinstance(item, DccUserRole):
        role, when = item, None
    else:
        role, when = item
    return v.choice(role, DccUserRole, label), v.optional(v.parse_date, when, label)


def _clean_roles(raw: Any) -> dict[DccUserRole, date | None]:
    items = list(raw.items()) if isinstance(raw, Mapping) else raw
    pairs = clean_list(_dcc_role, "DCC User roles")(items)
    return dict(pairs)


def _write_name(session: Session, party: Party, name: str) -> None:
    if party.name and party.name != name:
        party.previous_names.append(PartyName(name=party.name, changed_on=date.today()))
    party.name = name


def _write_previous_names(session: Session, party: Party, names: list[str]) -> None:
    """Earlier names as a list (from the ID Allocation spreadsheet): names already in the
    history keep their dates; names new to it are dated today."""
    sync_children(
        party.previous_names,
        {n: n for n in names},
        lambda c: c.name,
        lambda name, _: PartyName(name=name, changed_on=date.today()),
    )


# Parties by name (name → Parties), when a unit of work has loaded all of them.
PARTIES_BY_NAME = "parties by name"
VOTING_GROUPS = "voting groups by name"


def _write_voting_group(session: Session, party: Party, name: str | None) -> None:
    if name is None:
        party.voting_group = None
        return
    groups = cache(session, VOTING_GROUPS)
    group = groups.get(name)
    if group is None:
        if not complete(session, VOTING_GROUPS):
            group = session.scalar(select(VotingGroup).where(VotingGroup.name == name))
        groups[name] = group = group or VotingGroup(name=name)
    party.voting_group = group


def _write_licences(session: Session, party: Party, value: list[tuple[LicenceType, str]]) -> None:
    sync_children(
        party.licences,
        {item: None for item in value},
        lambda c: (c.licence_type, c.reference),
        lambda key, _: EnergyLicence(licence_type=key[0], reference=key[1]),
    )


def _write_affiliates(session: Session, party: Party, names: list[str]) -> None:
    def link(affiliate: Affiliate, name: str) -> None:
        if complete(session, PARTIES_BY_NAME):
            # Every Party is loaded (an import), some perhaps not yet written: by object.
            named = [p for p in cache(session, PARTIES_BY_NAME).get(name, []) if p is not party]
            affiliate.affiliate_party = named[0] if named else None
            return
        affiliate.affiliate_party_id = session.scalar(
            select(Party.id).where(Party.name == name, Party.id != party.id).limit(1)
        )

    def make(name: str, _: Any) -> Affiliate:
        affiliate = Affiliate(name=name)
        link(affiliate, name)
        return affiliate

    sync_children(party.affiliates, {n: n for n in names}, lambda c: c.name, make, link)


def _code_list_field(
    key: str, label: str, rule: Any, model: type[Mpid] | type[GasIdentifier]
) -> Field:
    """A list of identifiers the Party holds, one child row each (MPIDs, gas codes)."""

    def write(session: Session, party: Party, codes: list[str]) -> None:
        sync_children(
            getattr(party, key),
            {c: c for c in codes},
            lambda c: c.code,
            lambda code, _: model(code=code),
        )

    return Field(
        key,
        label,
        clean_list(rule, label),
        read=lambda p: [c.code for c in getattr(p, key)],
        write=write,
    )


def _write_roles(session: Session, party: Party, roles: dict[DccUserRole, date | None]) -> None:
    def update(child: PartyDccRole, when: date | None) -> None:
        child.uep_completed_on = when

    sync_children(
        party.dcc_roles,
        roles,
        lambda c: c.role,
        lambda role, when: PartyDccRole(role=role, uep_completed_on=when),
        update,
    )


def _testing_item(item: Any, label: str) -> tuple[EntryTest, DccUserRole | None, date]:
    """An entry test completed: (test, role, date), or text ``UEPT IS 01/02/2020`` /
    ``SREPT 01/02/2020``. SREPT has no role; UEPT has one."""
    if isinstance(item, str):
        parts = item.split()
        if len(parts) not in (2, 3):
            raise ValidationError(
                label, f"{item!r} should read UEPT ROLE DD/MM/YYYY or SREPT DD/MM/YYYY"
            )
        test_raw, role_raw, when_raw = parts[0], parts[1] if len(parts) == 3 else None, parts[-1]
    else:
        test_raw, role_raw, when_raw = item
    test = v.choice(test_raw, EntryTest, label)
    role = role_by_words(str(role_raw), label) if role_raw not in (None, "") else None
    if test is EntryTest.UEPT and role is None:
        raise ValidationError(label, "UEPT is completed for a DCC User role: name the role")
    if test is EntryTest.SREPT and role is not None:
        raise ValidationError(
            label, "SREPT is completed once, not for a role: leave the role blank"
        )
    when = v.parse_date(when_raw, label)
    if when is None:
        raise ValidationError(label, "give the date the test was completed")
    return test, role, when


def _write_testing(
    session: Session, party: Party, items: list[tuple[EntryTest, DccUserRole | None, date]]
) -> None:
    def update(child: TestingCompletion, when: date) -> None:
        child.completed_on = when

    wanted = {(test, role): when for test, role, when in items}
    sync_children(
        party.testing,
        wanted,
        lambda c: (c.test, c.role),
        lambda key, when: TestingCompletion(test=key[0], role=key[1], completed_on=when),
        update,
    )


def _clean_testing(raw: Any) -> list[tuple[EntryTest, DccUserRole | None, date]]:
    items = clean_list(_testing_item, "Testing completions")(raw)
    seen: set[tuple[EntryTest, DccUserRole | None]] = set()
    for test, role, _when in items:
        if (test, role) in seen:
            what = f"UEPT for {role.words}" if role else "SREPT"
            raise ValidationError("Testing completions", f"{what} is listed twice")
        seen.add((test, role))
    return items


PARTY_FIELDS = FieldSet(
    "Party",
    Field("name", "Party name", v.party_name, write=_write_name, required=True),
    optional_field("company_number", "Company number", v.company_number),
    choice_field("category", "Party category", PartyCategory),
    Field(
        "voting_group",
        "Voting group",
        lambda raw: v.optional_text(raw, "Voting group", 160),
        read=lambda p: p.voting_group.name if p.voting_group else None,
        write=_write_voting_group,
    ),
    optional_field("vat_number", "VAT number", v.vat_number),
    optional_field("registered_address", "Registered address", v.multiline_text),
    optional_field("registered_postcode", "Registered postcode", v.postcode),
    optional_field("invoice_address", "Invoice address", v.multiline_text),
    optional_field("invoice_postcode", "Invoice postcode", v.postcode),
    optional_field("invoice_email", "Invoice e-mail", v.email),
    optional_field("notices_address", "Notices address", v.multiline_text),
    optional_field("notices_postcode", "Notices postcode", v.postcode),
    optional_field("notices_email", "Notices e-mail", v.email),
    Field(
        "licences",
        "Energy licences",
        clean_list(licence_item, "Energy licences"),
        read=lambda p: [(c.licence_type, c.reference) for c in p.licences],
        write=_write_licences,
    ),
    Field(
        "affiliates",
        "Affiliates",
        clean_list(v.party_name, "Affiliates"),
        read=lambda p: [c.name for c in p.affiliates],
        write=_write_affiliates,
    ),
    _code_list_field("mpids", "MPIDs", v.mpid, Mpid),
    _code_list_field("gas_identifiers", "Gas identifiers", v.gas_identifier, GasIdentifier),
    Field(
        "dcc_roles",
        "DCC User roles",
        _clean_roles,
        read=lambda p: {c.role: c.uep_completed_on for c in p.dcc_roles},
        write=_write_roles,
    ),
    Field(
        "testing",
        "Testing completions",
        _clean_testing,
        read=lambda p: [(c.test, c.role, c.completed_on) for c in p.testing],
        write=_write_testing,
    ),
    optional_field("last_updated", "Last updated", v.parse_date),
    Field(
        "previous_names",
        "Previous names",
        clean_list(v.party_name, "Previous names"),
        read=lambda p: [n.name for n in p.previous_names],
        write=_write_previous_names,
    ),
)
