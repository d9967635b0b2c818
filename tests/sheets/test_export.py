"""The published layouts, exactly as SPEC.md gives them, and workbooks that open cleanly."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook

from secdesk.sheets.published_sheets import LAYOUTS
from tests.sheets.conftest import data_cells, export_all

SPEC_HEADERS = {
    "SEC Parties List.xlsx": [
        "Party Name",
        "Party Category",
        "Voting Group",
        "Status",
        "Accession Date",
        "DCC User",
        "DCC User Roles",
        "UEP Completion Date",
    ],
    "SEC Party Details List.xlsx": [
        "Party Name",
        "Company Number",
        "VAT Number",
        "Registered Address",
        "Invoice Address",
        "Notices Address",
        "Notices E-mail",
        "Energy Licences",
        "Affiliates",
        "MPIDs",
        "Gas Identifiers",
        "Voting Group",
        "Last Updated",
    ],
    "Operations Contact List.xlsx": [
        "Party Name",
        "Contact Name",
        "Job Title",
        "E-mail",
        "Office Phone",
        "Out-of-Hours Phone",
        "Priority",
        "24x7",
        "Last Confirmed",
    ],
    "ID Allocation.xlsx": [
        "Organisation Name",
        "Organisation Type",
        "Signifier",
        "Organisation Number",
        "EUI-64 Range Start",
        "EUI-64 Range End",
        "MPIDs",
        "Current/Former",
        "Previous Names",
    ],
}


def test_file_names_and_headers_are_exactly_the_spec(register, tmp_path):
    paths = export_all(register, tmp_path)
    assert {p.name for p in paths.values()} == set(SPEC_HEADERS)
    for path in paths.values():
        assert data_cells(path)[0] == SPEC_HEADERS[path.name]


def test_workbooks_open_cleanly_in_excel_terms(register, tmp_path):
    paths = export_all(register, tmp_path)
    book = load_workbook(paths["party_details"])
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{sheet.max_row}"
    assert all(cell.font.bold for cell in sheet[1])
    assert "TLP:GREEN" in sheet.oddHeader.left.text and "TLP:GREEN" in sheet.oddFooter.left.text
    assert book.properties.keywords == "TLP:GREEN"
    assert sheet.column_dimensions["A"].width >= 30
    last_updated = sheet.cell(2, 13)
    assert isinstance(last_updated.value, datetime)
    assert last_updated.number_format == "DD/MM/YYYY"
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Title"] == "SEC Party Details List"
    assert about["Classification"] == "TLP:GREEN"
    assert about["Rows"] == 4
    assert isinstance(about["Published"], datetime)


def test_rows_are_sorted_by_name_regardless_of_case(register, tmp_path):
    rows = data_cells(export_all(register, tmp_path)["parties"])[1:]
    assert [r[0] for r in rows] == [
        "=SUM(1) Metering Ltd",
        "alpha Power plc",
        "O'Brien & Sons Energy Limited",
        "Zeta Énergie Ltd",
    ]


def test_cells_use_the_published_forms(register, tmp_path):
    paths = export_all(register, tmp_path)
    details = {r[0]: r for r in data_cells(paths["party_details"])[1:]}
    obrien = details["O'Brien & Sons Energy Limited"]
    assert obrien[2] == "GB 980 7806 84"
    assert obrien[3] == "Unit 3, Mill Lane, Ballymena, BT43 5AB"
    assert obrien[7] == "Electricity Supply: ES-1; Gas Supply: GS-1"
    assert obrien[9] == "OBRA; OBRB"
    parties_list = {r[0]: r for r in data_cells(paths["parties"])[1:]}
    # UEP done for IS and GS (not ES); the earliest completion is shown.
    assert parties_list["O'Brien & Sons Energy Limited"][5:] == [
        "Y",
        "IS; GS",
        datetime(2019, 3, 15),
    ]
    assert parties_list["alpha Power plc"][3] == "Withdrawn"
    contacts = data_cells(paths["contacts"])
    assert contacts[1][4:8] == ["020 7946 0018", "0191 498 0001", "Main", "Y"]
    allocation = {r[0]: r for r in data_cells(paths["allocations"])[1:]}
    obrien_alloc = allocation["O'Brien & Sons Energy Limited"]
    assert obrien_alloc[4:9] == [
        "00-00-00-00-0A-00-00-00",
        "00-00-00-00-0A-FF-FF-FF",
        "OBRA; OBRB",
        "Current",
        "O'Brien & Sons Energy Ltd",
    ]
    assert allocation["alpha Power plc"][7] == "Former"
    assert allocation["Smart DCC Ltd"][1] == "DCC"


def test_a_name_that_looks_like_a_formula_is_published_as_text(register, tmp_path):
    book = load_workbook(export_all(register, tmp_path)["parties"])
    cell = book.worksheets[0]["A2"]
    assert cell.value == "=SUM(1) Metering Ltd"
    assert cell.data_type == "s"


def test_the_white_list_carries_only_public_fields(register, tmp_path):
    paths = export_all(register, tmp_path)
    everything = [c for row in data_cells(paths["parties"]) for c in row if c is not None]
    text = " ".join(str(c) for c in everything)
    assert "@" not in text  # no e-mail address at all
    assert "980" not in text  # no VAT number
    assert "Siân" not in text and "7946" not in text  # no contact names or phones
    white = next(layout for layout in LAYOUTS if layout.key == "parties")
    assert {c.header for c in white.columns}.isdisjoint(
        {"VAT Number", "Notices E-mail", "E-mail", "Contact Name", "Office Phone"}
    )
