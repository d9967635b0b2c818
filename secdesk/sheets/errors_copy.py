"""A copy of an imported workbook with an Errors column beside each rejected row, so whoever
keeps the file can see every problem in place."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill

from secdesk.sheets.enquiry_import import LogSheet
from secdesk.sheets.row_error import RowError
from secdesk.sheets.workbook import SheetData

_ERROR_FILL = PatternFill("solid", fgColor="FFE0E0")


def write_error_copies(
    errors: Sequence[RowError], sheets: Sequence[SheetData | LogSheet], folder: Path
) -> list[Path]:
    """One copy per input file that has row errors: ``<name> - errors.xlsx`` in ``folder``."""
    by_file: dict[Path, dict[str, dict[int, list[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    header_rows = {(s.path.name, s.sheet): (s.path, s.header_row) for s in sheets}
    for error in errors:
        source = header_rows.get((error.file, error.sheet))
        if source is None or not error.row:
            continue  # a file that could not be read at all has no rows to mark
        column = f"{error.column}: " if error.column else ""
        by_file[source[0]][error.sheet][error.row].append(f"{column}{error.message}")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path, sheets_with_errors in by_file.items():
        book = load_workbook(path)
        for sheet_name, rows in sheets_with_errors.items():
            sheet = book[sheet_name]
            header_row = header_rows[(path.name, sheet_name)][1]
            column = sheet.max_column + 1
            header = sheet.cell(header_row, column, "Errors")
            header.font = Font(bold=True)
            sheet.column_dimensions[header.column_letter].width = 70
            for row, messages in rows.items():
                cell = sheet.cell(row, column, "; ".join(messages))
                cell.fill = _ERROR_FILL
        target = folder / f"{path.stem} - errors.xlsx"
        book.save(target)
        written.append(target)
    return written
