from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from secdesk.domain import Classification
from secdesk.services import allocations, contacts, membership, parties
from secdesk.sheets.published_sheets import LAYOUTS
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.workbook import Edition, write_workbook


def export_all(store, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    with store.session() as session:
        for layout in LAYOUTS:
            level = Classification.WHITE if layout.key == "parties" else Classification.GREEN
            rows = [cells for _, cells in layout.rows(RegisterSnapshot(session))]
            path = folder / layout.file_name
            write_workbook(path, layout, rows, Edition(level, datetime.now(UTC), "test"))
            paths[layout.key] = path
    return paths


def data_cells(path: Path) -> list[list]:
    book = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def build_register(store) -> None:
    """A small register with the awkward cases real ones have."""
    with store.unit_of_work() as session:
        acme = parties.create_party(
            session,
            {
                "name": "O'Brien & Sons Energy Ltd",
                "category": "Large Supplier",
                "company_number": "SC012345",
                "vat_number": "GB 980 7806 84",
                "registered_address": "Unit 3, Mill Lane\nBallymena",
                "registered_postcode": "BT43 5AB",
                "notices_email": "notices@obrien.example",
                "voting_group": "O'Brien Group",
                "mpids": ["OBRA", "OBRB"],
                "gas_identifiers": ["OBG"],
                "licences": ["Electricity Supply: ES-1", "Gas Supply: GS-1"],
                "dcc_roles": {"IS": "01/02/2020", "GS": "15/03/2019", "ES": None},
            },
            accession_date="01/01/2018",
        )
        zeta = parties.create_party(
            session,
            {
                "name": "Zeta Énergie Ltd",
                "category": "Small Supplier",
                "affiliates": ["O'Brien & Sons Energy Ltd", "Not A Party plc"],
                "voting_group": "O'Brien Group",
            },
            accession_date="02/02/2021",
        )
        parties.create_party(session, {"name": "=SUM(1) Metering Ltd", "category": "Other"})
        gone = parties.create_party(
            session,
            {"name": "alpha Power plc", "category": "Small Supplier"},
            accession_date="03/03/2017",
        )
        contacts.create_contact(
            session,
            {
                "party_id": acme.id,
                "name": "Siân Ní Bhriain",
                "email": "sian@obrien.example",
                "office_phone": "020 7946 0018",
                "out_of_hours_phone": "0191 498 0001",
                "priority": "Main",
                "is_24x7": True,
                "last_confirmed": "01/10/2026",
            },
        )
        contacts.create_contact(
            session,
            {
                "party_id": zeta.id,
                "name": "Jo Bloggs",
                "email": "jo@zeta.example",
                "priority": "Alternative",
            },
        )
        for party, number, signifier in ((acme, 10, "OBR1"), (gone, 11, "ALP1")):
            org = allocations.organisation_for_party(session, party.id)
            start = number << 24
            allocations.allocate(
                session,
                {
                    "organisation_id": org.id,
                    "organisation_number": number,
                    "range_start": f"{start:016X}",
                    "range_end": f"{start + 0xFFFFFF:016X}",
                    "signifier": signifier,
                },
            )
        dcc = allocations.create_organisation(session, "DCC", "Smart DCC Ltd")
        allocations.allocate(
            session,
            {
                "organisation_id": dcc.id,
                "organisation_number": 1,
                "range_start": "0000000001000000",
                "range_end": "0000000001FFFFFF",
                "signifier": "DCC",
            },
        )
        rdp = allocations.create_organisation(session, "RDP", "Northern Registration Services")
        allocations.allocate(
            session,
            {
                "organisation_id": rdp.id,
                "organisation_number": 2,
                "range_start": "0000000002000000",
                "range_end": "0000000002FFFFFF",
                "signifier": "RDP1",
            },
        )
    with store.unit_of_work() as session:  # a withdrawal after allocation marks it Former
        gone = parties.get_party(session, gone.id)
        membership.retire_party(session, gone.id, "04/04/2024", "company dissolved", gone.version)
        acme_again = parties.get_party(session, acme.id)
        parties.update_party(
            session, acme.id, {"name": "O'Brien & Sons Energy Limited"}, acme_again.version
        )


@pytest.fixture
def register(store):
    build_register(store)
    return store
