"""The ID Allocation spreadsheet (GREEN): organisation numbers, EUI-64 ranges and
signifiers of Parties, the DCC and RDPs, current and former."""

from __future__ import annotations

from typing import Any

from secdesk import validate as v
from secdesk.domain import IdAllocation, OrganisationType, Party
from secdesk.sheets.columns import CODES_SPLIT, Column, Kind, text_rule
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.sheet_layout import Layout, choice

CURRENT, FORMER = "Current", "Former"

# ---- ID Allocation (GREEN) --------------------------------------------------------------


def _allocations(register: RegisterSnapshot) -> list[Any]:
    return sorted(
        register.allocations,
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
            required=True,
            also=("Organisation",),
        ),
        Column(
            "Organisation Type",
            lambda a: a.organisation.kind,
            parse=choice(OrganisationType),
            field="organisation_type",
            width=18,
            required=True,
        ),
        Column(
            "Signifier",
            lambda a: a.signifier,
            parse=v.signifier,
            field="signifier",
            width=11,
            required=True,
        ),
        Column(
            "Organisation Number",
            lambda a: a.organisation_number,
            Kind.NUMBER,
            parse=v.positive_integer,
            field="organisation_number",
            width=20,
            required=True,
        ),
        Column(
            "EUI-64 Range Start",
            lambda a: a.range_start,
            show=v.format_eui64,
            parse=v.eui64,
            field="range_start",
            width=25,
            required=True,
            also=("Range start",),
        ),
        Column(
            "EUI-64 Range End",
            lambda a: a.range_end,
            show=v.format_eui64,
            parse=v.eui64,
            field="range_end",
            width=25,
            required=True,
            also=("Range end",),
        ),
        Column(
            "MPIDs",
            lambda a: [m.code for m in p.mpids] if (p := _party_of(a)) else [],
            Kind.LIST,
            parse=v.mpid,
            field="mpids",
            width=16,
            separators=CODES_SPLIT,
        ),
        Column(
            "Current/Former",
            lambda a: CURRENT if a.is_current else FORMER,
            parse=_current,
            field="is_current",
            width=15,
            also=("Current",),
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
