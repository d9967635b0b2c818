"""The cells of a file people keep by hand, whatever it was saved as.

Workbooks (.xlsx, .xlsm, .xls, .ods) are read with python-calamine, which reads each of them
in Rust at several times the speed of openpyxl; CSV files are decoded here (UTF-8 with or
without a byte-order mark, UTF-16 as Excel's "Unicode Text", else Windows-1252 as Excel's
"CSV (Comma delimited)" writes on a UK desktop) and split on commas, semicolons or tabs.

Whatever the bytes, the result is either the sheets' cells or a ValidationError that names
the file and says what to do: a damaged or password-protected file, a file that is not a
spreadsheet. A formula whose result was never calculated (a workbook written by a script,
or saved without recalculating) stands in its cell as ``Uncalculated``, so the row that
reads it can be refused instead of taken as blank.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from secdesk import validate as v
from secdesk.errors import ValidationError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
SUFFIXES = (*WORKBOOK_SUFFIXES, *CSV_SUFFIXES)
_DELIMITERS = (",", ";", "\t")
# A sheet larger than this is not a hand-kept register or log: refuse it before it fills
# memory (a damaged file can claim any size).
MAX_CELLS = 20_000_000


@dataclass(frozen=True)
class Uncalculated:
    """A formula cell with no calculated result saved beside it."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


UNCALCULATED_MESSAGE = (
    "is a formula whose result was never saved in the file (written by a program, or saved "
    "without recalculating): open the file in Excel or LibreOffice, save it, and import again"
)


@dataclass
class Table:
    """One sheet's cells: ``rows[i]`` is row ``i + 1`` as Excel numbers it, each cell
    cleaned (text trimmed and freed of invisible characters, blank as None, a date cell at
    midnight as a date)."""

    path: Path
    sheet: str
    rows: list[list[Any]]


def damaged(path: Path, detail: str = "") -> ValidationError:
    why = f" ({detail})" if detail else ""
    return ValidationError(
        path.name,
        f"cannot be read: the file is damaged or is not a spreadsheet{why}. Open it in Excel "
        "or LibreOffice and save it again as .xlsx, then import that copy",
    )


def read_tables(path: Path) -> list[Table]:
    """Every sheet of the file at ``path``, as cleaned cells."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            path.name,
            f"is not a file secdesk reads ({', '.join(SUFFIXES)}); save it from Excel as "
            ".xlsx or as CSV",
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(path.name, "does not exist (check the name and folder)") from None
    except IsADirectoryError:
        raise ValidationError(path.name, "is a folder, not a file") from None
    except PermissionError:
        raise ValidationError(
            path.name, "cannot be opened: you do not have permission to read it"
        ) from None
    except OSError as exc:
        raise ValidationError(path.name, f"cannot be read ({exc.strerror or exc})") from None
    if suffix in CSV_SUFFIXES:
        return [Table(path, path.stem, _clean_rows(_csv_rows(path, data)))]
    return _workbook_tables(path, data)


# ---- workbooks --------------------------------------------------------------------------


def _workbook_tables(path: Path, data: bytes) -> list[Table]:
    import python_calamine as calamine

    uncalculated = _uncalculated_formulas(data) if data[:2] == b"PK" else {}
    tables = []
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            for meta in book.sheets_metadata:
                if str(meta.typ).rsplit(".", 1)[-1].lower() != "worksheet":
                    continue  # chart sheets and macro sheets hold no rows
                sheet = book.get_sheet_by_name(meta.name)
                if sheet.total_height * max(sheet.total_width, 1) > MAX_CELLS:
                    raise ValidationError(
                        path.name,
                        f"sheet {meta.name!r} claims {sheet.total_height:,} rows by "
                        f"{sheet.total_width:,} columns, more than a register or log holds",
                    )
                rows = sheet.to_python(skip_empty_area=False)
                _fill_merged(rows, sheet.merged_cell_ranges or [])
                for (row, column), formula in uncalculated.get(meta.name, {}).items():
                    _put(rows, row, column, Uncalculated(formula))
                tables.append(Table(path, meta.name, _clean_rows(rows)))
        finally:
            book.close()
    except ValidationError:
        raise
    except calamine.PasswordError:
        raise ValidationError(
            path.name,
            "is protected with a password: open it in Excel, remove the password "
            "(File → Info → Protect Workbook), save a copy and import that",
        ) from None
    except BaseException as exc:  # the reader is Rust: a malformed file can end in a panic
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise damaged(path, _short(exc)) from None
    return tables


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _put(rows: list[list[Any]], row: int, column: int, value: Any) -> None:
    while len(rows) <= row:
        rows.append([])
    cells = rows[row]
    if len(cells) <= column:
        cells.extend([""] * (column + 1 - len(cells)))
    cells[column] = value


def _fill_merged(rows: list[list[Any]], ranges: list[Any]) -> None:
    """A merged cell reads as its value in every cell it covers, as a person sees it (a
    Voting Group written once beside the three Parties it groups)."""
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, top + 10_000) + 1):
            for c in range(left, min(right, left + 100) + 1):
                if (r, c) != (top, left):
                    _put(rows, r, c, value)


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _uncalculated_formulas(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name, the 0-based (row, column) of each formula cell whose result the file
    does not hold: no value saved, or a workbook that tells Excel to recalculate everything
    on opening (as openpyxl and XlsxWriter write it, with results absent or 0)."""
    from lxml import etree

    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "xl/workbook.xml" not in names:
                return found
            workbook = etree.fromstring(package.read("xl/workbook.xml"))
            calc = workbook.find(f"{_NS}calcPr")
            recalc = calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
            rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
            for sheet in workbook.iter(f"{_NS}sheet"):
                target = targets.get(sheet.get(f"{_REL_NS}id"), "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if part not in names:
                    continue
                xml = package.read(part)
                if not _FORMULA.search(xml):
                    continue
                cells = _formula_cells(xml, recalc)
                if cells:
                    found[str(sheet.get("name"))] = cells
    except Exception:
        return {}  # the reader proper says what is wrong with a damaged package
    return found


def _formula_cells(xml: bytes, recalc: bool) -> dict[tuple[int, int], str]:
    from lxml import etree

    cells: dict[tuple[int, int], str] = {}
    for _event, cell in etree.iterparse(io.BytesIO(xml), tag=f"{_NS}c", huge_tree=True):
        formula = cell.find(f"{_NS}f")
        if formula is not None:
            value = cell.find(f"{_NS}v")
            missing = value is None or (not value.text and cell.get("t") != "str")
            match = _CELL_REF.fullmatch(cell.get("r", ""))
            if (missing or recalc) and match:
                row, column = int(match[2]) - 1, _column_index(match[1])
                cells[(row, column)] = formula.text or "…"
        cell.clear()
    return cells


# ---- CSV --------------------------------------------------------------------------------


def decode_csv(path: Path, data: bytes) -> str:
    """The text of a CSV file in the encodings Excel writes: UTF-8 (with or without BOM),
    UTF-16 ("Unicode Text", with BOM, or without one and recognisable by its zero bytes),
    else Windows-1252, the ANSI code page of a UK desktop."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif len(data) >= 4 and data[1:4:2] == b"\0\0" and data[0] != 0:
        encodings = ["utf-16-le"]
    elif len(data) >= 4 and data[0:4:2] == b"\0\0" and data[1] != 0:
        encodings = ["utf-16-be"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\0" in text:
            break  # a binary file, whatever its name says
        return text
    raise ValidationError(
        path.name,
        "is not a text file in an encoding secdesk reads (UTF-8, UTF-16 or Windows-1252): "
        'save it from Excel as "CSV UTF-8 (Comma delimited)"',
    )


def _csv_rows(path: Path, data: bytes) -> list[list[Any]]:
    text = decode_csv(path, data)
    delimiter = _delimiter(text)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ValidationError(path.name, f"cannot be read as CSV ({exc})") from None


def _delimiter(text: str) -> str:
    """The separator that splits the file's first lines into the most rows of one width
    (a name such as "Acme, Ltd" in quotes does not mislead it)."""
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
            widths = [len(row) for row in itertools.islice(reader, 40) if any(map(str.strip, row))]
        except csv.Error:
            continue
        if not widths:
            continue
        width, rows = Counter(widths).most_common(1)[0]
        score = (rows if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# ---- cells ------------------------------------------------------------------------------


def _clean_rows(rows: list[list[Any]]) -> list[list[Any]]:
    return [[clean_cell(value) for value in row] for row in rows]


def clean_cell(value: Any) -> Any:
    """Text trimmed and freed of invisible characters (blank is None); a whole number read
    as a float is an int; a date cell at midnight is a date."""
    if isinstance(value, str):
        return v.visible_text(value).strip() or None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value
