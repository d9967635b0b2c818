"""The data rows streamed into the workbook openpyxl builds (sheets.row_stream): what
openpyxl reads back is what was written, cell for cell, and a bad value leaves no file."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from secdesk.domain import Classification
from secdesk.errors import ValidationError
from secdesk.sheets.published_sheets import LAYOUTS
from secdesk.sheets.workbook import Edition, write_workbook

EDITION = Edition(Classification.GREEN, datetime(2026, 11, 1, 9, 30, tzinfo=UTC), "test")
# The Party Details list: text, lists and a date column (its last).
LAYOUT = next(layout for layout in LAYOUTS if layout.key == "party_details")
WIDTH = len(LAYOUT.columns)
DATE_COLUMN = WIDTH - 1

AWKWARD_TEXT = [
    "O'Brien & Daughters <Energy> Ltd",
    "  leading and trailing spaces  ",
    "=SUM(A1:A2)",
    "1 High Street\nLeeds\nLS1 1AA",
    "Windows line\r\nends",
    "Énergie Čistá \u2013 ☀ 株式会社",
    "",
]


def _row(first: object, last: object = None) -> list[object]:
    return [first] + [None] * (WIDTH - 2) + [last]


def _read(path):
    book = load_workbook(path)
    try:
        sheet = book.worksheets[0]
        return sheet, [[c for c in row] for row in sheet.iter_rows(min_row=2)]
    finally:
        book.close()


def test_cells_read_back_exactly_as_written(tmp_path):
    rows = [_row(text) for text in AWKWARD_TEXT]
    rows += [_row(42), _row(2.5), _row(True), _row("Dated", date(2026, 2, 28))]
    rows.append(_row("Dated and timed", datetime(2026, 3, 1, 12, 0)))
    path = tmp_path / LAYOUT.file_name
    write_workbook(path, LAYOUT, rows, EDITION)

    sheet, cells = _read(path)
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == LAYOUT.headers
    values = [row[0].value for row in cells]
    # An empty string is an empty cell; "=" text stays text, never a formula.
    assert values == [*AWKWARD_TEXT[:-1], None, 42, 2.5, True, "Dated", "Dated and timed"]
    assert cells[2][0].data_type == "s"
    dated = cells[10][DATE_COLUMN]
    assert dated.value == datetime(2026, 2, 28)
    assert dated.number_format == "DD/MM/YYYY"
    assert cells[11][DATE_COLUMN].value == datetime(2026, 3, 1, 12, 0)
    # The workbook around the rows is openpyxl's: frozen header, autofilter over the rows.
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.endswith(str(len(rows) + 1))


def test_many_rows_stream_through_in_order(tmp_path):
    rows = [_row(f"Party {n:05d}", date(2020, 1, 1)) for n in range(2_345)]
    path = tmp_path / LAYOUT.file_name
    write_workbook(path, LAYOUT, rows, EDITION)
    book = load_workbook(path, read_only=True)
    try:
        read = [r for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    finally:
        book.close()
    assert [r[0] for r in read] == [f"Party {n:05d}" for n in range(2_345)]
    assert {r[DATE_COLUMN] for r in read} == {datetime(2020, 1, 1)}


def test_a_control_character_is_refused_by_column_and_leaves_no_file(tmp_path):
    path = tmp_path / LAYOUT.file_name
    rows = [_row("Fine Ltd"), _row("Bell\x07 Ltd")]
    with pytest.raises(ValidationError) as refused:
        write_workbook(path, LAYOUT, rows, EDITION)
    assert refused.value.field == LAYOUT.headers[0]
    assert "A3" in refused.value.message
    assert not path.exists()
