"""The SEC Parties List (WHITE: public fields only) and the SEC Party Details List (GREEN).
Rows are sorted by name regardless of case, the same on both backends."""

from __future__ import annotations

from typing import Any

from secdesk import validate as v
from secdesk.domain import DccUserRole, Party, PartyCategory, PartyStatus
from secdesk.services.party_fields import licence_item
from secdesk.sheets.columns import (
    CODES_SPLIT,
    TYPED_ITEMS_SPLIT,
    Column,
    Kind,
    address_cell,
    parse_address,
    text_rule,
)
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.sheet_layout import Layout, choice, name_order

# ---- SEC Parties List (WHITE: public fields only) ---------------------------------------


def _parties(register: RegisterSnapshot) -> list[Any]:
    return sorted(register.parties, key=lambda p: name_order(p.name, p.id))


def _uep_roles(party: Party) -> list[str]:
    return [
        r.role.value
        for r in sorted(party.dcc_roles, key=lambda r: list(DccUserRole).index(r.role))
        if r.uep_completed_on
    ]


def _first_uep(party: Party) -> Any:
    dates = [r.uep_completed_on for r in party.dcc_roles if r.uep_completed_on]
    return min(dates) if dates else None


# Columns both party lists publish, declared once.
PARTY_NAME = Column(
    "Party Name", lambda p: p.name, parse=v.party_name, field="name", width=42, required=True
)
VOTING_GROUP = Column(
    "Voting Group",
    lambda p: p.voting_group.name if p.voting_group else None,
    parse=text_rule(160),
    field="voting_group",
    width=36,
)


PARTIES_LIST = Layout(
    key="parties",
    title="SEC Parties List",
    sheet="SEC Parties",
    identity=lambda p: f"party:{p.id}",
    records=_parties,
    columns=(
        PARTY_NAME,
        Column(
            "Party Category",
            lambda p: p.category,
            parse=choice(PartyCategory),
            field="category",
            width=22,
            required=True,
        ),
        VOTING_GROUP,
        Column(
            "Status",
            lambda p: p.status,
            parse=choice(PartyStatus),
            field="status",
            width=12,
            required=True,
        ),
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
            parse=choice(DccUserRole),
            field="uep_roles",
            width=18,
            separators=CODES_SPLIT,
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
        PARTY_NAME,
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
            also=("Registered address", "Registered postcode"),
        ),
        Column(
            "Invoice Address",
            lambda p: address_cell(p.invoice_address, p.invoice_postcode),
            parse=parse_address,
            field="invoice",
            width=44,
            also=("Invoice address", "Invoice postcode"),
        ),
        Column(
            "Notices Address",
            lambda p: address_cell(p.notices_address, p.notices_postcode),
            parse=parse_address,
            field="notices",
            width=44,
            also=("Notices address", "Notices postcode"),
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
            separators=TYPED_ITEMS_SPLIT,
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
            separators=CODES_SPLIT,
        ),
        Column(
            "Gas Identifiers",
            lambda p: [c.code for c in p.gas_identifiers],
            Kind.LIST,
            parse=v.gas_identifier,
            field="gas_identifiers",
            width=16,
            separators=CODES_SPLIT,
        ),
        VOTING_GROUP,
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
