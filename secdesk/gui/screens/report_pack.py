"""Reports → Operations Report pack…: the Report's market-entry, membership and helpdesk
sections for a month, shown as the pages they will be before they are saved (a workbook,
and the PDF beside it)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from secdesk.gui.kit.operations import BackgroundOp, ReadOp, show_error
from secdesk.months import Month
from secdesk.reports.catalogue import save_pack
from secdesk.reports.pack import Pack, operations_pack
from secdesk.store import paths
from secdesk.store.engine import Store

MONTHS_OFFERED = 120  # ten years back: a pack can be made again for any month
PAGE_WIDTH = 620  # pixels a page is shown at


class PackDialog(QDialog):
    shown = Signal(int)  # pages previewed
    saved = Signal(str)

    def __init__(
        self, store: Store, parent: QWidget | None = None, month: Month | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.pack: Pack | None = None
        self._pending = 0
        self._folder = tempfile.TemporaryDirectory(prefix="secdesk-pack-")
        self.setWindowTitle("Operations Report pack")
        self.resize(720, 760)
        self.month_box = QComboBox(self)
        newest = Month.current()
        for offered in (newest.plus(-i) for i in range(MONTHS_OFFERED)):
            self.month_box.addItem(offered.long_label, offered)
        if month is not None:
            self.choose_month(month)
        self.since_own = QCheckBox("&Since another date:", self)
        self.since_own.setToolTip(
            "UEP and testing are reported since the day after the last SEC Panel meeting "
            "(Panel meetings…), unless you give another date"
        )
        self.since_edit = QDateEdit(self)
        self.since_edit.setDisplayFormat("dd/MM/yyyy")
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setEnabled(False)
        first = self.month().first_day
        self.since_edit.setDate(QDate(first.year, first.month, first.day))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.pages = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setObjectName("packPages")
        self.save_button = QPushButton("&Save workbook and PDF…", self)
        self.save_button.setEnabled(False)
        close = QPushButton("Close", self)
        month_label = QLabel("&Month", self)
        month_label.setBuddy(self.month_box)
        bar = QHBoxLayout()
        for widget in (month_label, self.month_box, self.since_own, self.since_edit):
            bar.addWidget(widget)
        bar.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.month_box.currentIndexChanged.connect(self.refresh)
        self.since_own.toggled.connect(self.since_edit.setEnabled)
        self.since_own.toggled.connect(self.refresh)
        self.since_edit.dateChanged.connect(self.refresh)
        self.save_button.clicked.connect(self.choose_file)
        close.clicked.connect(self.reject)
        self.finished.connect(lambda _r: self._folder.cleanup())
        self.refresh()

    def choose_month(self, month: Month) -> None:
        """Show the pack of ``month`` (one of the months offered)."""
        for index in range(self.month_box.count()):
            if self.month_box.itemData(index) == month:
                self.month_box.setCurrentIndex(index)
                return

    def month(self) -> Month:
        chosen = self.month_box.currentData()
        assert isinstance(chosen, Month)
        return chosen

    def since(self) -> date | None:
        if not self.since_own.isChecked():
            return None
        picked: QDate = self.since_edit.date()
        return date(picked.year(), picked.month(), picked.day())

    def refresh(self) -> None:
        """Build the pack (off the window's thread), write its PDF, show its pages."""
        month, since = self.month(), self.since()
        self._pending += 1
        ticket = self._pending
        self.save_button.setEnabled(False)
        self.status.setText(f"Making the pack for {month.long_label}…")
        preview = Path(self._folder.name) / f"preview-{ticket}.pdf"

        def made(pack: Pack) -> None:
            if ticket != self._pending:
                return
            from secdesk.reports.pack_pdf import write_pack_pdf

            BackgroundOp(self, lambda: write_pack_pdf(preview, pack)).success(
                lambda _none: self._show(ticket, pack, preview)
            ).failure(lambda exc: self._failed(ticket, exc)).run_in_background()

        ReadOp(self, self.store, lambda session: operations_pack(session, month, since)).success(
            made
        ).failure(lambda exc: self._failed(ticket, exc)).run_in_background()

    def _failed(self, ticket: int, exc: BaseException) -> None:
        """Why there is no pack (no Panel meeting recorded, say), in the status line."""
        if ticket != self._pending:
            return
        self.pack = None
        self.status.setText(str(exc))
        self._clear()
        self.shown.emit(0)

    def _clear(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            page = item.widget() if item is not None else None
            if page is not None:
                page.deleteLater()

    def _show(self, ticket: int, pack: Pack, pdf: Path) -> None:
        if ticket != self._pending:
            return
        from PySide6.QtPdf import QPdfDocument

        document = QPdfDocument(self)
        document.load(str(pdf))
        self._clear()
        for number in range(document.pageCount()):
            size = document.pagePointSize(number)
            scale = PAGE_WIDTH / size.width()
            image = document.render(number, QSize(PAGE_WIDTH, int(size.height() * scale)))
            page = QLabel(self.pages)
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("border: 1px solid #9AA5AD; background: white;")
            page.setAccessibleName(f"Page {number + 1}")
            self.pages_layout.addWidget(page)
        count = document.pageCount()
        document.close()
        self.pack = pack
        self.save_button.setEnabled(True)
        self.status.setText(f"{pack.subtitle}: {count} pages")
        self.shown.emit(count)

    def choose_file(self) -> None:
        if self.pack is None:
            return
        suggested = paths.default_publish_folder().parent / (
            f"Operations Report {self.pack.month.long_label}.xlsx"
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the pack", str(suggested), "Excel workbook (*.xlsx)"
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> None:
        pack = self.pack
        if pack is None:
            return

        def done(written: tuple[Path, Path]) -> None:
            self.status.setText(f"Saved {written[0]} and {written[1].name}")
            self.saved.emit(str(written[0]))

        BackgroundOp(self, lambda: save_pack(path, pack)).success(done).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()
