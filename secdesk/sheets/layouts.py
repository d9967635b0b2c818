"""The four published spreadsheets of SPEC.md, each declared once: its title, its data
sheet, its columns in published order, and where its rows come from.

Adding a column is one line in a ``columns`` tuple. Rows are sorted in Python, by name
regardless of case, so the published order is the same on SQLite and PostgreSQL (whose
collations differ).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from secdesk import validate as v
from secdesk.domain import (
    ContactPriority,
    DccUserRole,
    IdAllocation,
    OperationsContact,
    Organisation,
    OrganisationType,
    Party,
    PartyCategory,
    PartyStatus,
)
from secdesk.services.party_fields import licence_item
from secdesk.sheets.columns import (
    Column,
    Kind,
    address_cell,
    parse_address,
    text_rule,
)

CURRENT, FORMER = "Current", "Former"


@dataclass(frozen=True)
class Layout:
    key: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    records: Callable[[Session], Sequence[Any]]
    # A stable identity per row, so a publication can say what was renamed or removed.
    identity: Callable[[Any], str]

    @property
    def file_name(self) -> str:
        return f"{self.title}.xlsx"

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def rows(self, session: Session) -> list[tuple[str, list[Any]]]:
        return [
            (self.identity(record), [column.cell(record) for column in self.columns])
            for record in self.records(session)
        ]


def _choice(options: type[Any]) -> Callable[[Any, str], Any]:
    return lambda raw, label: v.choice(raw, options, label)


def _name_order(name: str, record_id: int) -> tuple[str, int]:
    return name.casefold(), record_id


# ---- SEC Parties List (WHITE: public fields only) ---------------------------------------


def _parties(session: Session) -> list[Party]:
    query = select(Party).options(
        selectinload(Party.voting_group),
        selectinload(Party.dcc_roles),
        selectinload(Party.mpids),
        selectinload(Party.licences),
        selectinload(Party.affiliates),
        selectinload(Party.gas_identifiers),
        selectinload(Party.previous_names),
    )
    return sorted(session.scalars(query), key=lambda p: _name_order(p.name, p.id))


def _uep_roles(party: Party) -> list[str]:
    return [
        r.role.value
        for r in sorted(party.dcc_roles, key=lambda r: list(DccUserRole).index(r.role))
        if r.uep_completed_on
    ]


def _first_uep(party: Party) -> Any:
    dates = [r.uep_completed_on for r in party.dcc_roles if r.uep_completed_on]
    return min(dates) if dates else None


PARTIES_LIST = Layout(
    key="parties",
    title="SEC Parties List",
    sheet="SEC Parties",
    identity=lambda p: f"party:{p.id}",
    records=_parties,
    columns=(
        Column("Party Name", lambda p: p.name, parse=v.party_name, field="name", width=42),
        Column(
            "Party Category",
            lambda p: p.category,
            parse=_choice(PartyCategory),
            field="category",
            width=22,
        ),
        Column(
            "Voting Group",
            lambda p: p.voting_group.name if p.voting_group else None,
            parse=text_rule(160),
            field="voting_group",
            width=36,
        ),
        Column("Status", lambda p: p.status, parse=_choice(PartyStatus), field="status", width=12),
        Column(
            "Accession Date",
            lambda p: p.accession_date,
            Kind.DATE,
            parse=v.parse_date,
            field="accession_date",
            width=15,
        ),
        Column("DCC User", lambda p: bool(_uep_roles(p)), Kind.YES_NO, width=10),
        Column(
            "DCC User Roles",
            _uep_roles,
            Kind.LIST,
            parse=_choice(DccUserRole),
            field="uep_roles",
            width=18,
        ),
        Column(
            "UEP Completion Date",
            _first_uep,
            Kind.DATE,
            parse=v.parse_date,
            field="uep_date",
            width=20,
        ),
    ),
)


# ---- SEC Party Details List (GREEN) -----------------------------------------------------

PARTY_DETAILS = Layout(
    key="party_details",
    title="SEC Party Details List",
    sheet="SEC Party Details",
    identity=lambda p: f"party:{p.id}",
    records=_parties,
    columns=(
        Column("Party Name", lambda p: p.name, parse=v.party_name, field="name", width=42),
        Column(
            "Company Number",
            lambda p: p.company_number,
            parse=v.company_number,
            field="company_number",
            width=19,
        ),
        Column(
            "VAT Number",
            lambda p: p.vat_number,
            show=v.format_vat_number,
            parse=v.vat_number,
            field="vat_number",
            width=19,
        ),
        Column(
            "Registered Address",
            lambda p: address_cell(p.registered_address, p.registered_postcode),
            parse=parse_address,
            field="registered",
            width=44,
        ),
        Column(
            "Invoice Address",
            lambda p: address_cell(p.invoice_address, p.invoice_postcode),
            parse=parse_address,
            field="invoice",
            width=44,
        ),
        Column(
            "Notices Address",
            lambda p: address_cell(p.notices_address, p.notices_postcode),
            parse=parse_address,
            field="notices",
            width=44,
        ),
        Column(
            "Notices E-mail",
            lambda p: p.notices_email,
            parse=v.email,
            field="notices_email",
            width=32,
        ),
        Column(
            "Energy Licences",
            lambda p: [f"{c.licence_type.value}: {c.reference}" for c in p.licences],
            Kind.LIST,
            parse=licence_item,
            field="licences",
            width=34,
        ),
        Column(
            "Affiliates",
            lambda p: [c.name for c in p.affiliates],
            Kind.LIST,
            parse=v.party_name,
            field="affiliates",
            width=34,
        ),
        Column(
            "MPIDs",
            lambda p: [c.code for c in p.mpids],
            Kind.LIST,
            parse=v.mpid,
            field="mpids",
            width=16,
        ),
        Column(
            "Gas Identifiers",
            lambda p: [c.code for c in p.gas_identifiers],
            Kind.LIST,
            parse=v.gas_identifier,
            field="gas_identifiers",
            width=16,
        ),
        Column(
            "Voting Group",
            lambda p: p.voting_group.name if p.voting_group else None,
            parse=text_rule(160),
            field="voting_group",
            width=36,
        ),
        Column(
            "Last Updated",
            lambda p: p.last_updated,
            Kind.DATE,
            parse=v.parse_date,
            field="last_updated",
            width=14,
        ),
    ),
)


# ---- Operations Contact List (GREEN: the only place personal data is published) ---------

_PRIORITY_ORDER = {priority: i for i, priority in enumerate(ContactPriority)}


def _contacts(session: Session) -> list[OperationsContact]:
    query = (
        select(OperationsContact)
        .where(OperationsContact.retired_at.is_(None))
        .options(selectinload(OperationsContact.party))
    )
    return sorted(
        session.scalars(query),
        key=lambda c: (
            c.party.name.casefold(),
            c.party_id,
            _PRIORITY_ORDER[c.priority],
            c.name.casefold(),
            c.id,
        ),
    )


OPERATIONS_CONTACTS = Layout(
    key="contacts",
    title="Operations Contact List",
    sheet="Operations Contacts",
    identity=lambda c: f"contact:{c.id}",
    records=_contacts,
    columns=(
        Column("Party Name", lambda c: c.party.name, parse=v.party_name, field="party", width=42),
        Column("Contact Name", lambda c: c.name, parse=text_rule(120), field="name", width=26),
        Column(
            "Job Title", lambda c: c.job_title, parse=text_rule(120), field="job_title", width=28
        ),
        Column("E-mail", lambda c: c.email, parse=v.email, field="email", width=34),
        Column(
            "Office Phone",
            lambda c: c.office_phone,
            show=v.format_phone,
            parse=v.phone,
            field="office_phone",
            width=18,
        ),
        Column(
            "Out-of-Hours Phone",
            lambda c: c.out_of_hours_phone,
            show=v.format_phone,
            parse=v.phone,
            field="out_of_hours_phone",
            width=20,
        ),
        Column(
            "Priority",
            lambda c: c.priority,
            parse=_choice(ContactPriority),
            field="priority",
            width=13,
        ),
        Column("24x7", lambda c: c.is_24x7, Kind.YES_NO, parse=v.yes_no, field="is_24x7", width=7),
        Column(
            "Last Confirmed",
            lambda c: c.last_confirmed,
            Kind.DATE,
            parse=v.parse_date,
            field="last_confirmed",
            width=15,
        ),
    ),
)


# ---- ID Allocation (GREEN) --------------------------------------------------------------


def _allocations(session: Session) -> list[IdAllocation]:
    query = select(IdAllocation).options(
        selectinload(IdAllocation.organisation)
        .selectinload(Organisation.party)
        .options(selectinload(Party.mpids), selectinload(Party.previous_names))
    )
    return sorted(
        session.scalars(query),
        key=lambda a: (a.organisation.display_name.casefold(), a.organisation_number),
    )


def _current(raw: Any, label: str) -> bool:
    text = str(raw).strip().casefold()
    if text in (CURRENT.casefold(), "y", "yes"):
        return True
    if text in (FORMER.casefold(), "n", "no"):
        return False
    raise v.ValidationError(label, f"{raw!r} is not {CURRENT} or {FORMER}")


def _party_of(a: IdAllocation) -> Party | None:
    return a.organisation.party


ID_ALLOCATION = Layout(
    key="allocations",
    title="ID Allocation",
    sheet="ID Allocation",
    identity=lambda a: f"allocation:{a.id}",
    records=_allocations,
    columns=(
        Column(
            "Organisation Name",
            lambda a: a.organisation.display_name,
            parse=text_rule(160),
            field="organisation_name",
            width=42,
        ),
        Column(
            "Organisation Type",
            lambda a: a.organisation.kind,
            parse=_choice(OrganisationType),
            field="organisation_type",
            width=18,
        ),
        Column("Signifier", lambda a: a.signifier, parse=v.signifier, field="signifier", width=11),
        Column(
            "Organisation Number",
            lambda a: a.organisation_number,
            Kind.NUMBER,
            parse=v.positive_integer,
            field="organisation_number",
            width=20,
        ),
        Column(
            "EUI-64 Range Start",
            lambda a: a.range_start,
            show=v.format_eui64,
            parse=v.eui64,
            field="range_start",
            width=25,
        ),
        Column(
            "EUI-64 Range End",
            lambda a: a.range_end,
            show=v.format_eui64,
            parse=v.eui64,
            field="range_end",
            width=25,
        ),
        Column(
            "MPIDs",
            lambda a: [m.code for m in p.mpids] if (p := _party_of(a)) else [],
            Kind.LIST,
            parse=v.mpid,
            field="mpids",
            width=16,
        ),
        Column(
            "Current/Former",
            lambda a: CURRENT if a.is_current else FORMER,
            parse=_current,
            field="is_current",
            width=15,
        ),
        Column(
            "Previous Names",
            lambda a: [n.name for n in p.previous_names] if (p := _party_of(a)) else [],
            Kind.LIST,
            parse=v.party_name,
            field="previous_names",
            width=34,
        ),
    ),
)

# Published together; imported in this order (parties before what refers to them).
LAYOUTS: tuple[Layout, ...] = (PARTIES_LIST, PARTY_DETAILS, OPERATIONS_CONTACTS, ID_ALLOCATION)
