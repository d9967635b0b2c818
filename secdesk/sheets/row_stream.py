"""The data rows of a published sheet, streamed straight into the workbook openpyxl built.

openpyxl makes the workbook: its parts, styles, document properties, page set-up, frozen
header, autofilter and About sheet. Its write-only mode then spends about 10 µs on each
data cell (a Cell object, a coordinate, an XML element); a published register has hundreds
of thousands of cells. So the workbook is built with the header row and one placeholder
row holding a date cell styled DD/MM/YYYY; the placeholder is then replaced, as the package
is copied, by the rows written here in the same SpreadsheetML that openpyxl writes: inline
strings, numbers, and dates as serial numbers in that date style. The result is read back
(sheets.read_back) before anything is published, and the tests read it with openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from secdesk.errors import ValidationError

# The writer puts the data sheet first.
DATA_SHEET_XML = "xl/worksheets/sheet1.xml"
# Where the placeholder row is, and how its date cell's style reads.
PLACEHOLDER_ROW = 2
_PLACEHOLDER = re.compile(rf'<row r="{PLACEHOLDER_ROW}"[^>]*>.*?</row>', re.DOTALL)
_STYLE = re.compile(r' s="(\d+)"')
# Rows written to the compressor at a time: memory stays flat for any register.
_BATCH = 500


def replace_placeholder(
    package: BytesIO,
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    dates: set[int],
) -> None:
    """Copy the package openpyxl wrote to ``path``, its data sheet's placeholder row
    replaced by ``rows`` (cell values in the order of ``headers``; the columns in ``dates``
    hold dates)."""
    try:
        with (
            zipfile.ZipFile(package) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                if info.filename == DATA_SHEET_XML:
                    _write_data_sheet(
                        source.read(info).decode("utf-8"), target, headers, rows, dates
                    )
                else:
                    target.writestr(info, source.read(info))
    except BaseException:
        path.unlink(missing_ok=True)  # never a half-written workbook left behind
        raise


def _write_data_sheet(
    xml: str,
    target: zipfile.ZipFile,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    dates: set[int],
) -> None:
    placeholder = _PLACEHOLDER.search(xml)
    style = _STYLE.search(placeholder.group(0)) if placeholder else None
    if placeholder is None or style is None:
        raise RuntimeError("the data sheet openpyxl wrote has no placeholder row")
    with target.open(DATA_SHEET_XML, "w", force_zip64=True) as out:
        out.write(xml[: placeholder.start()].encode("utf-8"))
        for chunk in _row_xml(headers, rows, dates, style.group(1)):
            out.write(chunk.encode("utf-8"))
        out.write(xml[placeholder.end() :].encode("utf-8"))


def _row_xml(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], dates: set[int], date_style: str
) -> Iterator[str]:
    letters = [get_column_letter(i + 1) for i in range(len(headers))]
    parts: list[str] = []
    number = PLACEHOLDER_ROW
    for values in rows:
        parts.append(f'<row r="{number}">')
        for index, value in enumerate(values):
            if value is None or value == "":
                continue  # an empty cell, as openpyxl writes it
            ref = f"{letters[index]}{number}"
            if isinstance(value, str):
                parts.append(_text_cell(ref, value, headers[index]))
            elif isinstance(value, date):  # datetime too
                style = f' s="{date_style}"' if index in dates else ""
                parts.append(f'<c r="{ref}"{style} t="n"><v>{_serial(value)}</v></c>')
            elif isinstance(value, bool):
                parts.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                parts.append(f'<c r="{ref}" t="n"><v>{value!r}</v></c>')
            else:
                parts.append(_text_cell(ref, str(value), headers[index]))
        parts.append("</row>")
        number += 1
        if number % _BATCH == 0:
            yield "".join(parts)
            parts.clear()
    yield "".join(parts)


def _text_cell(ref: str, text: str, header: str) -> str:
    """Text as an inline string: never a formula, even when it starts with "=". Control
    characters XML cannot hold are refused, naming the column and the cell."""
    if ILLEGAL_CHARACTERS_RE.search(text):
        raise ValidationError(
            header, f"{text!r} (cell {ref}) holds a control character a workbook cannot hold"
        )
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in escaped:  # as a reference, or a reader would turn it into a line feed
        escaped = escaped.replace("\r", "&#13;")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


def _serial(value: date | datetime) -> str:
    serial = to_excel(value)
    return str(int(serial)) if float(serial).is_integer() else repr(float(serial))
