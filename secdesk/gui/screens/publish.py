"""The Publish screen: one click (Ctrl+Shift+P) publishes the four spreadsheets off the GUI
thread behind a progress dialog, then says what changed and offers to open the folder.
Earlier publications are listed with their change notes; imports start here too."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.display import as_text
from secdesk.domain.roles import Action
from secdesk.gui.kit.forms import child, load_form
from secdesk.gui.kit.operations import BackgroundOp, ReadOp, show_error
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.screen import Screen
from secdesk.gui.kit.table_model import RecordTableModel, TableColumn
from secdesk.gui.screens.import_dialog import ImportDialog
from secdesk.sheets.publish import (
    PublicationSummary,
    PublishResult,
    publish,
    publish_folder,
    recent_publications,
)
from secdesk.sheets.reading import SUFFIXES
from secdesk.store.engine import Store
from secdesk.store.settings import Settings

# Lines of "what changed" shown in the message itself after a publish.
SHOWN_CHANGES = 8

COLUMNS: tuple[TableColumn[PublicationSummary], ...] = (
    TableColumn("Publication", None, lambda p: str(p.number)),
    # Pending while its files go in; Abandoned if that was interrupted and undone.
    TableColumn("State", None, lambda p: p.state.value),
    TableColumn("Published", None, lambda p: as_text(p.published_at)),
    TableColumn("By", None, lambda p: p.published_by),
    TableColumn("Rows", None, lambda p: f"{p.rows:,}"),
    TableColumn("Folder", None, lambda p: p.folder),
)

# Every file the import reads (secdesk.sheets.reading), and each kind on its own.
IMPORT_FILTER = ";;".join(
    [
        f"Spreadsheets and CSV ({' '.join('*' + s for s in SUFFIXES)})",
        "Excel workbooks (*.xlsx *.xlsm *.xls)",
        "OpenDocument spreadsheets (*.ods)",
        "CSV files (*.csv *.txt)",
    ]
)


class PublishPage(Screen):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str]] = frozenset({"publication"})
    published = Signal(object)  # PublishResult
    imported = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.progress: QProgressDialog | None = None
        self.result_box: QMessageBox | None = None
        self.import_dialog: ImportDialog | None = None
        form = load_form("publish_page.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.folder_label = child(form, QLabel, "folderValue")
        self.publish_button = child(form, QPushButton, "publishButton")
        self.import_button = child(form, QPushButton, "importButton")
        self.table = child(form, QTableView, "publicationTable")
        self.changes = child(form, QPlainTextEdit, "changesText")
        self.model: RecordTableModel[PublicationSummary] = RecordTableModel(COLUMNS, parent=self)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._show_changes)
        self.publish_button.clicked.connect(self.publish)
        self.import_button.clicked.connect(self.choose_imports)
        self.may_publish = gate(store, Action.PUBLISH, self.publish_button)

        child(form, QPushButton, "changeFolderButton").clicked.connect(self.change_folder)
        child(form, QPushButton, "openFolderButton").clicked.connect(self.open_folder)
        self._show_folder()

    # ---- folder ---------------------------------------------------------------------------

    def folder(self) -> Path:
        return publish_folder()

    def _show_folder(self) -> None:
        self.folder_label.setText(str(self.folder()))

    def change_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Publish folder", str(self.folder()))
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path) -> None:
        settings = Settings.load()
        settings.publish_folder = str(folder)
        settings.save()
        self._show_folder()

    def open_folder(self) -> None:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ---- history --------------------------------------------------------------------------

    def refresh(self) -> None:
        def read(session: Session) -> list[PublicationSummary]:
            return recent_publications(session)

        ReadOp(self, self.store, read).success(self._show_history).run_in_background()

    def _show_history(self, rows: list[PublicationSummary]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)

    def _show_changes(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            chosen = self.model.row(rows[0].row())
            self.changes.setPlainText(chosen.changes or "The first publication.")

    # ---- publishing -----------------------------------------------------------------------

    def publish(self) -> None:
        if self.progress is not None or not self.may_publish:
            return  # one publish at a time; the button says why a role may not
        folder = self.folder()
        self.progress = QProgressDialog("Publishing the four spreadsheets…", "", 0, 0, self)
        self.progress.setCancelButton(None)  # a half-done swap is never left behind to cancel
        self.progress.setWindowTitle("Publish")
        self.progress.setMinimumDuration(0)
        self.progress.open()
        self.publish_button.setEnabled(False)
        store = self.store
        BackgroundOp(self, lambda: publish(store, folder)).success(self._published).failure(
            self._publish_failed
        ).run_in_background()

    def _finish_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.publish_button.setEnabled(True)

    def _published(self, result: PublishResult) -> None:
        self._finish_progress()
        lines = result.lines()
        box = QMessageBox(self)
        box.setWindowTitle("Publish")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(lines[0])
        changes = lines[1:]
        if changes:
            # The changes in view at once; a long list continues under Show Details.
            shown = changes[:SHOWN_CHANGES]
            more = len(changes) - len(shown)
            if more:
                shown.append(f"… and {more} more (Show Details)")
            box.setInformativeText(
                "What changed since the last publication:\n" + "\n".join(f"• {c}" for c in shown)
            )
            box.setDetailedText("\n".join(changes))
        if not result.nothing_changed:
            open_button = box.addButton("&Open folder", QMessageBox.ButtonRole.ActionRole)
            open_button.clicked.connect(self.open_folder)
        box.addButton(QMessageBox.StandardButton.Close)
        self.result_box = box
        box.open()
        self.refresh()
        self.published.emit(result)

    def _publish_failed(self, exc: BaseException) -> None:
        self._finish_progress()
        show_error(self, exc)

    # ---- importing ------------------------------------------------------------------------

    def choose_imports(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, "Import spreadsheets", str(Path.home()), IMPORT_FILTER
        )
        if files:
            self.start_import([Path(f) for f in files])

    def start_import(self, paths: list[Path]) -> None:
        self.import_dialog = ImportDialog(self.store, paths, self)
        self.import_dialog.imported.connect(self.imported)
        self.import_dialog.open()
