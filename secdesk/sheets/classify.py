"""Which sheets of a file hold what: one of the register layouts, Membership Events, or an
enquiry log; and, where a sheet comes close to one but not all the way, exactly why not.

A file's sheets are read (secdesk.sheets.reading), each sheet's header row is looked for
(secdesk.sheets.headers), and its rows below are filed under their columns. A sheet that
holds none of the layouts and comes close to none is passed over (an About sheet, notes);
a file in which no sheet holds one is an error that says what was looked for, and where.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from secdesk.errors import ValidationError
from secdesk.sheets.columns import Column
from secdesk.sheets.enquiry_import import COLUMNS as LOG_COLUMNS
from secdesk.sheets.enquiry_import import REQUIRED as LOG_REQUIRED
from secdesk.sheets.enquiry_import import TITLE as LOG_TITLE
from secdesk.sheets.enquiry_import import LogSheet
from secdesk.sheets.headers import HEADER_SEARCH_ROWS, Found, HeaderSpec, NearMiss, locate
from secdesk.sheets.published_sheets import IMPORTED
from secdesk.sheets.reading import read_tables
from secdesk.sheets.row_error import RowError
from secdesk.sheets.sheet_layout import Layout

Key = TypeVar("Key")
_LOG = "enquiry log"


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
    cells: list[list[Any]] = field(default_factory=list, repr=False)


def _specs() -> list[HeaderSpec[Any]]:
    specs: list[HeaderSpec[Any]] = [
        HeaderSpec(layout.title, tuple(layout.headers), tuple(layout.needed_headers), layout)
        for layout in IMPORTED
    ]
    specs.append(HeaderSpec(LOG_TITLE, tuple(LOG_COLUMNS), LOG_REQUIRED, _LOG))
    return specs


SPECS = _specs()


def data_rows(
    rows: Iterable[Sequence[Any]], header_row: int, columns: Mapping[int, Key]
) -> Iterable[tuple[int, dict[Key, Any]]]:
    """The non-blank rows below the header, by row number, each cell filed under its
    column."""
    for number, values in enumerate(rows, header_row + 1):
        cells = {column: values[i] if i < len(values) else None for i, column in columns.items()}
        if any(value is not None for value in cells.values()):
            yield number, cells


def _expected() -> str:
    return "; ".join(f"{spec.title} ({', '.join(spec.required[:3])}, …)" for spec in SPECS)


def classify_file(path: Path) -> tuple[list[SheetData], list[LogSheet], list[RowError]]:
    """The register sheets and enquiry logs of the file at ``path``, and what stood in the
    way of reading the rest of it (each error names the file, and its sheet and row where
    there is one)."""
    try:
        tables = read_tables(path)
    except ValidationError as exc:
        return [], [], [RowError(path.name, "", 0, None, None, exc.message)]
    sheets: list[SheetData] = []
    logs: list[LogSheet] = []
    errors: list[RowError] = []
    for table in tables:
        found = locate(table.rows, SPECS)
        if found is None:
            continue
        if isinstance(found, NearMiss):
            errors.append(
                RowError(path.name, table.sheet, found.header_row, None, None, found.message())
            )
            continue
        below = table.rows[found.header_row :]
        if found.spec.kind == _LOG:
            log = LogSheet(path, table.sheet, found.header_row, found.columns, found.extra, [])
            log.rows = list(data_rows(below, found.header_row, found.columns))
            log.cells = table.rows
            logs.append(log)
        else:
            sheets.append(_sheet(path, table.sheet, table.rows, found))
    if not sheets and not logs and not errors:
        errors.append(
            RowError(
                path.name,
                "",
                0,
                None,
                None,
                f"has no sheet with the headers of a spreadsheet secdesk imports ({_expected()}); "
                f"secdesk looked for them in the first {HEADER_SEARCH_ROWS} rows of every sheet",
            )
        )
    return sheets, logs, errors


def _sheet(path: Path, name: str, cells: list[list[Any]], found: Found[Any]) -> SheetData:
    layout: Layout = found.spec.kind
    by_header = {column.header: column for column in layout.columns}
    columns = {index: by_header[header] for index, header in found.columns.items()}
    data = SheetData(path, name, layout, found.header_row, columns, found.extra, cells=cells)
    data.rows = list(data_rows(cells[found.header_row :], found.header_row, columns))
    return data


def ordered(sheets: Sequence[SheetData]) -> list[SheetData]:
    """Sheets in the order they must be applied: Parties before what refers to them."""
    order = {layout.key: i for i, layout in enumerate(IMPORTED)}
    return sorted(sheets, key=lambda s: order[s.layout.key])
