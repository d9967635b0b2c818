"""Writing a layout to an .xlsx workbook (reading one back is secdesk.sheets.classify).

Written workbooks open cleanly in Excel: a bold, frozen header row with an autofilter, real
date cells shown DD/MM/YYYY, sensible widths, the Traffic Light Protocol classification in
every printed page's header and footer and in the document properties, and an About sheet.
openpyxl builds the workbook in write-only mode; the data rows are streamed into it
(sheets.row_stream), so memory stays flat and a large register publishes in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from secdesk import __version__, xlsx
from secdesk.domain import Classification
from secdesk.sheets.columns import DATE_FORMAT, Kind
from secdesk.sheets.row_stream import replace_placeholder
from secdesk.sheets.sheet_layout import Layout

ABOUT_SHEET = "About"


@dataclass(frozen=True)
class Edition:
    """What the About sheet says about this copy."""

    classification: Classification
    published_at: datetime
    version: str


def tlp_label(classification: Classification) -> str:
    return f"TLP:{classification.value}"


def write_workbook(
    path: Path, layout: Layout, rows: Sequence[Sequence[Any]], edition: Edition
) -> None:
    book = Workbook(write_only=True)
    label = tlp_label(edition.classification)
    book.properties.title = layout.title
    book.properties.subject = f"{layout.title} ({label})"
    book.properties.keywords = label
    book.properties.category = label
    book.properties.creator = f"secdesk {__version__}"

    sheet = book.create_sheet(layout.sheet)
    _set_up_page(sheet, layout, len(rows), label)
    sheet.append([_header_cell(sheet, column.header) for column in layout.columns])
    # The rows themselves are streamed in where this placeholder stands (row_stream).
    placeholder = WriteOnlyCell(sheet, value=datetime(2000, 1, 1))
    placeholder.number_format = DATE_FORMAT
    sheet.append([placeholder])
    _write_about(book, layout, len(rows), edition)
    package = BytesIO()
    book.save(package)
    date_columns = {i for i, c in enumerate(layout.columns) if c.kind is Kind.DATE}
    replace_placeholder(package, path, layout.headers, rows, date_columns)


def _set_up_page(sheet: WriteOnlyWorksheet, layout: Layout, count: int, label: str) -> None:
    for index, column in enumerate(layout.columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    last = get_column_letter(len(layout.columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    sheet.print_title_rows = "1:1"
    xlsx.print_setup(sheet, layout.title, label)


def _header_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    xlsx.header_style([cell])
    return cell


def _write_about(book: Workbook, layout: Layout, count: int, edition: Edition) -> None:
    about = book.create_sheet(ABOUT_SHEET)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 44
    about.page_setup.fitToWidth = 1
    about.page_setup.fitToHeight = 0
    about.sheet_properties.pageSetUpPr.fitToPage = True

    def line(name: str, value: Any, number_format: str | None = None) -> list[WriteOnlyCell]:
        key = WriteOnlyCell(about, value=name)
        key.font = xlsx.BOLD
        cell = WriteOnlyCell(about, value=value)
        cell.alignment = xlsx.TOP
        if number_format:
            cell.number_format = number_format
        if name == "Classification":
            cell.font = xlsx.BOLD
            colour = xlsx.TLP_COLOURS[edition.classification.value]
            cell.fill = PatternFill("solid", fgColor=colour)
        return [key, cell]

    local = edition.published_at.astimezone().replace(tzinfo=None)
    for row in (
        line("Title", layout.title),
        line("Classification", tlp_label(edition.classification)),
        line("Published", local, xlsx.DATETIME_FORMAT),
        line("Version", edition.version),
        line("Rows", count),
        line("Produced by", f"secdesk {__version__}"),
    ):
        about.append(row)
