"""The Reports screen: the Operations Report tables for twelve months ending with a chosen
one, each as a table and, where people would rather look, a chart (QtCharts): e-mails by
category per month as stacked bars, membership movements as bars. Any of them can be
saved as a workbook with the same charts in Excel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secdesk.display import as_text
from secdesk.gui.kit.live import PARTY_TABLES
from secdesk.gui.kit.operations import BackgroundOp, ReadOp
from secdesk.gui.kit.screen import Screen
from secdesk.months import Month
from secdesk.reports.catalogue import REPORTS, Report, ReportKind, default_since, save_report
from secdesk.reports.helpdesk import HelpdeskReport
from secdesk.reports.membership import MembershipReport
from secdesk.reports.palette import series_colour
from secdesk.reports.tables import EMPHASISED_ROWS, notes_of
from secdesk.store import paths
from secdesk.store.engine import Store

MONTHS_OFFERED = 60
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReportsPage(Screen):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str]] = PARTY_TABLES | {"enquiry", "enquiry_category"}
    # The report is on screen (tests wait on it); and a workbook was saved (its path).
    loaded = Signal()
    saved = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.report: Report | None = None
        self._pending = 0
        title = QLabel("Reports")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("reportKind")
        for kind in REPORTS:
            self.kind_box.addItem(kind.title, kind.key)
        self.month_box = QComboBox(self)
        self.month_box.setObjectName("reportMonth")
        newest = Month.current()
        for month in (newest.plus(-i) for i in range(MONTHS_OFFERED)):
            self.month_box.addItem(month.long_label, month)
        self.since_edit = QDateEdit(self)
        self.since_edit.setDisplayFormat("dd/MM/yyyy")
        self.since_edit.setCalendarPopup(True)
        self.since_label = QLabel("&Since", self)
        self.since_label.setBuddy(self.since_edit)
        self.save_button = QPushButton("&Save as workbook…", self)
        self.save_button.setEnabled(False)
        self.pack_button = QPushButton("Operations Report &pack…", self)
        self.pack_button.setToolTip(
            "The Report's market-entry, membership and helpdesk sections, as a workbook and PDF"
        )
        self.meetings_button = QPushButton("Panel &meetings…", self)
        self.status = QLabel(self)
        # What a table leaves out and why (the membership report's undated events).
        self.notes = QLabel(self)
        self.notes.setObjectName("reportNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.hide()
        bar = QHBoxLayout()
        for text, box in (("&Report", self.kind_box), ("&Twelve months to", self.month_box)):
            label = QLabel(text, self)
            label.setBuddy(box)
            bar.addWidget(label)
            bar.addWidget(box)
        bar.addWidget(self.since_label)
        bar.addWidget(self.since_edit)
        bar.addStretch(1)
        bar.addWidget(self.save_button)

        self.table = QTableWidget(self)
        self.table.setObjectName("reportTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)  # compact rows
        self.table.setAlternatingRowColors(True)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(200)
        self.split = split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.chart_view)
        split.setSizes([300, 360])

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.notes)
        below = QHBoxLayout()
        below.addWidget(self.status, 1)
        below.addWidget(self.meetings_button)
        below.addWidget(self.pack_button)
        layout.addLayout(below)
        self._set_since_default()
        self.kind_box.currentIndexChanged.connect(self.refresh)
        self.month_box.currentIndexChanged.connect(self._month_changed)
        self.since_edit.dateChanged.connect(self.refresh)
        self.save_button.clicked.connect(self.choose_file)
        self.pack_button.clicked.connect(self.open_pack)
        self.meetings_button.clicked.connect(self.open_meetings)

    # ---- choosing -------------------------------------------------------------------------

    def kind(self) -> ReportKind:
        return next(k for k in REPORTS if k.key == self.kind_box.currentData())

    def month(self) -> Month:
        month = self.month_box.currentData()
        assert isinstance(month, Month)
        return month

    def since(self) -> date:
        since = self.since_edit.date().toPython()
        assert isinstance(since, date)
        return since

    def choose(self, key: str, month: Month | None = None) -> None:
        if month is not None:
            index = self.month_box.findData(month)
            if index < 0:
                self.month_box.addItem(month.long_label, month)
                index = self.month_box.count() - 1
            self.month_box.setCurrentIndex(index)
        self.kind_box.setCurrentIndex(self.kind_box.findData(key))
        self.refresh()

    def _set_since_default(self) -> None:
        first = default_since(self.month())
        self.since_edit.blockSignals(True)
        self.since_edit.setDate(QDate(first.year, first.month, first.day))
        self.since_edit.blockSignals(False)

    def _month_changed(self) -> None:
        self._set_since_default()
        self.refresh()

    # ---- showing --------------------------------------------------------------------------

    def when_loaded(self, callback: Callable[[], None]) -> None:
        self.loaded.connect(callback, Qt.ConnectionType.SingleShotConnection)

    def refresh(self) -> None:
        kind, month, since = self.kind(), self.month(), self.since()
        self.since_label.setVisible(kind.uses_since)
        self.since_edit.setVisible(kind.uses_since)
        self._pending += 1
        ticket = self._pending
        self.status.setText("Counting…")

        def show(report: Report) -> None:
            if ticket == self._pending:
                self._show(kind, month, since, report)

        ReadOp(self, self.store, lambda session: kind.make(session, month, since)).success(
            show
        ).run_in_background()

    def _show(self, kind: ReportKind, month: Month, since: date, report: Report) -> None:
        self.report = report
        table = report.table()
        headers, rows = table[0], table[1:]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([str(h) for h in headers])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                counted = isinstance(value, int) and not isinstance(value, bool)
                item = QTableWidgetItem(f"{value:,}" if counted else as_text(value))
                if counted:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row[0] in EMPHASISED_ROWS:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        notes = notes_of(report)
        self.notes.setText(
            "\n".join(line.strip() for line in notes[:6])
            + (f"\n… and {len(notes) - 6} more" if len(notes) > 6 else "")
        )
        self.notes.setVisible(bool(notes))
        self._draw(report)
        self.save_button.setEnabled(True)
        self.status.setText(f"{kind.title} — {kind.subtitle(month, since)}")
        self._table_whole()
        self.loaded.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._table_whole()

    def _table_whole(self) -> None:
        """The table gets the height its rows need (the Total row in view at 768 pixels
        high), the chart what is left."""
        frame = 2 * self.table.frameWidth()
        needed = self.table.horizontalHeader().height() + frame
        needed += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        total = sum(self.split.sizes())
        chart = self.chart_view.minimumHeight() if self.chart_view.isVisible() else 0
        table = min(needed, max(total - chart, 0)) if total else needed
        self.split.setSizes([table, max(total - table, 0)])

    def _draw(self, report: Report) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if isinstance(report, HelpdeskReport):
            series: QBarSeries | QStackedBarSeries = QStackedBarSeries()
            rows = report.rows
            chart.setTitle("E-mails by category per month")
        elif isinstance(report, MembershipReport):
            series = QBarSeries()
            rows = report.movements
            chart.setTitle("Membership movements")
        else:
            self.chart_view.hide()
            return
        self.chart_view.show()
        for number, (name, counts) in enumerate(rows):
            bars = QBarSet(name)
            bars.setColor(QColor(f"#{series_colour(number)}"))  # as the saved workbook's
            bars.append([float(n) for n in counts])
            series.append(bars)
        chart.addSeries(series)
        months = QBarCategoryAxis()
        months.append([m.label for m in report.months])
        if self.chart_view.width() < 900:  # narrow: slanted, so "Dec-25" is not "Dec…"
            months.setLabelsAngle(-45)
        counts_axis = QValueAxis()
        counts_axis.setLabelFormat("%d")
        tallest = max(
            (
                sum(c[i] for _n, c in rows)
                if isinstance(series, QStackedBarSeries)
                else max((c[i] for _n, c in rows), default=0)
            )
            for i in range(len(report.months))
        )
        counts_axis.setRange(0, max(tallest, 1))
        counts_axis.applyNiceNumbers()
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(counts_axis)

    def open_pack(self) -> None:
        from secdesk.gui.screens.report_pack import PackDialog

        self.pack_dialog = PackDialog(self.store, self, self.month())
        self.pack_dialog.open()

    def open_meetings(self) -> None:
        from secdesk.gui.screens.panel_meetings import PanelMeetingsDialog

        PanelMeetingsDialog(self.store, self).open()

    # ---- saving ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        kind, month = self.kind(), self.month()
        suggested = paths.default_publish_folder().parent / f"{kind.title} {month}.xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save report", str(suggested), "Excel workbook (*.xlsx)"
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> None:
        report, kind, month, since = self.report, self.kind(), self.month(), self.since()
        if report is None:
            return

        def done(written: Path) -> None:
            self.status.setText(f"Saved {written}")
            self.saved.emit(str(written))

        BackgroundOp(self, lambda: save_report(path, kind, month, since, report)).success(
            done
        ).run_in_background()
