"""Import workbooks from the GUI: a dry run first (off the GUI thread) that shows what would
be created, changed, unchanged and rejected, and every row error with its sheet, row and
column; then the user imports, all or nothing, or cancels. While either runs it says where
it has got to, and Cancel stops it (nothing is saved) until the moment it saves; it ends
by saying what was created and changed."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secdesk.errors import Cancelled
from secdesk.gui.kit.forms import child, load_form
from secdesk.gui.kit.operations import BackgroundOp, say, show_error
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
    progressed = Signal(str)  # from the import's thread: where it has got to

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
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # a moving bar: the steps' lengths are not known ahead
        self.busy.setTextVisible(False)
        layout.insertWidget(0, self.busy)
        self.progressed.connect(self._progressed)
        self._cancel = threading.Event()
        self._saving = False
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
        self.cancel_button = child(form, QPushButton, "cancelButton")
        self.cancel_button.clicked.connect(self.reject)
        self._run(dry_run=True)

    def _run(self, *, dry_run: bool) -> None:
        store, paths = self.store, self.paths
        self.import_button.setEnabled(False)
        self.save_errors_button.setEnabled(False)
        self.summary.setText("Checking the files…" if dry_run else "Importing…")
        self.busy.show()
        self._cancel.clear()

        def progress(step: str) -> None:  # the import's thread
            if self._cancel.is_set():
                raise Cancelled
            self.progressed.emit(step)

        def work() -> ImportReport:
            return import_files(store, paths, dry_run=dry_run, progress=progress)

        BackgroundOp(self, work).success(self._checked if dry_run else self._committed).failure(
            self._failed
        ).run_in_background()

    def _progressed(self, step: str) -> None:
        self.summary.setText(step)
        self._saving = step.startswith("Saving")
        self.cancel_button.setEnabled(not self._saving)  # saving is all or nothing: no way back
        self.cancel_button.setToolTip("Saving cannot be stopped part-way" if self._saving else "")

    def reject(self) -> None:
        """Cancel: a running import stops at its next step and saves nothing; one that is
        saving finishes (Cancel is disabled then); with nothing running, the dialog closes."""
        if self.busy.isVisible():
            if not self._saving:
                self._cancel.set()
                self.summary.setText("Cancelling… nothing will be imported.")
                self.cancel_button.setEnabled(False)
            return
        super().reject()

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
        self.busy.hide()
        self.cancel_button.setEnabled(True)
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
        if not report.committed:  # the store changed since the dry run: a row is refused
            self._checked(report)
            return
        self.busy.hide()
        self._show(report)
        done = imported_in_words(report)
        self.summary.setText(f"Imported: {done}.")
        say(self.parentWidget() or self, f"Imported: {done}.")
        self.import_button.hide()
        self.cancel_button.setText("&Close")
        self.cancel_button.setEnabled(True)
        self.cancel_button.setDefault(True)
        self.imported.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy.hide()
        self.cancel_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self.summary.setText("Cancelled: nothing was imported.")
            self.import_button.setEnabled(self.report is not None and not self.report.errors)
            return
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


def imported_in_words(report: ImportReport) -> str:
    """ "12 created, 3 changed and 285 unchanged" across the spreadsheets imported."""
    totals = {
        outcome: sum(counts[outcome.value] for counts in report.counts.values())
        for outcome in (Outcome.CREATED, Outcome.CHANGED, Outcome.UNCHANGED)
    }
    parts = [f"{n:,} {outcome.value}" for outcome, n in totals.items() if n]
    if not parts:
        return "nothing to change"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
