"""Importing the team's hand-kept workbooks: tolerant of what real files contain, strict
about everything else, and all or nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from secdesk.domain import AuditEntry, OperationsContact, Organisation, Party
from secdesk.sheets.errors_copy import write_error_copies
from secdesk.sheets.importer import import_files
from tests.sheets.conftest import build_register, export_all
from tests.sheets.test_export import SPEC_HEADERS

PARTIES_HEADERS = SPEC_HEADERS["SEC Parties List.xlsx"]
DETAILS_HEADERS = SPEC_HEADERS["SEC Party Details List.xlsx"]
CONTACT_HEADERS = SPEC_HEADERS["Operations Contact List.xlsx"]


def workbook(path, headers, rows, *, title_row=None, sheet="Sheet1"):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title_row:
        ws.append([title_row])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def count(store, model):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_hand_kept_workbook_with_real_world_quirks(store, tmp_path):
    parties_file = workbook(
        tmp_path / "parties by hand.xlsx",
        [
            "  party NAME ",
            "Party category",
            "voting group",
            "STATUS",
            "Accession  Date",
            "DCC User",
            "DCC User Roles",
            "UEP Completion Date",
            "Notes (ours)",
        ],
        [
            [
                "Acme Energy Ltd  ",
                "large supplier",
                "Acme Group",
                "Party",
                datetime(2019, 1, 15),
                "Y",
                "is; gs",
                "01/02/2020",
                "call back",
            ],
            [None, None, None, None, None, None, None, None, None],  # blank row
            [
                "Bravo Gas Ltd",
                "Small Supplier",
                "Bravo Group",
                "Party",
                43862,
                "N",
                None,
                None,
                None,
            ],
            [
                "Charlie Metering",
                "Other SEC Party",
                None,
                "Applicant",
                None,
                None,
                None,
                None,
                None,
            ],
        ],
        title_row="SEC Parties List (kept by the team)",
    )
    details_file = workbook(
        tmp_path / "details.xlsx",
        DETAILS_HEADERS,
        [
            [
                "Acme Energy Ltd",
                "1234567",
                "gb 980 7806 84",
                "1 High St, Leeds, ls1 1aa",
                None,
                None,
                "Notices@Acme.example",
                "Electricity Supply: ES-1",
                None,
                "abcd ;efgh",
                "acm",
                "Acme Group",
                "31/12/2023",
            ]
        ],
    )
    report = import_files(store, [details_file, parties_file])
    assert report.errors == []
    assert report.committed
    assert report.counts["SEC Parties List"]["created"] == 3
    assert report.counts["SEC Party Details List"]["changed"] == 1
    assert any("'Notes (ours)'" in notice for notice in report.notices)
    with store.session() as session:
        acme = session.scalar(select(Party).where(Party.name == "Acme Energy Ltd"))
        assert acme.company_number == "01234567"
        assert acme.vat_number == "980780684"
        assert [m.code for m in acme.mpids] == ["ABCD", "EFGH"]
        assert (acme.registered_address, acme.registered_postcode) == (
            "1 High St\nLeeds",
            "LS1 1AA",
        )
        assert acme.accession_date == date(2019, 1, 15)
        assert acme.last_updated == date(2023, 12, 31)  # the file's own date is kept
        assert {r.role.value: r.uep_completed_on for r in acme.dcc_roles} == {
            "IS": date(2020, 2, 1),
            "GS": date(2020, 2, 1),
        }
        bravo = session.scalar(select(Party).where(Party.name == "Bravo Gas Ltd"))
        assert bravo.accession_date == date(2020, 2, 1)  # an Excel serial number
        charlie = session.scalar(select(Party).where(Party.name == "Charlie Metering"))
        assert charlie.status.value == "Applicant"


def test_a_malformed_workbook_gives_row_errors_and_changes_nothing(store, tmp_path):
    build_register(store)
    parties_before, audit_before = count(store, Party), count(store, AuditEntry)
    bad = workbook(
        tmp_path / "bad.xlsx",
        DETAILS_HEADERS,
        [
            [
                "Zeta Énergie Ltd",
                "12345678",
                None,
                None,
                None,
                None,
                "zeta@zeta.example",
                None,
                None,
                "TOOLONG",
                None,
                None,
                "01/01/2024",
            ],
            ["Nobody Ltd", None, None, None, None, None, None, None, None, None, None, None, None],
            [
                "Zeta Énergie Ltd",
                None,
                "GB 980 7806 85",
                None,
                None,
                None,
                "not an address",
                None,
                None,
                None,
                None,
                None,
                "31/02/2024",
            ],
            [
                "O'Brien & Sons Energy Limited",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "ZZZZ",
                None,
                None,
                None,
            ],  # fine on its own: must not be saved either
        ],
        sheet="Details",
    )
    report = import_files(store, [bad])
    assert not report.committed
    found = {(e.sheet, e.row, e.column) for e in report.errors}
    assert ("Details", 2, "MPIDs") in found
    assert ("Details", 3, "Party Name") in found  # no such party
    assert ("Details", 4, "VAT Number") in found
    assert ("Details", 4, "Notices E-mail") in found
    assert ("Details", 4, "Last Updated") in found
    vat = next(e for e in report.errors if e.column == "VAT Number")
    assert vat.value == "GB 980 7806 85" and "check digits" in vat.message
    assert "bad.xlsx, sheet 'Details', row 4, column 'VAT Number'" in str(vat)
    assert report.counts["SEC Party Details List"]["rejected"] == 3
    assert (count(store, Party), count(store, AuditEntry)) == (parties_before, audit_before)
    with store.session() as session:
        obrien = session.scalar(select(Party).where(Party.name.like("O'Brien%")))
        assert "ZZZZ" not in [m.code for m in obrien.mpids]
    assert "Nothing was imported" in report.lines()[-1]


def test_errors_can_be_written_to_a_copy_with_an_errors_column(store, tmp_path):
    bad = workbook(
        tmp_path / "hand kept.xlsx",
        PARTIES_HEADERS,
        [
            ["Good Energy Ltd", "Small Supplier", None, "Party", "01/01/2020", None, None, None],
            ["Bad Energy Ltd", "Huge Supplier", None, "Party", "someday", None, None, None],
        ],
    )
    report = import_files(store, [bad])
    [copy] = write_error_copies(report.errors, report.sheets, tmp_path / "errors")
    assert copy.name == "hand kept - errors.xlsx"
    sheet = load_workbook(copy).active
    assert sheet.cell(1, 9).value == "Errors"
    assert sheet.cell(2, 9).value is None
    assert "Party Category:" in sheet.cell(3, 9).value
    assert "Accession Date:" in sheet.cell(3, 9).value
    assert count(store, Party) == 0


def test_dry_run_reports_and_changes_nothing(register, store_factory, tmp_path):
    paths = export_all(register, tmp_path)
    empty = store_factory()
    report = import_files(empty, list(paths.values()), dry_run=True)
    assert report.errors == []
    assert not report.committed
    assert report.counts["SEC Parties List"]["created"] == 4
    assert report.counts["Operations Contact List"]["created"] == 2
    assert report.counts["ID Allocation"]["created"] == 4
    assert report.lines()[-1] == "Dry run: nothing was imported."
    assert count(empty, Party) == 0


def test_importing_what_was_just_exported_changes_nothing(register, tmp_path):
    paths = export_all(register, tmp_path)
    audit_before = count(register, AuditEntry)
    report = import_files(register, list(paths.values()))
    assert report.errors == []
    for counts in report.counts.values():
        assert counts["created"] == counts["changed"] == 0
    assert count(register, AuditEntry) == audit_before


def test_id_allocation_import_creates_the_dcc_and_rdps(register, store_factory, tmp_path):
    paths = export_all(register, tmp_path)
    empty = store_factory()
    report = import_files(empty, list(paths.values()))
    assert report.errors == [] and report.committed
    with empty.session() as session:
        kinds = {
            (o.kind.value, o.name)
            for o in session.scalars(select(Organisation).where(Organisation.party_id.is_(None)))
        }
        assert kinds == {("DCC", "Smart DCC Ltd"), ("RDP", "Northern Registration Services")}
        assert session.scalar(select(func.count()).select_from(OperationsContact)) == 2
        contact = session.scalar(
            select(OperationsContact).where(OperationsContact.name == "Siân Ní Bhriain")
        )
        assert contact.last_confirmed == date(2026, 10, 1)  # the file's own date is kept


def test_an_ambiguous_name_is_an_error(store, tmp_path):
    with store.unit_of_work() as session:
        from secdesk.services import parties

        parties.create_party(session, {"name": "Twin Energy Ltd", "category": "Other"})
        parties.create_party(session, {"name": "Twin Energy Ltd", "category": "Other"})
    contacts = workbook(
        tmp_path / "contacts.xlsx",
        CONTACT_HEADERS,
        [["Twin Energy Ltd", "Jo", None, "jo@twin.example", None, None, "Main", "N", None]],
    )
    report = import_files(store, [contacts])
    [error] = report.errors
    assert error.column == "Party Name" and "more than one party" in error.message


@pytest.mark.parametrize("content", [b"not a workbook", b""])
def test_a_file_that_is_not_a_workbook_is_reported(store, tmp_path, content):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    report = import_files(store, [path])
    [error] = report.errors
    assert error.file == "broken.xlsx" and "cannot be read" in error.message


def test_a_workbook_without_a_known_layout_is_reported(store, tmp_path):
    path = workbook(tmp_path / "other.xlsx", ["Name", "Colour"], [["Ann", "red"]])
    [error] = import_files(store, [path]).errors
    assert "has no sheet with the headers of a spreadsheet secdesk imports" in error.message


def test_an_error_the_services_raise_is_reported_against_its_column(register, tmp_path):
    allocations_file = workbook(
        tmp_path / "ids.xlsx",
        SPEC_HEADERS["ID Allocation.xlsx"],
        [
            [
                "Southern Registration Services",
                "RDP",
                "RDP9",
                99,
                "00-00-00-00-01-80-00-00",
                "00-00-00-00-01-8F-FF-FF",
                None,
                "Current",
                None,
            ]
        ],
    )
    [error] = import_files(register, [allocations_file]).errors
    assert error.column == "EUI-64 Range Start"  # the service calls it "Range start"
    assert error.value == "00-00-00-00-01-80-00-00"
    assert "overlaps" in error.message and "Smart DCC Ltd" in error.message
