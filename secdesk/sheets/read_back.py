"""Reading a written workbook back before it is published.

Every part of the file is read through once, which checks its CRC; the data sheet must
hold the layout's headers and exactly as many rows as were written, and the About sheet
must state the classification. The check streams the sheets' XML itself rather than
opening the workbook with openpyxl: a sheet written in write-only mode has no dimension
element, so openpyxl parses all of it just to learn its size, which took as long as
writing it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, iterparse

from secdesk.domain import Classification
from secdesk.errors import StoreError
from secdesk.sheets.row_stream import DATA_SHEET_XML
from secdesk.sheets.sheet_layout import Layout
from secdesk.sheets.workbook import tlp_label

# The writer puts the About sheet second, after the data sheet.
ABOUT_SHEET_XML = "xl/worksheets/sheet2.xml"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _TEXT = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}t"


def verify(path: Path, layout: Layout, rows: int, classification: Classification) -> None:
    """Raise StoreError, naming the file and what is wrong, unless it reads back as
    written."""
    try:
        with zipfile.ZipFile(path) as archive:
            # Every part read to its end once, which checks its CRC; the data sheet's rows
            # are counted on the way (minus one for the header row).
            for member in archive.namelist():
                if member != DATA_SHEET_XML:
                    for _block in _blocks(archive, member):
                        pass
            count = count_rows(archive, DATA_SHEET_XML) - 1
            headers = next(sheet_rows(archive, DATA_SHEET_XML), [])
            about = {row[0]: row[1] for row in sheet_rows(archive, ABOUT_SHEET_XML) if len(row) > 1}
    except (zipfile.BadZipFile, KeyError, ParseError, OSError, EOFError) as exc:
        raise StoreError(
            f"{path.name} could not be read back ({exc}); nothing was published"
        ) from None
    problems = [
        what
        for what, bad in (
            ("other headers", headers != layout.headers),
            (f"{count} rows instead of {rows}", count != rows),
            ("another classification", about.get("Classification") != tlp_label(classification)),
        )
        if bad
    ]
    if problems:
        raise StoreError(f"{path.name} read back with {', '.join(problems)}; nothing was published")


def sheet_rows(archive: zipfile.ZipFile, member: str) -> Iterator[list[str | None]]:
    """Each row of a sheet as the text of its cells (inline strings and values alike),
    read as the XML streams in, so taking the first row reads no further."""
    with archive.open(member) as stream:
        for _event, element in iterparse(stream):
            if element.tag == _ROW:
                yield [_cell_text(cell) for cell in element.iter(_CELL)]
                element.clear()


def _cell_text(cell: Element) -> str | None:
    """An inline string's text, or a value's; None for an empty cell."""
    for part in cell.iter():
        if part.tag in (_TEXT, _VALUE):
            return part.text or ""
    return None


def count_rows(archive: zipfile.ZipFile, member: str) -> int:
    """Row elements in a sheet's XML, streamed. The last few bytes of each block are carried
    into the next, so a tag cut in two by a block boundary is counted there, once."""
    count, tail = 0, b""
    for block in _blocks(archive, member):
        chunk = tail + block
        count += chunk.count(b"<row ")
        tail = chunk[-4:]  # shorter than the 5-byte tag: never counted twice
    return count


def _blocks(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """A part in 1 MiB blocks. Reading it to the end checks its CRC: a damaged part raises
    BadZipFile."""
    with archive.open(member) as stream:
        yield from iter(lambda: stream.read(1 << 20), b"")
