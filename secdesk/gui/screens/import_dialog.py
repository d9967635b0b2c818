"""Import workbooks from the GUI: a dry run first (off the GUI thread) that shows what would
be created, changed, unchanged and rejected, and every row error with its sheet, row and
column; then the user imports, all or nothing, or cancels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secdesk.gui.kit.forms import child, load_form
from secdesk.gui.kit.operations import BackgroundOp, show_error
from secdesk.gui.kit.table_model import RecordTableModel, TableColumn
from secdesk.sheets.apply import Outcome
from secdesk.sheets.errors_copy import write_error_copies
from secdesk.sheets.importer import REJECTED, ImportReport, import_files
from secdesk.sheets.row_error import RowError
from secdesk.store.engine import Store

Counts = tuple[str, int, int, int, int]

COUNT_COLUMNS: tuple[TableColumn[Counts], ...] = (
    TableColumn("Spreadsheet", None, lambda c: c[0]),
    TableColumn("Created", None, lambda c: str(c[1])),
    TableColumn("Changed", None, lambda c: str(c[2])),
    TableColumn("Unchanged", None, lambda c: str(c[3])),
    TableColumn("Rejected", None, lambda c: str(c[4])),
)
ERROR_COLUMNS: tuple[TableColumn[RowError], ...] = (
    TableColumn("File", None, lambda e: e.file),
    TableColumn("Sheet", None, lambda e: e.sheet),
    TableColumn("Row", None, lambda e: str(e.row) if e.row else ""),
    TableColumn("Column", None, lambda e: e.column or ""),
    TableColumn("Value", None, lambda e: "" if e.value is None else str(e.value)),
    TableColumn("Problem", None, lambda e: e.message),
)


class ImportDialog(QDialog):
    imported = Signal()

    def __init__(self, store: Store, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.paths = store, paths
        self.report: ImportReport | None = None
        self.setWindowTitle("Import spreadsheets")
        self.resize(900, 560)
        form = load_form("import_dialog.ui", self)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        self.summary = child(form, QLabel, "summaryLabel")
        self.counts: RecordTableModel[Counts] = RecordTableModel(COUNT_COLUMNS, parent=self)
        self.errors: RecordTableModel[RowError] = RecordTableModel(ERROR_COLUMNS, parent=self)
        child(form, QTableView, "countsTable").setModel(self.counts)
        self.error_table = child(form, QTableView, "errorsTable")
        self.error_table.setModel(self.errors)
        self.import_button = child(form, QPushButton, "importButton")
        self.save_errors_button = child(form, QPushButton, "saveErrorsButton")
        self.import_button.setEnabled(False)
        self.save_errors_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        self.save_errors_button.clicked.connect(self.save_errors)
        child(form, QPushButton, "cancelButton").clicked.connect(self.reject)
        self._run(dry_run=True)

    def _run(self, *, dry_run: bool) -> None:
        store, paths = self.store, self.paths
        self.import_button.setEnabled(False)
        self.summary.setText("Checking the files…" if dry_run else "Importing…")
        BackgroundOp(self, lambda: import_files(store, paths, dry_run=dry_run)).success(
            self._checked if dry_run else self._committed
        ).failure(self._failed).run_in_background()

    def _show(self, report: ImportReport) -> None:
        self.report = report
        self.counts.set_rows(
            [
                (
                    title,
                    c[Outcome.CREATED.value],
                    c[Outcome.CHANGED.value],
                    c[Outcome.UNCHANGED.value],
                    c[REJECTED],
                )
                for title, c in report.counts.items()
            ]
        )
        self.errors.set_rows(report.errors)
        self.error_table.resizeColumnsToContents()

    def _checked(self, report: ImportReport) -> None:
        self._show(report)
        if report.errors:
            self.summary.setText(
                f"{len(report.errors)} row(s) need correcting before anything can be imported. "
                "Save the errors as workbooks to see them beside the rows."
            )
        else:
            notes = "\n".join(report.notices)
            self.summary.setText(
                "No errors. Import to apply these changes in one go."
                + (f"\n{notes}" if notes else "")
            )
        self.import_button.setEnabled(not report.errors and bool(report.counts))
        self.save_errors_button.setEnabled(bool(report.errors))

    def commit(self) -> None:
        self._run(dry_run=False)

    def _committed(self, report: ImportReport) -> None:
        self._show(report)
        if report.committed:
            self.imported.emit()
            self.accept()
        else:  # the store changed since the dry run and now a row is refused
            self._checked(report)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText("The import could not run; nothing was imported.")
        show_error(self, exc)

    def save_errors(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Save the errors in", str(self.paths[0].parent)
        )
        if folder and self.report is not None:
            self.write_errors(Path(folder))

    def write_errors(self, folder: Path) -> list[Path]:
        assert self.report is not None
        written = write_error_copies(self.report.errors, self.report.workbooks, folder)
        self.summary.setText("Saved: " + ", ".join(p.name for p in written) + f" in {folder}")
        return written
