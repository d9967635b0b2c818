"""Every workbook secdesk writes follows one set of house rules (secdesk.xlsx): text that
looks like a formula stays text, the header row looks the same, dates are shown as dates.
Checked across the published spreadsheets, a report, the membership history and an errors
copy made from a CSV, with names and reasons typed as formulas."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from secdesk import cli, xlsx
from secdesk.services import membership, parties
from secdesk.sheets.errors_copy import write_error_copies
from secdesk.sheets.importer import import_files
from secdesk.sheets.publish import publish
from tests.sheets.test_export import SPEC_HEADERS

DANGEROUS = ['=HYPERLINK("http://x.example","click")', "=cmd|' /C calc'!A0", "@SUM(1+1)"]


def no_formula_anywhere(path: Path) -> None:
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in package.read(name), f"{path.name} {name}"
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate}"


def house_header(path: Path, row: int = 1) -> None:
    sheet = load_workbook(path).worksheets[0]
    first = sheet.cell(row, 1)
    assert first.font.bold and first.fill.fgColor.rgb.endswith(xlsx.HOUSE_COLOUR), path.name


def dates_as_dates(path: Path) -> int:
    seen = 0
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.is_date:
                    seen += 1
                    assert cell.number_format in (xlsx.DATE_FORMAT, xlsx.DATETIME_FORMAT)
    return seen


def test_every_workbook_secdesk_writes_keeps_the_house_rules(store, tmp_path, monkeypatch):
    monkeypatch.setenv("SECDESK_STORE", store.url.render_as_string(hide_password=False))
    with store.unit_of_work() as session:
        for text in DANGEROUS:
            party = parties.create_party(session, {"name": text, "category": "Other"})
            membership.record_event(
                session, party.id, membership.ACCESSION, date(2024, 3, 1), text, party.version
            )

    written: list[Path] = []
    folder = tmp_path / "Published"
    publish(store, folder)
    written += sorted(folder.glob("*.xlsx"))

    report = tmp_path / "membership.xlsx"
    assert cli.main(["report", "membership", "--month", "2024-03", "--out", str(report)]) == 0
    written.append(report)

    history = tmp_path / "history.xlsx"
    assert cli.main(["membership", "list", "--out", str(history)]) == 0
    written.append(history)

    csv = tmp_path / "parties.csv"
    header = ",".join(SPEC_HEADERS["SEC Parties List.xlsx"])
    csv.write_text(f'{header}\r\n"=1+1",Not a category,,Party,01/02/2019,,,\r\n', "utf-8")
    result = import_files(store, [csv])
    assert result.errors
    written += write_error_copies(result.errors, result.workbooks, tmp_path / "errors")

    for path in written:
        no_formula_anywhere(path)
    for path in written[:-1]:  # an errors copy keeps the file's own first row
        house_header(path)
    assert sum(dates_as_dates(path) for path in written) > 0
    names = {c.value for c in load_workbook(folder / "SEC Parties List.xlsx").active["A"]}
    assert set(DANGEROUS) <= names
