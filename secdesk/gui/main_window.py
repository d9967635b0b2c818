"""The main window: the Parties screen for now, the store and user in the status bar, and
window layout remembered between sessions (QSettings, UI state only)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from secdesk import __version__
from secdesk.gui.party_list import PartyListView
from secdesk.store import Store, paths


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("secdesk")
        self.parties = PartyListView(store, self)
        self.setCentralWidget(self.parties)

        self.store_label = QLabel(f"{store.describe()}  ·  signed in as {store.user}")
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_menus()
        self._restore_layout()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        refresh = QAction("&Refresh", self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.parties.refresh)
        find = QAction("&Find", self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.parties.focus_search)
        quit_action = QAction("E&xit", self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        for action in (refresh, find):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About secdesk", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About secdesk",
            f"<b>secdesk {__version__}</b><p>The SECAS helpdesk log and SEC Party register.</p>"
            f"<p>Store: {self.store.describe()}</p>",
        )

    # ---- remembered layout --------------------------------------------------------------

    def _settings(self) -> QSettings:
        # Beside settings.json (so SECDESK_HOME keeps it with everything else), never in
        # the registry; it holds UI state only.
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        settings = self._settings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            pass
        else:
            self.resize(1180, 720)
        header = settings.value("party_list/header")
        if isinstance(header, QByteArray):
            self.parties.table.horizontalHeader().restoreState(header)
            self.parties.adopt_sort_indicator()

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = self._settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("party_list/header", self.parties.table.horizontalHeader().saveState())
        super().closeEvent(event)
