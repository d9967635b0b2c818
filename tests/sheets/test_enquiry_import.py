"""Importing an existing enquiry log: the spellings hand-kept logs use, row errors with
sheet, row and column, and all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from secdesk.domain import AuditEntry, Channel, Enquiry, EnquiryStatus
from secdesk.services import enquiries, parties
from secdesk.sheets.errors_copy import write_error_copies
from secdesk.sheets.importer import import_files

HEADERS = [
    "Received",
    "Channel",
    "Category",
    "Subject",
    "Party",
    "Enquirer",
    "E-mail",
    "Status",
    "Notes",
    "Assigned To",
    "Resolved",
]


# The cells after Subject, by keyword.
NAMED = {
    "party": "Party",
    "enquirer": "Enquirer",
    "email": "E-mail",
    "status": "Status",
    "notes": "Notes",
    "assigned_to": "Assigned To",
    "resolved": "Resolved",
}


def log_row(received, channel, category, subject=None, **named):
    """A row in HEADERS order: the first four cells in place, the others by keyword."""
    cells = {"Received": received, "Channel": channel, "Category": category, "Subject": subject}
    cells |= {NAMED[key]: value for key, value in named.items()}
    return [cells.get(header) for header in HEADERS]


def workbook(path, rows, headers=HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.title = "Log 2023"
    sheet.append(["SECAS Helpdesk log (kept by hand)"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def count(store):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Enquiry))


def test_a_hand_kept_workbook_imports_with_its_spellings(store, tmp_path):
    with store.unit_of_work() as session:
        parties.create_party(
            session, {"name": "Acme Energy Ltd", "category": "Large Supplier", "mpids": "ABCD"}
        )
    path = workbook(
        tmp_path / "log.xlsx",
        [
            log_row(
                datetime(2023, 3, 1, 9, 30),
                "E-mail",
                "general queries ",
                "Where is the SEC?",
                party="Acme Energy Ltd",
                enquirer="Jo Bloggs",
                email="jo@acme.example",
                assigned_to="helpdesk1",
            ),
            log_row(
                "02/03/2023 14:05",
                "Phone",
                "Applications",
                "Accession",
                party="abcd",
                status="Resolved",
                notes="Called back",
                resolved="03/03/2023 10:00",
            ),
            log_row("2023-03-04T08:00:00", "Other", "Other", "Letter"),
            [None] * 11,  # blank rows are passed over
        ],
    )
    report = import_files(store, [path])
    assert report.errors == [] and report.committed
    assert report.counts["Enquiry log"]["created"] == 3
    with store.session() as session:
        rows = session.scalars(select(Enquiry).order_by(Enquiry.received_at)).all()
        first, second, third = rows
        assert first.channel is Channel.EMAIL and first.category.name == "General Queries"
        assert first.party.name == "Acme Energy Ltd" and first.status is EnquiryStatus.OPEN
        assert first.received_at == datetime(2023, 3, 1, 9, 30, tzinfo=UTC)  # GMT in March
        assert second.channel is Channel.TELEPHONE and second.party_id == first.party_id
        assert second.status is EnquiryStatus.RESOLVED
        assert second.resolved_at == datetime(2023, 3, 3, 10, 0, tzinfo=UTC)
        assert third.channel is Channel.OTHER
        trail = session.scalars(
            select(AuditEntry.new_value).where(
                AuditEntry.record_id == second.id, AuditEntry.table_name == "enquiry"
            )
        ).all()
        assert trail == ["log.xlsx"]


def test_csv_logs_import_too(store, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "Received;Channel;Category;Subject;Ticket\n"
        "01/02/2024 09:00;Email;Modifications;Raising a mod;T-1\n"
        "2024-02-02 10:00;Telephone;Other;Invoice;T-2\n",
        encoding="utf-8-sig",
    )
    report = import_files(store, [path])
    assert report.committed and count(store) == 2
    assert any("'Ticket'" in notice for notice in report.notices)


def test_bad_rows_are_named_and_nothing_is_imported(store, tmp_path):
    with store.unit_of_work() as session:
        enquiries.log_enquiry(session, {"category_id": 1, "subject": "Already here"})
    path = workbook(
        tmp_path / "log.xlsx",
        [
            log_row("01/03/2023 09:00", "Email", "General Queries", "Fine"),
            log_row("yesterday", "Pigeon", "Gossip", party="Nobody Ltd", email="not-an-address"),
        ],
    )
    report = import_files(store, [path])
    assert not report.committed and count(store) == 1
    problems = {(e.sheet, e.row, e.column, e.value) for e in report.errors}
    assert problems == {
        ("Log 2023", 4, "Received", "yesterday"),
        ("Log 2023", 4, "Channel", "Pigeon"),
        ("Log 2023", 4, "Category", "Gossip"),
        ("Log 2023", 4, "Party", "Nobody Ltd"),
        ("Log 2023", 4, "E-mail", "not-an-address"),
        ("Log 2023", 4, "Subject", None),
    }
    assert report.counts["Enquiry log"]["rejected"] == 1
    copies = write_error_copies(report.errors, report.workbooks, tmp_path / "errors")
    sheet = load_workbook(copies[0])["Log 2023"]
    assert sheet.cell(2, 12).value == "Errors"
    assert "Channel" in sheet.cell(4, 12).value and sheet.cell(3, 12).value is None


def test_a_dry_run_counts_and_keeps_nothing(store, tmp_path):
    rows = [
        log_row(f"01/03/2023 09:{i % 60:02d}", "Email", "Other", f"Enquiry {i}") for i in range(50)
    ]
    report = import_files(store, [workbook(tmp_path / "log.xlsx", rows)], dry_run=True)
    assert report.counts["Enquiry log"]["created"] == 50
    assert not report.committed and count(store) == 0
