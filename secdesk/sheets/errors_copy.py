"""A copy of an imported file with an Errors column beside each rejected row, so whoever
keeps the file can see every problem in place. An .xlsx or .xlsm file is copied with its
formatting; any other (.xls, .ods, CSV) is copied cell for cell into a new workbook."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from secdesk import xlsx
from secdesk.environment import plain_os_error, usable_folder
from secdesk.sheets.classify import SheetData
from secdesk.sheets.enquiry_import import LogSheet
from secdesk.sheets.reading import Uncalculated
from secdesk.sheets.row_error import RowError

_ERROR_FILL = PatternFill("solid", fgColor="FFE0E0")
Marks = dict[str, dict[int, list[str]]]


def write_error_copies(
    errors: Sequence[RowError], sheets: Sequence[SheetData | LogSheet], folder: Path
) -> list[Path]:
    """One copy per input file that has row errors: ``<name> - errors.xlsx`` in ``folder``."""
    by_file: dict[Path, Marks] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    found = {(s.path.name, s.sheet): s for s in sheets}
    for error in errors:
        sheet = found.get((error.file, error.sheet))
        if sheet is None or not error.row:
            continue  # a file that could not be read at all has no rows to mark
        column = f"{error.column}: " if error.column else ""
        by_file[sheet.path][error.sheet][error.row].append(f"{column}{error.message}")
    usable_folder(folder, "The errors folder")
    written = []
    for path, marks in by_file.items():
        book = _copy(path, marks, found)
        for sheet_name, rows in marks.items():
            _mark(book[sheet_name], found[(path.name, sheet_name)].header_row, rows)
        target = folder / f"{path.stem} - errors.xlsx"
        try:
            book.save(target)
        except OSError as exc:
            target.unlink(missing_ok=True)  # no half-written copy
            raise plain_os_error(exc, f"writing the errors copy {target}") from exc
        written.append(target)
    return written


def _copy(path: Path, marks: Marks, found: dict[tuple[str, str], Any]) -> Workbook:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return load_workbook(path)
        except Exception:
            pass
    book = Workbook()
    book.remove(book.active)
    for sheet_name in marks:
        sheet = book.create_sheet(sheet_name[:31])
        sheet.title = sheet_name[:31]
        for cells in found[(path.name, sheet_name)].cells:
            xlsx.append_row(sheet, [str(c) if isinstance(c, Uncalculated) else c for c in cells])
    return book


def _mark(sheet: Worksheet, header_row: int, rows: dict[int, list[str]]) -> None:
    column = sheet.max_column + 1
    header = sheet.cell(header_row, column, "Errors")
    header.font = xlsx.BOLD
    sheet.column_dimensions[header.column_letter].width = 70
    for row, messages in rows.items():
        cell = sheet.cell(row, column, "; ".join(messages))
        cell.data_type = "s"  # a message quoting a cell that starts with "=" stays text
        cell.fill = _ERROR_FILL
