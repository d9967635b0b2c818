"""A report as an .xlsx workbook: the table on the first sheet, in the Operations Report's
layout, with a native Excel chart beside it where people would rather look than read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from secdesk import __version__, xlsx
from secdesk.reports.helpdesk import HelpdeskReport
from secdesk.reports.membership import MembershipReport
from secdesk.reports.palette import series_colour
from secdesk.reports.tables import EMPHASISED_ROWS, Tabular, notes_of

_TOP_RULE = Border(top=Side(style="thin"))
_WIDEST = 60


def write_report(path: Path, title: str, subtitle: str, report: Tabular) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    table = report.table()
    for row in table:
        xlsx.append_row(sheet, row)
    _style(sheet, table)
    notes = notes_of(report)
    if notes:
        sheet.append([])
        for line in notes:
            xlsx.append_row(sheet, [line])
    if isinstance(report, HelpdeskReport):
        _helpdesk_chart(sheet, report)
    elif isinstance(report, MembershipReport):
        _membership_charts(sheet, report)
    label = f"TLP:{xlsx.REPORT_CLASSIFICATION}"
    xlsx.print_setup(sheet, f"{title} — {subtitle}", label)
    book.properties.title = f"{title} — {subtitle}"
    book.properties.subject = f"{title} ({label})"
    book.properties.creator = f"secdesk {__version__}"
    xlsx.about_sheet(
        book,
        [("Title", title), ("Covers", subtitle), ("Produced by", f"secdesk {__version__}")],
        xlsx.REPORT_CLASSIFICATION,
    )
    book.save(path)


def _style(sheet: Worksheet, table: Sequence[Sequence[Any]]) -> None:
    xlsx.header_style(sheet[1])
    sheet.freeze_panes = "B2"
    first_width = max(xlsx.shown_width(row[0]) for row in table) + 2
    sheet.column_dimensions["A"].width = max(first_width, 12)
    for index in range(2, len(table[0]) + 1):
        width = max(xlsx.shown_width(row[index - 1]) for row in table) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 9), _WIDEST)
    for row in sheet.iter_rows(min_row=2):
        label = row[0].value
        if label in EMPHASISED_ROWS:
            for cell in row:
                cell.font, cell.border = xlsx.BOLD, _TOP_RULE
        for cell in row:
            if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                cell.number_format = xlsx.COUNT_FORMAT  # 1,204, as the window shows it
            if isinstance(cell.value, str) and ("\n" in cell.value or len(cell.value) > _WIDEST):
                cell.alignment = xlsx.WRAPPED  # a multi-line address reads as it is written


def _axes(chart: BarChart | LineChart, y_title: str) -> None:
    # openpyxl hides axes unless told otherwise; counts start at zero.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.title = y_title
    chart.y_axis.scaling.min = 0
    chart.legend.position = "b"


def _colour(chart: BarChart | LineChart) -> None:
    """Each series in the palette's colour, as the window's chart draws it."""
    for number, series in enumerate(chart.series):
        colour = series_colour(number)
        series.graphicalProperties.line.solidFill = colour
        if isinstance(chart, BarChart):
            series.graphicalProperties.solidFill = colour


def _helpdesk_chart(sheet: Worksheet, report: HelpdeskReport) -> None:
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "E-mails by category per month"
    _axes(chart, "E-mails")
    chart.height, chart.width = 13, 26
    last_category_row = 1 + len(report.rows)
    months = len(report.months)
    data = Reference(sheet, min_col=1, max_col=1 + months, min_row=2, max_row=last_category_row)
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, max_col=1 + months, min_row=1, max_row=1))
    _colour(chart)
    sheet.add_chart(chart, f"A{last_category_row + 5}")


def _membership_charts(sheet: Worksheet, report: MembershipReport) -> None:
    months = len(report.months)
    categories = Reference(sheet, min_col=2, max_col=1 + months, min_row=1, max_row=1)
    movements = BarChart()
    movements.type, movements.grouping = "col", "clustered"
    movements.title = "Membership movements"
    movements.height, movements.width = 10, 26
    _axes(movements, "Parties")
    movements.add_data(
        Reference(
            sheet, min_col=1, max_col=1 + months, min_row=2, max_row=1 + len(report.movements)
        ),
        from_rows=True,
        titles_from_data=True,
    )
    movements.set_categories(categories)
    _colour(movements)
    below = len(report.table()) + len(notes_of(report)) + 4
    sheet.add_chart(movements, f"A{below}")
    members = LineChart()
    members.title = "Parties and Voting Groups at month end"
    members.height, members.width = 10, 26
    _axes(members, "Count")
    first = 2 + len(report.movements)
    members.add_data(
        Reference(sheet, min_col=1, max_col=1 + months, min_row=first, max_row=first + 1),
        from_rows=True,
        titles_from_data=True,
    )
    members.set_categories(categories)
    _colour(members)
    sheet.add_chart(members, f"A{below + 20}")
