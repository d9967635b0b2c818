"""The house rules of every workbook secdesk writes — the published spreadsheets, reports,
notifications, membership history and errors copies — in one place.

- Text is always written as text: a name typed "=HYPERLINK(…)" (or starting with a tab
  that trimming removes) never becomes a formula, "0123" never a number.
- Dates are real dates shown DD/MM/YYYY (times DD/MM/YYYY HH:MM, in UK time); yes/no is
  Y or N.
- A header row is bold white on the house colour; pages print landscape, one page wide,
  with the title — and the classification, where there is one — on every page.

Workbooks are built with openpyxl. The published spreadsheets' data rows, hundreds of
thousands of cells, are streamed in by secdesk.sheets.row_stream under the same rules:
XlsxWriter, measured for this (bench/bench_writer.py), took about five times as long for
the 10,000-Party register, beyond the 20% a library made for the job may cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from secdesk.months import UK_TIME

HOUSE_COLOUR = "0B4F6C"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=HOUSE_COLOUR)
BOLD = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(horizontal="left", vertical="top")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# Traffic Light Protocol colours, by classification value.
TLP_COLOURS = {"WHITE": "FFFFFF", "GREEN": "33FF00"}


def cell_value(value: Any) -> Any:
    """A value as the cell holds it: Y/N for yes/no, a local naive time for a timestamp
    (a workbook has no time zones), everything else as it is."""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UK_TIME).replace(tzinfo=None)
    return value


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row to a worksheet under the house rules (text stays text, dates are
    shown as dates)."""
    sheet.append([cell_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        value = cell.value
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl makes a formula of any text starting with "="
        elif isinstance(value, datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            cell.number_format = DATE_FORMAT


# A count in a report (not an identifier: those keep their digits as they are).
COUNT_FORMAT = "#,##0"


def shown_width(value: Any) -> int:
    """How many characters a value takes as a cell shows it: a date as DD/MM/YYYY, a time
    with its hours and minutes, a count with its thousands separator, text by its longest
    line — so that a column made this wide holds it (and nothing runs into the next)."""
    if isinstance(value, datetime):
        return len("DD/MM/YYYY HH:MM")
    if isinstance(value, date):
        return len("DD/MM/YYYY")
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    return max((len(line) for line in str(value or "").splitlines()), default=0)


def header_style(cells: Iterable[Any]) -> None:
    for cell in cells:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL


def print_setup(sheet: Any, title: str, classification: str | None = None) -> None:
    """Landscape, one page wide, page numbers, the title (and classification) on every page."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # not Letter: these print in Britain
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        header.center.text = title
        if classification:
            header.left.text = f"&B{classification}"
    for footer in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        footer.right.text = "Page &P of &N"
        if classification:
            footer.left.text = f"&B{classification}"


# The Operations Report and the reports it is built from are WHITE under the Panel
# Information Policy (Traffic Light Protocol): anyone may see them.
REPORT_CLASSIFICATION = "WHITE"


def about_sheet(book: Any, lines: Iterable[tuple[str, Any]], classification: str) -> None:
    """An About sheet, as the published spreadsheets have: what the workbook is, its
    classification (in its colour), when and by what it was made."""
    about = book.create_sheet("About")
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 60
    about.sheet_properties.pageSetUpPr.fitToPage = True
    rows = [*lines, ("Classification", f"TLP:{classification}")]
    rows.append(("Produced", datetime.now(UK_TIME).replace(tzinfo=None, microsecond=0)))
    for name, value in rows:
        append_row(about, [name, value])
        key, cell = about.cell(about.max_row, 1), about.cell(about.max_row, 2)
        key.font = BOLD
        cell.alignment = WRAPPED
        if name == "Classification":
            cell.font = BOLD
            cell.fill = PatternFill("solid", fgColor=TLP_COLOURS[classification])
    book.properties.keywords = book.properties.category = f"TLP:{classification}"
