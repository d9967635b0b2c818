"""``secdesk assessments`` on both stores: import a workbook of existing assessments (all or
nothing, each bad row named by row and column), list them, and the obligations due, as
text and as JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta

from openpyxl import Workbook

from tests.services.conftest import new_party
from tests.test_cli import run

HEADERS = [
    "Party Name",
    "Assessment Type",
    "Application Received",
    "Requested Date",
    "Fieldwork Start",
    "Fieldwork End",
    "Outcome",
    "Outcome Date",
]


def _book(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "Assessments 2026"
    sheet.append(["Security & Privacy team: assessments (kept by hand)"])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_assessments_import_list_and_due(capsys, store, tmp_path):
    new_party(store, name="Albion Power plc", category="Small Supplier")
    url = store.engine.url.render_as_string(hide_password=False)
    bad = _book(
        tmp_path / "bad.xlsx",
        [
            ["Albion Power plc", "FUSA", "05/01/2026", "29/03/2026", None, None, None, None],
            ["Nobody Ltd", "Full User Security Assessment", "05/01/2026", "30/03/2026"],
            ["Albion Power plc", "Audit", "05/01/2026", "30/03/2026"],
        ],
    )
    code, out, err = run(capsys, "--store", url, "assessments", "import", str(bad))
    assert code != 0 and "nothing was imported" in err
    assert "row 3, column 'Requested Date'" in out and "30/03/2026" in out  # the 12-week rule
    assert "row 4, column 'Party Name'" in out
    assert "row 5, column 'Assessment Type'" in out
    code, out, _ = run(capsys, "--store", url, "assessments", "list", "--json")
    assert json.loads(out) == []  # all or nothing
    today = date.today()
    good = _book(
        tmp_path / "good.xlsx",
        [
            [
                "Albion Power plc",
                "Verification User Security Assessment",
                today - timedelta(days=500),
                today - timedelta(days=400),
                today - timedelta(days=400),
                today - timedelta(days=398),
                "Approved, subject to",
                today - timedelta(days=380),
            ]
        ],
    )
    code, out, err = run(capsys, "--store", url, "assessments", "import", str(good))
    assert code == 0, out + err
    code, out, _ = run(capsys, "--store", url, "assessments", "list", "--json")
    [listed] = json.loads(out)
    assert listed["party"]["name"] == "Albion Power plc"
    assert listed["type"] == "Verification User Security Assessment"
    assert listed["outcome"] == "Approved, subject to"
    assert listed["requested_for"] == (today - timedelta(days=400)).isoformat()
    code, out, _ = run(capsys, "--store", url, "assessments", "due", "--json")
    [ssa] = json.loads(out)
    assert ssa["type"] == "Security Self-Assessment" and ssa["overdue"] is True
    fieldwork = today - timedelta(days=398)
    year_on = date(
        fieldwork.year + 1, fieldwork.month, min(fieldwork.day, 28 if fieldwork.month == 2 else 31)
    )
    assert ssa["due"] == year_on.isoformat()  # a year after the User CIO fieldwork
    assert set(ssa) >= {"party", "type", "due", "overdue", "status"}
    code, out, _ = run(capsys, "--store", url, "assessments", "due", "--within", "0")
    assert "Security Self-Assessment" in out and "overdue by" in out
    # Importing the same file again changes nothing.
    code, out, _ = run(capsys, "--store", url, "assessments", "import", str(good))
    assert code == 0 and "1 unchanged" in out
