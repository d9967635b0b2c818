"""The Operations Report pack as a workbook: a sheet a section, titled and numbered as the
Report numbers them — the sentences, each table under its caption, the numbered
footnotes, and the figure as a native Excel chart — classified WHITE on every page and in
an About sheet, as the published spreadsheets are."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from secdesk import __version__, xlsx
from secdesk.reports.pack import PAPER, Figure, Pack, PackTable, Section
from secdesk.reports.palette import series_colour

HEADING = Font(bold=True, size=14)
CAPTION = Font(bold=True, italic=True)
FIRST_COLUMN = 44
OTHER_COLUMNS = 13


def write_pack(path: Path, pack: Pack) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    label = f"TLP:{xlsx.REPORT_CLASSIFICATION}"
    for section in pack.sections:
        sheet = book.create_sheet(section.heading[:31])
        _write_section(sheet, section)
        xlsx.print_setup(sheet, f"{PAPER} — {pack.month.long_label} — {section.heading}", label)
        sheet.page_setup.orientation = "portrait"
    book.properties.title = f"{PAPER} — {pack.month.long_label}"
    book.properties.subject = f"{PAPER} ({label})"
    book.properties.creator = f"secdesk {__version__}"
    xlsx.about_sheet(
        book,
        [
            ("Title", f"{PAPER}: market entry, membership and helpdesk"),
            ("Month", pack.month.long_label),
            ("Since", f"{pack.since:%d/%m/%Y} (the day after the last SEC Panel meeting)"),
            ("Produced by", f"secdesk {__version__}"),
        ],
        xlsx.REPORT_CLASSIFICATION,
    )
    book.save(path)


def _write_section(sheet: Worksheet, section: Section) -> None:
    sheet.column_dimensions["A"].width = FIRST_COLUMN
    widest = max((len(t.headers) for t in section.tables), default=1)
    for index in range(2, max(widest, 2) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = OTHER_COLUMNS
    xlsx.append_row(sheet, [section.heading])
    sheet.cell(1, 1).font = HEADING
    sheet.append([])
    for line in section.sentences:
        xlsx.append_row(sheet, [line])
    places: dict[str, tuple[int, int]] = {}  # caption → (header row, last row)
    for table in section.tables:
        sheet.append([])
        places[table.caption] = _write_table(sheet, table)
    if section.footnotes:
        sheet.append([])
        for line in section.footnotes:
            xlsx.append_row(sheet, [line])
    if section.figure is not None:
        _chart(sheet, section, section.figure, places)


def _write_table(sheet: Worksheet, table: PackTable) -> tuple[int, int]:
    xlsx.append_row(sheet, [table.caption])
    sheet.cell(sheet.max_row, 1).font = CAPTION
    xlsx.append_row(sheet, table.headers)
    header_row = sheet.max_row
    xlsx.header_style(sheet[header_row])
    for row in table.rows:
        xlsx.append_row(sheet, row)
        cells = sheet[sheet.max_row]
        for cell in cells:
            if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                cell.number_format = xlsx.COUNT_FORMAT
        if row and row[0] in table.emphasised:
            for cell in cells:
                cell.font = xlsx.BOLD
    return header_row, sheet.max_row


def _chart(
    sheet: Worksheet, section: Section, figure: Figure, places: dict[str, tuple[int, int]]
) -> None:
    """The figure drawn from the cells of the table it shows (the first table whose
    headers or rows it names), so the chart and the table cannot disagree."""
    table = next((t for t in section.tables if t.figure_data), section.tables[0])
    header_row, last_row = places[table.caption]
    if figure.kind == "pie":
        chart = PieChart()
        data = Reference(sheet, min_col=2, min_row=header_row, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row))
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showVal = True
        chart.height, chart.width = 10, 16
    else:
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
        months = len(table.headers) - 1
        categories_end = last_row - 1  # the Total row is not a series
        chart.add_data(
            Reference(
                sheet, min_col=1, max_col=1 + months, min_row=header_row + 1, max_row=categories_end
            ),
            from_rows=True,
            titles_from_data=True,
        )
        chart.set_categories(
            Reference(sheet, min_col=2, max_col=1 + months, min_row=header_row, max_row=header_row)
        )
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.y_axis.title = "E-mails"
        chart.legend.position = "b"
        chart.height, chart.width = 12, 24
        for number, series in enumerate(chart.series):
            series.graphicalProperties.solidFill = series_colour(number)
            series.graphicalProperties.line.solidFill = series_colour(number)
    chart.title = figure.caption
    sheet.add_chart(chart, f"A{sheet.max_row + 3}")
