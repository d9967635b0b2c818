"""Writing a layout to an .xlsx workbook, and reading a hand-kept one back.

Written workbooks open cleanly in Excel: a bold, frozen header row with an autofilter, real
date cells shown DD/MM/YYYY, sensible widths, the Traffic Light Protocol classification in
every printed page's header and footer and in the document properties, and an About sheet.
openpyxl builds the workbook in write-only mode; the data rows are streamed into it
(sheets.row_stream), so memory stays flat and a large register publishes in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from secdesk import __version__
from secdesk.domain import Classification
from secdesk.errors import ValidationError
from secdesk.sheets.columns import DATE_FORMAT, Column, Kind, header_key
from secdesk.sheets.layouts import LAYOUTS, Layout
from secdesk.sheets.row_stream import replace_placeholder

ABOUT_SHEET = "About"
# How far down a sheet its header row may be (title rows above it are passed over).
HEADER_SEARCH_ROWS = 10
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B4F6C")
_TOP = Alignment(horizontal="left", vertical="top")
# TLP colours for the About sheet's classification cell.
_TLP_FILL = {
    Classification.WHITE: PatternFill("solid", fgColor="FFFFFF"),
    Classification.GREEN: PatternFill("solid", fgColor="33FF00"),
}


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
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        header.left.text = f"&B{label}"
        header.center.text = layout.title
    for footer in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        footer.left.text = f"&B{label}"
        footer.right.text = "Page &P of &N"


def _header_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    return cell


def _write_about(book: Workbook, layout: Layout, count: int, edition: Edition) -> None:
    about = book.create_sheet(ABOUT_SHEET)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 44
    about.page_setup.fitToWidth = 1
    about.page_setup.fitToHeight = 0
    about.sheet_properties.pageSetUpPr.fitToPage = True
    bold = Font(bold=True)

    def line(name: str, value: Any, number_format: str | None = None) -> list[WriteOnlyCell]:
        key = WriteOnlyCell(about, value=name)
        key.font = bold
        cell = WriteOnlyCell(about, value=value)
        cell.alignment = _TOP
        if number_format:
            cell.number_format = number_format
        if name == "Classification":
            cell.font = bold
            cell.fill = _TLP_FILL[edition.classification]
        return [key, cell]

    local = edition.published_at.astimezone().replace(tzinfo=None)
    for row in (
        line("Title", layout.title),
        line("Classification", tlp_label(edition.classification)),
        line("Published", local, "DD/MM/YYYY HH:MM"),
        line("Version", edition.version),
        line("Rows", count),
        line("Produced by", f"secdesk {__version__}"),
    ):
        about.append(row)


# ---- reading ----------------------------------------------------------------------------


@dataclass
class SheetData:
    """A data sheet as found: which layout, which cell column holds which Column, the
    columns it has that the layout does not, and its non-blank rows by row number."""

    path: Path
    sheet: str
    layout: Layout
    header_row: int
    columns: dict[int, Column]
    extra_headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[Column, Any]]] = field(default_factory=list)


def _match(headers: Sequence[Any], layout: Layout) -> dict[int, Column] | None:
    keys = [header_key(h) for h in headers]
    found: dict[int, Column] = {}
    for column in layout.columns:
        key = header_key(column.header)
        if key in keys:
            found[keys.index(key)] = column
        elif column.parse is not None:
            return None
    return found


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """A workbook opened once for reading (read-only, values not formulas)."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(
            str(path.name), f"cannot be read as an .xlsx workbook ({exc})"
        ) from None
    try:
        yield book
    finally:
        book.close()


def sheet_rows(sheet: Any) -> Iterator[Sequence[Any]]:
    """A sheet's rows as values, whatever size the file claims it has."""
    sheet.reset_dimensions()
    return sheet.iter_rows(values_only=True)


def read_workbook(path: Path, book: Any) -> list[SheetData]:
    """Every data sheet of the open workbook that holds one of the layouts (sheets such as
    About are passed over). A workbook without any is an error naming what was expected."""
    found = [
        data
        for sheet in book.worksheets
        if sheet.title != ABOUT_SHEET
        and (data := _read_sheet(path, sheet.title, sheet_rows(sheet))) is not None
    ]
    if not found:
        expected = "; ".join(
            f"{layout.title} ({', '.join(layout.headers[:3])}, …)" for layout in LAYOUTS
        )
        raise ValidationError(
            path.name,
            f"has no sheet with the headers of a published spreadsheet ({expected}) "
            "or of an enquiry log (Received, Channel, Category, Subject)",
        )
    return found


Key = TypeVar("Key")


def find_header(
    rows: Iterator[Sequence[Any]], match: Callable[[Sequence[Any]], Key | None]
) -> tuple[int, Sequence[Any], Key] | None:
    """The header row among a sheet's first rows (title rows may stand above it): its
    number, its cells and what ``match`` made of them. ``rows`` then goes on below it."""
    for number, headers in enumerate(rows, 1):
        if number > HEADER_SEARCH_ROWS:
            return None
        if any(_cell_text(h) for h in headers) and (found := match(headers)) is not None:
            return number, headers, found
    return None


def extra_headers(headers: Sequence[Any], known: Iterable[int]) -> list[str]:
    """The headers of columns the reader does not know (ignored, and reported)."""
    taken = set(known)
    return [str(h).strip() for i, h in enumerate(headers) if i not in taken and _cell_text(h)]


def _read_sheet(path: Path, name: str, rows: Iterator[Sequence[Any]]) -> SheetData | None:
    def layout_of(headers: Sequence[Any]) -> tuple[Layout, dict[int, Column]] | None:
        for layout in LAYOUTS:
            columns = _match(headers, layout)
            if columns is not None:
                return layout, columns
        return None

    header = find_header(rows, layout_of)
    if header is None:
        return None
    header_row, headers, (layout, columns) = header
    data = SheetData(path, name, layout, header_row, columns, extra_headers(headers, columns))
    data.rows = list(data_rows(rows, header_row, columns))
    return data


def data_rows(
    rows: Iterable[Sequence[Any]], header_row: int, columns: Mapping[int, Key]
) -> Iterable[tuple[int, dict[Key, Any]]]:
    """The non-blank rows below the header, by row number, each cell cleaned and filed
    under its column."""
    for number, values in enumerate(rows, header_row + 1):
        cells = {
            column: clean_cell(values[i]) if i < len(values) else None
            for i, column in columns.items()
        }
        if any(value is not None for value in cells.values()):
            yield number, cells


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def clean_cell(value: Any) -> Any:
    """Text trimmed (blank is None); a date cell at midnight is a date."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value
