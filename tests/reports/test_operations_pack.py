"""The Operations Report pack reproduces, cell for cell, a history shaped like February
2018's — loaded only as an administrator would, through the command line and the import
— on both stores; its workbook is classified WHITE, carries native charts, and its PDF
has a page a section."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook

from secdesk.domain import DEFAULT_CATEGORIES
from tests.reports import february_2018 as feb
from tests.test_cli import run


def _tables(sheet) -> dict[str, list[list[object]]]:
    """Each table on a pack sheet, by its caption: its header row and rows."""
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    found: dict[str, list[list[object]]] = {}
    for number, row in enumerate(rows):
        caption = row[0]
        if isinstance(caption, str) and caption.startswith(
            ("Table ", "Appendix ", "Voting Groups by")
        ):
            width = sum(1 for v in rows[number + 1] if v is not None)
            table = []
            for line in rows[number + 1 :]:
                if line[0] is None:
                    break
                table.append([v.date() if hasattr(v, "date") else v for v in line[:width]])
            found[caption] = table
    return found


def _texts(sheet) -> list[str]:
    return [row[0].value for row in sheet.iter_rows() if isinstance(row[0].value, str)]


@pytest.fixture
def february(capsys, store_url, tmp_path):
    """The store, loaded as an administrator would load it, and its pack for Feb 2018."""
    url = store_url.render_as_string(hide_password=False)
    made = feb.files(tmp_path)
    for step in (["parties"], ["events"], ["testing", "log"]):
        code, out, err = run(capsys, "--store", url, "import", *(str(made[k]) for k in step))
        assert code == 0, out + err
    for held_on in ("12/01/2018", "09/02/2018", "09/03/2018"):
        assert run(capsys, "--store", url, "panel", "add", held_on)[0] == 0
    out_file = tmp_path / "pack" / "Operations Report February 2018.xlsx"
    code, out, err = run(
        capsys, "--store", url, "report", "pack", "--month", "2018-02", "--out", str(out_file)
    )
    assert code == 0, out + err
    return load_workbook(out_file), out_file, out


def test_the_pack_reproduces_february_2018_cell_for_cell(february):
    book, path, printed = february
    assert book.sheetnames == [
        "1.1 Accessions",
        "1.2 UEP completion",
        "1.3 Testing update",
        "1.4 Membership",
        "4 Helpdesk activities",
        "About",
    ]
    # 1.1: the Applicants acceding this month.
    accessions = book["1.1 Accessions"]
    assert (
        _texts(accessions)[1]
        == "2 Applicants will accede to the SEC this month: Member 262 Ltd and Member 261 Ltd."
    )
    # 1.2: since the last Panel meeting (09/02/2018): the Report's Table 2, roles in words;
    # not Bristol's completion on the meeting's own day, nor Octopus's in January.
    uep = book["1.2 UEP completion"]
    assert (
        _texts(uep)[1]
        == "Since the last SEC Panel meeting, the following SEC Parties have completed the UEP:"
    )
    assert _tables(uep)["Table 2: UEP completions"] == [
        ["SEC Party", "Party Category", "DCC User role(s)", "Date of UEP completion"],
        *feb.UEP_SINCE_MEETING,
    ]
    # 1.3: SREPT and UEPT, since the meeting and in all.
    testing = book["1.3 Testing update"]
    assert _texts(testing)[1:5] == [
        "Since the last SEC Panel meeting, 1 SEC Party has completed SMKI and Repository Entry "
        "Process Testing (SREPT): Affect Energy Ltd.",
        "3 SEC Parties have successfully completed SREPT.",
        "Since the last SEC Panel meeting, 1 SEC Party has completed User Entry Process Testing "
        "(UEPT): Affect Energy Ltd.",
        "3 SEC Parties have successfully completed UEPT for a total of 7 User Roles.",
    ]
    tables = _tables(testing)
    assert tables["Appendix A: SREPT completions"] == [
        ["SEC Party", "Date completed"],
        ["Octopus Energy Ltd", date(2017, 9, 1)],
        ["Spark Energy Supply Ltd", date(2018, 1, 10)],
        ["Affect Energy Ltd", date(2018, 2, 15)],
    ]
    three = "Import Supplier, Export Supplier and Gas Supplier"
    assert tables["Appendix B: UEPT completions"] == [
        ["SEC Party", "Role(s) tested", "Date completed"],
        ["Octopus Energy Ltd", "Import Supplier", date(2017, 12, 1)],
        ["Spark Energy Supply Ltd", three, date(2018, 1, 20)],
        ["Affect Energy Ltd", three, date(2018, 2, 20)],
    ]
    # 1.4: Table 3, a footnote for each default, withdrawal and expulsion, the headcount.
    membership = book["1.4 Membership"]
    statistics = _tables(membership)["Table 3: SEC Party Statistics"]
    assert statistics[0] == [
        "Month",
        "Accessions",
        "In Default",
        "Withdrawals",
        "Expulsions",
        "Notes",
    ]
    assert [row[0] for row in statistics[1:]] == feb.LABELS
    assert [row[1:5] for row in statistics[1:]] == [
        list(counts)
        for counts in zip(
            feb.ACCESSIONS, feb.DEFAULTS, feb.WITHDRAWALS, feb.EXPULSIONS, strict=True
        )
    ]
    assert [row[5] for row in statistics[1:]] == [
        "1",
        "2",
        "3",
        "4",
        None,
        "5",
        "6, 7",
        None,
        "8",
        "9",
        None,
        None,
    ]
    texts = _texts(membership)
    assert (
        "At the end of the reporting month, there were 286 Parties to the SEC representing "
        "226 Voting Groups." in texts
    )
    footnotes = [t for t in texts if t.partition(". ")[0].isdigit()]
    assert footnotes == [
        "1. CNG (Group) Limited voluntarily requested to be withdrawn.",
        "2. Daisy Power Ltd did not pay its SEC charges when due.",
        "3. This expulsion was due to the company Ovo Networks Ltd being dissolved.",
        "4. Lumo Energy Ltd voluntarily requested to be withdrawn.",
        "5. Ecotricity Trading Ltd did not provide the credit cover it owed.",
        "6. Peterborough Energy Ltd ceased trading and asked to withdraw.",
        "7. Zog Energy Ltd voluntarily requested to be withdrawn.",
        "8. This expulsion was due to the company Tovo Supply Ltd being dissolved.",
        "9. Brilliant Energy Ltd voluntarily requested to be withdrawn.",
    ]
    by_category = _tables(membership)["Voting Groups by Party Category at the end of the month"]
    assert dict(by_category[1:]) == feb.GROUPS_BY_CATEGORY
    assert sum(dict(by_category[1:]).values()) == 226
    assert [type(c).__name__ for c in membership._charts] == ["PieChart"]
    # 4: the helpdesk sentence and Table 5, every category in report order, and the total.
    helpdesk = book["4 Helpdesk activities"]
    emails = sum(feb.EMAILS[c][-1] for c in range(11))
    assert _texts(helpdesk)[1] == (
        f"There were approximately {feb.CALLS[-1]} telephone enquiries and {emails} email "
        "enquiries to the SECAS mailbox in February 2018."
    )
    table5 = _tables(helpdesk)["Table 5: SECAS Helpdesk Emails"]
    assert table5 == [
        ["Category", *feb.LABELS],
        *([name, *feb.EMAILS[c]] for c, name in enumerate(DEFAULT_CATEGORIES)),
        ["Total", *(sum(feb.EMAILS[c][m] for c in range(11)) for m in range(12))],
    ]
    assert [type(c).__name__ for c in helpdesk._charts] == ["BarChart"]
    # Classified WHITE on every page and in the About sheet; the PDF beside it.
    assert all(book[name].oddHeader.left.text == "&BTLP:WHITE" for name in book.sheetnames[:-1])
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Classification"] == "TLP:WHITE" and about["Month"] == "February 2018"
    pdf = path.with_suffix(".pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b", data)) >= 5
    assert "Saved" in printed and str(pdf) in printed


def test_since_overrides_the_panel_meeting_and_none_recorded_is_said(capsys, store_url, tmp_path):
    url = store_url.render_as_string(hide_password=False)
    out_file = tmp_path / "pack.xlsx"
    code, _out, err = run(
        capsys, "--store", url, "report", "pack", "--month", "2018-02", "--out", str(out_file)
    )
    assert code != 0 and "no SEC Panel meeting is recorded" in err and "secdesk panel add" in err
    code, out, err = run(
        capsys,
        "--store",
        url,
        "report",
        "pack",
        "--month",
        "2018-02",
        "--since",
        "01/02/2018",
        "--out",
        str(out_file),
    )
    assert code == 0, out + err
    assert "since the last SEC Panel meeting: 01/02/2018" in out
    assert out_file.exists() and out_file.with_suffix(".pdf").exists()
    code, out, _ = run(capsys, "--store", url, "panel", "add", "31/02/2018")
    assert code != 0
