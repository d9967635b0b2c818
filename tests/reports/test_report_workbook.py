"""`secdesk report … --out FILE.xlsx`: the table as computed, with a native Excel chart."""

from __future__ import annotations

from openpyxl import load_workbook

from secdesk import cli
from tests.reports.test_helpdesk_report import log


def test_helpdesk_workbook_holds_the_table_and_a_stacked_chart(store, tmp_path, capsys):
    log(store, "General Queries", "03/02/2024 10:00", times=3)
    log(store, "Other", "02/02/2024 11:00", channel="Telephone")
    out = tmp_path / "helpdesk.xlsx"
    url = store.engine.url.render_as_string(hide_password=False)
    code = cli.main(["--store", url, "report", "helpdesk", "--month", "2024-03", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "General Queries" in printed and "Total" in printed
    book = load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet.title == "SECAS Helpdesk Emails"
    rows = [list(r) for r in sheet.iter_rows(values_only=True, max_col=13)]
    assert rows[0][:2] == ["Category", "Apr-23"] and rows[0][12] == "Mar-24"
    assert rows[5] == ["General Queries"] + [0] * 10 + [3, 0]
    assert rows[12] == ["Total"] + [0] * 10 + [3, 0]
    assert rows[13] == ["Telephone enquiries"] + [0] * 10 + [1, 0]
    (chart,) = sheet._charts
    assert chart.grouping == "stacked" and len(chart.series) == 11


def test_membership_workbook_has_its_charts(store, tmp_path, make_party, capsys):
    make_party("Acme Energy Ltd", accession="10/02/2024")
    out = tmp_path / "membership"
    url = store.engine.url.render_as_string(hide_password=False)
    assert (
        cli.main(["--store", url, "report", "membership", "--month", "2024-03", "--out", str(out)])
        == 0
    )
    assert "Saved" in capsys.readouterr().out
    sheet = load_workbook(tmp_path / "membership.xlsx").worksheets[0]
    assert sheet["A2"].value == "Accessions" and sheet["L2"].value == 1
    assert len(sheet._charts) == 2


def test_a_bad_month_is_one_clear_line(store, capsys):
    url = store.engine.url.render_as_string(hide_password=False)
    assert cli.main(["--store", url, "report", "helpdesk", "--month", "March"]) != 0
    err = capsys.readouterr().err
    assert "--month" in err and "YYYY-MM" in err and "Traceback" not in err


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """A Party name or reason typed as a formula must never run when the workbook opens."""
    import zipfile

    from secdesk.reports.catalogue import save_table

    dangerous = ['=HYPERLINK("http://x.example","click")', "=cmd|' /C calc'!A0", "+1+1"]

    class Table:
        def table(self):
            return [["Party", "Reason"], *([text, text] for text in dangerous)]

    path = save_table(tmp_path / "t.xlsx", "Notifications", "today", Table())
    book = load_workbook(path)
    cells = [c for row in book.worksheets[0].iter_rows(min_row=2) for c in row]
    assert [c.value for c in cells[::2]] == dangerous
    assert {c.data_type for c in cells} == {"s"}
    with zipfile.ZipFile(path) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
