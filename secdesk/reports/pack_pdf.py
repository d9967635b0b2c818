"""The Operations Report pack as A4 pages (reportlab): each section on its own page, its
heading, sentences, tables, numbered footnotes and figure as they would sit in the Panel
paper, with the classification and the page number on every page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from secdesk import __version__, xlsx
from secdesk.reports.pack import PAPER, Figure, Pack, PackTable, Section
from secdesk.reports.palette import series_colour

MARGIN_MM = 18


def write_pack_pdf(path: Path, pack: Pack) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    label = f"TLP:{xlsx.REPORT_CLASSIFICATION}"
    styles = _styles()
    story: list[Any] = []
    for number, section in enumerate(pack.sections):
        if number:
            story.append(PageBreak())
        story += _section(section, styles, A4[0] - 2 * MARGIN_MM * mm)
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=MARGIN_MM * mm + 4 * mm,
        bottomMargin=MARGIN_MM * mm,
        title=f"{PAPER} — {pack.month.long_label}",
        author=f"secdesk {__version__}",
        subject=label,
        keywords=label,
    )

    def furniture(canvas: Any, doc: Any) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawString(MARGIN_MM * mm, height - 12 * mm, label)
        canvas.drawString(MARGIN_MM * mm, 10 * mm, label)
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(width / 2, height - 12 * mm, f"{PAPER} — {pack.month.long_label}")
        canvas.drawRightString(width - MARGIN_MM * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=furniture, onLaterPages=furniture)


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    sample = getSampleStyleSheet()
    return {
        "heading": ParagraphStyle("heading", parent=sample["Heading1"], fontSize=15, spaceAfter=8),
        "body": ParagraphStyle(
            "body", parent=sample["BodyText"], fontSize=10, leading=14, spaceAfter=6
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=sample["BodyText"],
            fontName="Helvetica-BoldOblique",
            fontSize=9.5,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "cell": ParagraphStyle("cell", parent=sample["BodyText"], fontSize=8, leading=10),
        "note": ParagraphStyle(
            "note", parent=sample["BodyText"], fontSize=8, leading=10, spaceAfter=2
        ),
    }


def _text(value: object) -> str:
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _section(section: Section, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    story: list[Any] = [Paragraph(_escaped(section.heading), styles["heading"])]
    story += [Paragraph(_escaped(line), styles["body"]) for line in section.sentences]
    for table in section.tables:
        if table.figure_data:
            continue
        story.append(
            KeepTogether(
                [
                    Paragraph(_escaped(table.caption), styles["caption"]),
                    _table(table, styles, width),
                ]
            )
        )
    if section.footnotes:
        story.append(Spacer(1, 6))
        story += [Paragraph(_escaped(line), styles["note"]) for line in section.footnotes]
    if section.figure is not None and any(any(v) for _n, v in section.figure.series):
        story.append(Spacer(1, 8))
        story.append(
            KeepTogether(
                [
                    Paragraph(_escaped(section.figure.caption), styles["caption"]),
                    _figure(section.figure, width),
                ]
            )
        )
    return story


def _table(table: PackTable, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table, TableStyle

    columns = len(table.headers)
    wide = columns > 6  # twelve months: small figures
    size = 7.5 if wide else 8.5
    # The first column as wide as its longest entry (within reason), the rest shared.
    firsts = [table.headers[0], *(row[0] for row in table.rows)]
    longest = max(stringWidth(_text(cell), "Helvetica", size) for cell in firsts)
    first = min(max(longest + 12, width * 0.18), width * (0.34 if wide else 0.5))
    rest = (width - first) / max(columns - 1, 1)
    body: list[list[Any]] = [
        [
            Paragraph(f'<font color="white"><b>{_escaped(h)}</b></font>', styles["cell"])
            for h in table.headers
        ]
    ]
    for row in table.rows:
        # Words wrap within their cell; numbers and dates stand as they are.
        body.append(
            [
                Paragraph(_escaped(_text(v)), styles["cell"]) if isinstance(v, str) else _text(v)
                for v in row
            ]
        )
    house = colors.HexColor(f"#{xlsx.HOUSE_COLOUR}")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), house),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9AA5AD")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        (
            "ALIGN",
            (1, 1),
            (-1, -1),
            "RIGHT" if any(isinstance(v, int) for r in table.rows for v in r[1:]) else "LEFT",
        ),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F5F7")]),
    ]
    for number, row in enumerate(table.rows, 1):
        if row and row[0] in table.emphasised:
            style.append(("FONTNAME", (0, number), (-1, number), "Helvetica-Bold"))
            style.append(("LINEABOVE", (0, number), (-1, number), 0.8, colors.black))
    shown = Table(body, colWidths=[first, *([rest] * (columns - 1))], repeatRows=1)
    shown.setStyle(TableStyle(style))
    return shown


def _figure(figure: Figure, width: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    def colour(number: int) -> Any:
        return colors.HexColor(f"#{series_colour(number)}")

    legend = Legend()
    legend.fontSize = 7
    legend.boxAnchor = "nw"
    legend.alignment = "right"  # the swatch before its name
    legend.columnMaximum = 6
    if figure.kind == "pie":
        drawing = Drawing(width, 180)
        pie = Pie()
        pie.x, pie.y, pie.width, pie.height = 60, 20, 130, 130
        values = figure.series[0][1]
        pie.data = values
        pie.labels = [f"{v:,}" for v in values]
        pie.sideLabels = True
        pie.slices.fontSize = 8
        for number in range(len(values)):
            pie.slices[number].fillColor = colour(number)
        drawing.add(pie)
        legend.x, legend.y = 290, 150
        legend.colorNamePairs = [
            (colour(n), f"{name} ({values[n]:,})") for n, name in enumerate(figure.categories)
        ]
        drawing.add(legend)
        return drawing
    drawing = Drawing(width, 300)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 35, 110, width - 50, 175
    chart.data = [values for _name, values in figure.series]
    chart.categoryAxis.categoryNames = figure.categories
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.categoryAxis.style = "stacked"
    for number in range(len(figure.series)):
        chart.bars[number].fillColor = colour(number)
        chart.bars[number].strokeColor = None
    drawing.add(chart)
    legend.x, legend.y = 35, 95
    legend.columnMaximum = 4
    legend.deltax = 130
    legend.colorNamePairs = [(colour(n), name) for n, (name, _v) in enumerate(figure.series)]
    drawing.add(legend)
    return drawing
