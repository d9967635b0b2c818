"""Nothing imported silently wrong: each hand-messy file either imports exactly what a careful
person reading it would understand, or is refused with its file, sheet, row and column."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from secdesk.domain import OperationsContact, Party
from secdesk.sheets.importer import import_files
from tests.sheets.test_export import SPEC_HEADERS

PARTIES = SPEC_HEADERS["SEC Parties List.xlsx"]
DETAILS = SPEC_HEADERS["SEC Party Details List.xlsx"]
CONTACTS = SPEC_HEADERS["Operations Contact List.xlsx"]
ALLOCATIONS = SPEC_HEADERS["ID Allocation.xlsx"]


def book(path: Path, headers, rows, *, above=(), sheet="Sheet1") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for line in above:
        ws.append(line)
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def csv_file(path: Path, headers, rows, *, encoding="utf-8", delimiter=",") -> Path:
    def cell(value):
        text = "" if value is None else str(value)
        return f'"{text}"' if delimiter in text else text

    lines = [delimiter.join(map(cell, headers)), *(delimiter.join(map(cell, r)) for r in rows)]
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def party(name, category="Large Supplier", group=None, status="Party", acceded="01/02/2019"):
    return [name, category, group, status, acceded, None, None, None]


def messages(report) -> str:
    return "\n".join(str(e) for e in report.errors)


def names(store) -> list[str]:
    with store.session() as session:
        return sorted(session.scalars(select(Party.name)))


# ---- formulas ---------------------------------------------------------------------------


def test_a_formula_without_a_saved_result_is_refused_not_blank(store, tmp_path):
    path = book(tmp_path / "scripted.xlsx", PARTIES, [party("Acme Ltd")])
    wb = Workbook()
    ws = wb.active
    ws.append(PARTIES)
    ws.append(["Acme Ltd", "Large Supplier", '="Acme "&"Group"', "Party", "01/02/2019"])
    wb.save(path)
    report = import_files(store, [path])
    assert not report.committed
    [error] = report.errors
    assert (error.row, error.column) == (2, "Voting Group")
    assert "open the file in Excel" in error.message
    assert names(store) == []


# ---- one record, one set of values ------------------------------------------------------


def test_the_same_party_twice_in_one_file_is_an_error_naming_both_rows(store, tmp_path):
    path = book(
        tmp_path / "twice.xlsx",
        PARTIES,
        [party("Acme Ltd", group="A"), party("Bravo Ltd"), party("ACME LTD", group="B")],
    )
    report = import_files(store, [path])
    [error] = report.errors
    assert error.row == 4 and "row 2" in error.message
    assert names(store) == []


def test_identical_parties_with_the_same_accession_cannot_be_told_apart(store, tmp_path):
    path = book(tmp_path / "twins.xlsx", PARTIES, [party("Twin Ltd"), party("Twin Ltd")])
    report = import_files(store, [path])
    assert [e.row for e in report.errors] == [3]
    assert names(store) == []


def test_files_that_contradict_each_other_name_both_places(store, tmp_path):
    parties = book(tmp_path / "parties.xlsx", PARTIES, [party("Acme Ltd", group="Acme Group")])
    details_row = ["Acme Ltd", *[None] * 10, "Other Group", None]
    details = book(tmp_path / "details.xlsx", DETAILS, [details_row])
    report = import_files(store, [details, parties])
    [error] = report.errors
    assert error.file == "details.xlsx" and error.column == "Voting Group"
    assert "parties.xlsx" in error.message and "Acme Group" in error.message
    assert names(store) == []


def test_mpids_that_differ_between_details_and_id_allocation_are_an_error(store, tmp_path):
    parties = book(tmp_path / "p.xlsx", PARTIES, [party("Acme Ltd")])
    details_row = ["Acme Ltd", *[None] * 8, "ABCD", None, None, None]
    details = book(tmp_path / "d.xlsx", DETAILS, [details_row])
    ids = book(
        tmp_path / "ids.xlsx",
        ALLOCATIONS,
        [
            [
                "Acme Ltd",
                "Party",
                "ACM1",
                7,
                "0000000007000000",
                "0000000007FFFFFF",
                "WXYZ",
                "Current",
                None,
            ]
        ],
    )
    report = import_files(store, [parties, details, ids])
    assert any(e.column == "MPIDs" and "d.xlsx" in e.message for e in report.errors), messages(
        report
    )


def test_a_person_listed_as_main_and_as_escalation_is_two_contacts(store, tmp_path):
    parties = book(tmp_path / "p.xlsx", PARTIES, [party("Acme Ltd")])
    contacts = book(
        tmp_path / "c.xlsx",
        CONTACTS,
        [
            ["Acme Ltd", "Jo Bloggs", None, "jo@acme.example", None, None, "Main", "Y", None],
            ["Acme Ltd", "Jo Bloggs", None, "jo@acme.example", None, None, "Escalation", "N", None],
        ],
    )
    report = import_files(store, [parties, contacts])
    assert report.errors == [] and report.committed
    with store.session() as session:
        priorities = sorted(c.priority.value for c in session.scalars(select(OperationsContact)))
    assert priorities == ["Escalation", "Main"]
    again = import_files(store, [parties, contacts])
    assert again.counts["Operations Contact List"]["unchanged"] == 2


# ---- values -----------------------------------------------------------------------------


def test_a_postcode_written_on_the_town_line_is_the_postcode(store, tmp_path):
    parties = book(tmp_path / "p.xlsx", PARTIES, [party("Acme Ltd")])
    row = ["Acme Ltd", None, None, "1 George Sq, Glasgow G2 6FL", *[None] * 9]
    report = import_files(store, [parties, book(tmp_path / "d.xlsx", DETAILS, [row])])
    assert report.committed, messages(report)
    with store.session() as session:
        acme = session.scalar(select(Party))
        assert (acme.registered_address, acme.registered_postcode) == (
            "1 George Sq\nGlasgow",
            "G2 6FL",
        )


def test_licences_separated_by_commas_are_each_a_licence(store, tmp_path):
    parties = book(tmp_path / "p.xlsx", PARTIES, [party("Acme Ltd")])
    row = ["Acme Ltd", *[None] * 6, "Electricity Supply: ES-1, Gas Supply: GS-2", *[None] * 5]
    report = import_files(store, [parties, book(tmp_path / "d.xlsx", DETAILS, [row])])
    assert report.committed, messages(report)
    with store.session() as session:
        licences = [
            (lic.licence_type.value, lic.reference)
            for lic in session.scalar(select(Party)).licences
        ]
    assert licences == [("Electricity Supply", "ES-1"), ("Gas Supply", "GS-2")]


@pytest.mark.parametrize("cell", [2016, "2016", 0, 10**12, -5, True])
def test_a_number_that_is_not_a_date_is_refused(store, tmp_path, cell):
    path = book(tmp_path / "years.xlsx", PARTIES, [party("Acme Ltd", acceded=cell)])
    report = import_files(store, [path])
    [error] = report.errors
    assert error.column == "Accession Date" and error.row == 2
    assert names(store) == []


def test_a_month_first_column_is_read_month_first_throughout(store, tmp_path):
    rows = [party("Acme Ltd", acceded="03/25/2019"), party("Bravo Ltd", acceded="04/05/2019")]
    report = import_files(store, [csv_file(tmp_path / "us.csv", PARTIES, rows)])
    assert report.committed, messages(report)
    assert any("month first" in notice for notice in report.notices)
    with store.session() as session:
        dates = dict(session.execute(select(Party.name, Party.accession_date)).all())
    assert dates == {"Acme Ltd": date(2019, 3, 25), "Bravo Ltd": date(2019, 4, 5)}


def test_a_column_of_dates_written_both_ways_is_an_error_for_the_column(store, tmp_path):
    rows = [
        party("Acme Ltd", acceded="25/03/2019"),
        party("Bravo Ltd", acceded="04/05/2019"),
        party("Charlie Ltd", acceded="03/26/2019"),
    ]
    report = import_files(store, [csv_file(tmp_path / "mixed.csv", PARTIES, rows)])
    [error] = report.errors
    assert error.column == "Accession Date"
    assert "'25/03/2019'" in error.message and "'03/26/2019'" in error.message
    assert names(store) == []


def test_invisible_characters_do_not_make_two_names(store, tmp_path):
    parties = book(tmp_path / "p.xlsx", PARTIES, [party("Acme\u00a0Energy\u200b Ltd")])
    contact = ["\ufeffAcme Energy Ltd", "Jo\u00ad Bloggs", None, "jo@acme.example"]
    contacts = book(tmp_path / "c.xlsx", CONTACTS, [[*contact, None, None, "Main", "Y", None]])
    report = import_files(store, [parties, contacts])
    assert report.committed, messages(report)
    assert names(store) == ["Acme Energy Ltd"]


@pytest.mark.parametrize(
    ("headers", "row", "column"),
    [
        (PARTIES, party("Acme Ltd", status=None), "Status"),
        (
            CONTACTS,
            ["Acme Ltd", None, None, "a@b.example", None, None, "Main", "Y", None],
            "Contact Name",
        ),
        (
            ALLOCATIONS,
            ["Acme Ltd", "Party", "ACM1", 2**40, "00", "01", None, "Current", None],
            "Organisation Number",
        ),
    ],
)
def test_blank_and_oversized_values_are_errors_not_crashes(store, tmp_path, headers, row, column):
    report = import_files(store, [book(tmp_path / "bad.xlsx", headers, [row])])
    assert column in {e.column for e in report.errors}, messages(report)
    assert not report.committed


# ---- headers ----------------------------------------------------------------------------


def test_a_misspelt_header_is_named_with_the_header_it_means(store, tmp_path):
    headers = [h if h != "Accession Date" else "Accesion Date" for h in PARTIES]
    report = import_files(store, [book(tmp_path / "typo.xlsx", headers, [party("Acme Ltd")])])
    [error] = report.errors
    assert error.row == 1 and error.sheet == "Sheet1"
    assert '"Accession Date"' in error.message
    assert (
        '"Accesion Date" is not one the SEC Parties List has — did you mean "Accession Date"?'
        in (error.message)
    )


def test_headers_below_a_long_title_block_are_found(store, tmp_path):
    above = [[f"line {i} of the team's notes"] for i in range(22)]
    path = book(tmp_path / "titled.xlsx", PARTIES, [party("Acme Ltd")], above=above)
    report = import_files(store, [path])
    assert report.committed, messages(report)


def test_a_sheet_without_headers_says_where_it_looked(store, tmp_path):
    report = import_files(store, [book(tmp_path / "x.xlsx", ["Colour"], [["red"]])])
    assert "first 30 rows" in report.errors[0].message


# ---- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ","), ("utf-16", "\t"), ("utf-16-le", ";")],
)
def test_a_parties_list_saved_as_csv_is_read_as_that_layout(store, tmp_path, encoding, delimiter):
    rows = [party("Zeta Énergie Ltd", group="Zeta, Group"), party("O\u2019Brien Ltd")]
    path = csv_file(tmp_path / "parties.csv", PARTIES, rows, encoding=encoding, delimiter=delimiter)
    if encoding == "utf-16-le":  # no byte-order mark
        assert not path.read_bytes().startswith(codecs.BOM_UTF16_LE)
    report = import_files(store, [path])
    assert report.committed, messages(report)
    assert report.counts["SEC Parties List"]["created"] == 2
    assert names(store) == ["O\u2019Brien Ltd", "Zeta Énergie Ltd"]


FIXTURES = Path(__file__).parent / "messy"


@pytest.mark.parametrize("name", ["parties-libreoffice.xls", "parties-libreoffice.ods"])
def test_old_excel_and_opendocument_files_are_read(store, name):
    report = import_files(store, [FIXTURES / name])
    assert report.committed, messages(report)
    with store.session() as session:
        acme = session.scalar(select(Party).where(Party.name == "Acme Energy Ltd"))
        assert acme.accession_date == date(2019, 1, 15)
        assert acme.voting_group.name == "Acme Group"
    assert len(names(store)) == 3


def test_a_workbook_cut_short_is_said_to_be_damaged(store, tmp_path):
    whole = book(tmp_path / "whole.xlsx", PARTIES, [party(f"Party {i}") for i in range(200)])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    [error] = import_files(store, [cut]).errors
    assert error.file == "cut.xlsx" and "damaged" in error.message


def test_a_password_protected_or_foreign_file_gets_a_plain_message(store, tmp_path):
    pdf = tmp_path / "register.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    [error] = import_files(store, [pdf]).errors
    assert ".xlsx" in error.message


def test_formulas_saved_with_their_results_import_their_results(store):
    report = import_files(store, [FIXTURES / "formulas-saved.xlsx"])
    assert report.committed, messages(report)
    with store.session() as session:
        groups = {p.name: p.voting_group.name for p in session.scalars(select(Party))}
    assert groups == {"Acme Energy Ltd": "Bravo Group", "Bravo Gas Ltd": "Bravo Group"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 Feb 2019", date(2019, 2, 1)),
        ("01-Feb-2019", date(2019, 2, 1)),
        ("February 1, 2019", date(2019, 2, 1)),
        ("01/02/2019 00:00:00", date(2019, 2, 1)),
        ("2019-02-01", date(2019, 2, 1)),
        ("1.2.2019", date(2019, 2, 1)),
    ],
)
def test_every_unambiguous_way_people_write_a_date(store, tmp_path, typed, expected):
    path = csv_file(tmp_path / "dates.csv", PARTIES, [party("Acme Ltd", acceded=typed)])
    report = import_files(store, [path])
    assert report.committed, messages(report)
    with store.session() as session:
        assert session.scalar(select(Party.accession_date)) == expected


@pytest.mark.parametrize("typed", ["01-Feb-19", "1/2/16"])
def test_a_two_digit_year_is_refused_in_words(store, tmp_path, typed):
    path = csv_file(tmp_path / "dates.csv", PARTIES, [party("Acme Ltd", acceded=typed)])
    [error] = import_files(store, [path]).errors
    assert error.column == "Accession Date" and "full year" in error.message


def test_a_sheet_typed_month_first_is_read_month_first_in_every_date_column(store, tmp_path):
    """04/01/2020 fits either way; beside a column that shows month first, it is April."""
    row = ["Acme Ltd", "Large Supplier", None, "Party", "03/25/2019", "Y", "IS", "04/01/2020"]
    report = import_files(store, [csv_file(tmp_path / "us.csv", PARTIES, [row])])
    assert report.committed, messages(report)
    with store.session() as session:
        acme = session.scalar(select(Party))
        assert acme.accession_date == date(2019, 3, 25)
        assert [r.uep_completed_on for r in acme.dcc_roles] == [date(2020, 4, 1)]


def test_an_affiliate_that_is_a_party_of_the_same_import_is_linked_to_it(store, tmp_path):
    """Details are applied to Parties the same import lists, before any of them is written:
    an affiliate named as one of those Parties still points at it."""
    parties = book(tmp_path / "p.xlsx", PARTIES, [party("Acme Ltd"), party("Acme Gas Ltd")])
    details = book(
        tmp_path / "d.xlsx",
        DETAILS,
        [
            ["Acme Ltd", *[None] * 7, "Acme Gas Ltd; Acme Holdings plc", None, None, None, None],
            ["Acme Gas Ltd", *[None] * 12],
        ],
    )
    report = import_files(store, [parties, details])
    assert report.committed, messages(report)
    with store.session() as session:
        acme, gas = (
            session.scalars(select(Party).where(Party.name == n)).one()
            for n in ("Acme Ltd", "Acme Gas Ltd")
        )
        links = {a.name: a.affiliate_party_id for a in acme.affiliates}
        assert links == {"Acme Gas Ltd": gas.id, "Acme Holdings plc": None}
