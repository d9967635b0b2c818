"""Makes the .xls and .ods files of tests/sheets/messy/ the way people get them: a workbook
saved by LibreOffice in Excel 97-2003 and OpenDocument formats (title block, merged title
cell, a date cell and a date typed as text), and a workbook of formulas saved by LibreOffice
with their results. Run with LibreOffice installed:
``python tools/make_messy_fixtures.py``; the files are committed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from secdesk.sheets.published_sheets import PARTIES_LIST

HERE = Path(__file__).resolve().parent.parent / "tests" / "sheets" / "messy"
HEADERS = PARTIES_LIST.headers


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "parties-libreoffice.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.title = "SEC Parties"
        sheet.append(["SEC Parties List — kept by the Party Engagement team"])
        sheet.merge_cells("A1:H1")
        sheet.append([])
        sheet.append(HEADERS)
        sheet.append(
            [
                "Acme Energy Ltd",
                "Large Supplier",
                "Acme Group",
                "Party",
                datetime(2019, 1, 15),
                "Y",
                "IS; GS",
                "01/02/2020",
            ]
        )
        sheet.append(["Bravo Gas Ltd", "small supplier", None, "Party", "02/03/2020", "N"])
        sheet.append(["Charlie Metering", "Other SEC Party", None, "Applicant"])
        book.save(source)
        formulas = Path(folder) / "formulas.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.append(HEADERS)
        sheet.append(['="Acme "&"Energy Ltd"', "Large Supplier", "=C3", "Party", "15/01/2019"])
        sheet.append(["Bravo Gas Ltd", "Small Supplier", "Bravo Group", "Party", "02/03/2020"])
        book.save(formulas)
        # Saved again by LibreOffice, the formulas keep their results beside them, as a
        # workbook saved by Excel does.
        subprocess.run(
            [
                "libreoffice",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(Path(folder) / "saved"),
                str(formulas),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(folder) / "saved" / "formulas.xlsx", HERE / "formulas-saved.xlsx")
        for target in ("xls", "ods"):
            subprocess.run(
                [
                    "libreoffice",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
            )
            shutil.copy(Path(folder) / f"parties-libreoffice.{target}", HERE)


if __name__ == "__main__":
    main()
