"""The main window: a navigation list of the screens, the store and user in the status bar,
and window layout and column widths remembered between sessions (QSettings, UI state only).

The window paints before the store is open: it imports nothing but Qt, screens are built on
first visit once the store is attached, and openpyxl comes with the Publish screen."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from secdesk import __version__
from secdesk.gui.screen_list import SCREENS, number_of, screen_key
from secdesk.store import paths

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from secdesk.gui.kit.live import LiveStore
    from secdesk.gui.kit.screen import Screen
    from secdesk.gui.screens.helpdesk import HelpdeskRegister
    from secdesk.gui.screens.parties import PartyRegister
    from secdesk.gui.screens.publish import PublishPage
    from secdesk.store.engine import Store


S = TypeVar("S", bound="Screen")

# How long after the first rows what start-up put off waits.
SETTLE_MS = 1_000


class MainWindow(QMainWindow):
    # Once, after the window first painted: start-up opens the store then, not before, so
    # its imports do not compete with the first paint.
    painted = Signal()
    # Once, when the first screen shows its rows from the store: start-up is over.
    ready = Signal()
    # Once, a moment after ``ready``: what start-up put off (the unsent count, resuming the
    # cyclic collector) runs then, not while the first rows are being painted.
    settled = Signal()

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._painted = False
        self.setWindowTitle("secdesk")
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Screens")
        self.pages = QStackedWidget(self)
        self._built: dict[str, Screen] = {}
        self._stale: set[str] = set()  # built screens that have changes to show when next shown
        self.live: LiveStore | None = None  # once the store is open
        for number, screen in enumerate(SCREENS, start=1):
            item = QListWidgetItem(screen.title, self.navigation)
            item.setToolTip(f"{screen.title} ({screen_key(number - 1) or 'View menu'})")
            placeholder = QWidget(self.pages)  # replaced by the screen on first visit
            self.pages.addWidget(placeholder)
        self.navigation.setMinimumWidth(max(150, self.navigation.sizeHintForColumn(0) + 28))
        self.navigation.setMaximumWidth(220)
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 6px 10px; }")
        # Side by side is QSplitter's default orientation. Nothing before the first paint
        # loads the Qt namespace: initialising its enums takes 15 ms, a seventh of a bare
        # window's start. A positional parent would (PySide6 then weighs the overload that
        # takes a Qt.Orientation); the keyword does not.
        self.splitter = QSplitter(parent=self)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.store_label = QLabel("Opening the store…")
        # From any screen: notifications for the DCC and Alt HAN Co waiting to be sent, and
        # security obligations overdue.
        from secdesk.gui.kit.status_hint import OBLIGATION_TABLES, overdue_hint, unsent_hint

        self.unsent_button, self.overdue_button = unsent_hint(self), overdue_hint(self)
        self._obligation_tables = OBLIGATION_TABLES
        self.unsent_button.clicked.connect(lambda: self.go_to("changes"))
        self.overdue_button.clicked.connect(lambda: self.go_to("assessments"))
        self.statusBar().addWidget(self.unsent_button)
        self.statusBar().addWidget(self.overdue_button)
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_menus()
        self._restore_layout()
        self.navigation.currentRowChanged.connect(self.show_screen)
        # The unsent count is a hint: it waits until the first screen has painted its rows.
        # It maps the change-request classes, and that would share the GIL with the paint.
        self.ready.connect(lambda: QTimer.singleShot(SETTLE_MS, self, self.settled.emit))
        self.settled.connect(self.count_unsent)
        if store is not None:
            self.attach(store)

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is not open yet")
        return self._store

    def attach(self, store: Store) -> None:
        """The store is open: say which, and show the first screen."""
        self._store = store
        self.setWindowTitle(f"secdesk — {store.describe()}")
        # On a shared store, the login the server knows and its role; a local one has one user.
        who = store.user if store.is_sqlite else store.identity.describe()
        self.store_label.setText(f"{store.describe()}  ·  signed in as {who}")
        self._follow_role(store)
        from secdesk.gui.kit.live import LiveStore

        self.live = LiveStore(store, self)
        self.live.changed.connect(self.show_changes)
        self.show_screen(max(self.navigation.currentRow(), 0))
        first = self.current()
        if first is None:
            self.ready.emit()
        else:
            first.when_loaded(self.ready.emit)

    def _follow_role(self, store: Store) -> None:
        """Disable what the user's role may not do, and show Users to admins of a shared
        store only (a local store has one user)."""
        from secdesk.domain.roles import Action
        from secdesk.gui.kit.role_gate import gate

        gate(store, Action.PUBLISH, self.publish_action)
        users = number_of("users")
        shown = not store.is_sqlite and store.may(Action.MANAGE_USERS)
        self.navigation.item(users).setHidden(not shown)
        self.screen_actions[users].setEnabled(shown)
        self.screen_actions[users].setVisible(shown)

    def show_changes(self, tables: frozenset[str]) -> None:
        """The store changed (here or anywhere): the screen in view reads its rows again at
        once, the others when next shown. ``tables`` empty: anything may have changed."""
        if not self.isVisible():
            return  # a window closed (or never shown) shows nothing
        current = self.current()
        for key, page in self._built.items():
            if page.shows is not None and tables and not tables & page.shows:
                continue
            if page is current:
                page.refresh()
            else:
                self._stale.add(key)
        if not tables or tables & {"notification", "change_request"}:
            self.unsent_button.recount(self.store)
        if not tables or tables & self._obligation_tables:
            self.overdue_button.recount(self.store)

    def count_unsent(self) -> None:
        """The status bar's counts, again."""
        self.unsent_button.recount(self.store)
        self.overdue_button.recount(self.store)

    # ---- screens --------------------------------------------------------------------------

    def page(self, key: str) -> Screen:
        """The screen, built (and its first rows requested) on first use."""
        number = number_of(key)
        if key not in self._built:
            page = SCREENS[number].load()(self.store, self.pages)
            old = self.pages.widget(number)
            self.pages.insertWidget(number, page)
            if old is not None:
                self.pages.removeWidget(old)
                old.deleteLater()
            self._built[key] = page
            page.restore_layout(self._settings())
            page.refresh()
        return self._built[key]

    # The screens the window's own commands go to, typed.
    @property
    def parties(self) -> PartyRegister:
        from secdesk.gui.screens.parties import PartyRegister

        return self._typed("parties", PartyRegister)

    @property
    def helpdesk(self) -> HelpdeskRegister:
        from secdesk.gui.screens.helpdesk import HelpdeskRegister

        return self._typed("helpdesk", HelpdeskRegister)

    @property
    def publishing(self) -> PublishPage:
        from secdesk.gui.screens.publish import PublishPage

        return self._typed("publish", PublishPage)

    def _typed(self, key: str, kind: type[S]) -> S:
        page = self.page(key)
        assert isinstance(page, kind), f"{key} is a {type(page).__name__}"
        return page

    def show_screen(self, number: int) -> None:
        if self._store is None:
            return  # screens are built once the store is open
        if 0 <= number < len(SCREENS) and not self.navigation.item(number).isHidden():
            key = SCREENS[number].key
            page = self.page(key)
            self.pages.setCurrentWidget(page)
            if key in self._stale:
                self._stale.discard(key)
                page.refresh()
            if self.navigation.currentRow() != number:
                self.navigation.setCurrentRow(number)

    def go_to(self, key: str) -> Screen:
        self.show_screen(number_of(key))
        return self.page(key)

    def current(self) -> Screen | None:
        """The screen in view (None before the store is open)."""
        page = self.pages.currentWidget()
        return next((built for built in self._built.values() if built is page), None)

    # ---- actions --------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str,
        slot: Callable[[], Any],
    ) -> QAction:
        action = QAction(text, self)
        # setShortcuts with a list: every platform binding of a standard key, and (unlike
        # setShortcut) no Qt namespace loaded before the first paint.
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        else:
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = self._action("&New…", QKeySequence.StandardKey.New, self.new_record)
        self.log_action = self._action("&Log an enquiry…", "Ctrl+Shift+N", self.log_enquiry)
        self.open_action = self._action("&Open…", "Ctrl+O", self.open_record)
        self.history_action = self._action("&History…", "Ctrl+H", self.show_history)
        self.refresh_action = self._action(
            "&Refresh", QKeySequence.StandardKey.Refresh, self.refresh
        )
        self.find_action = self._action("&Find", QKeySequence.StandardKey.Find, self.focus_search)
        self.publish_action = self._action("&Publish…", "Ctrl+Shift+P", self.publish)
        self.import_action = self._action("&Import spreadsheets…", "Ctrl+I", self.import_files)
        quit_action = self._action("E&xit", "Ctrl+Q", self.close)
        for action in (self.new_action, self.log_action, self.open_action, self.history_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.publish_action, self.import_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        self.screen_actions: list[QAction] = []
        for number, screen in enumerate(SCREENS):
            action = self._action(
                screen.title, screen_key(number), partial(self.show_screen, number)
            )
            view_menu.addAction(action)
            self.screen_actions.append(action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(
            self._action("&Keyboard shortcuts…", QKeySequence.StandardKey.HelpContents, self.keys)
        )
        about = QAction("&About secdesk", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def new_record(self) -> None:
        """Ctrl+N: a new record of the screen's kind (a Party, an enquiry, a request)."""
        current = self.current()
        if current is not None:
            current.new_record()

    def log_enquiry(self) -> None:
        """The quick-log form, from wherever the user is."""
        if self._store is not None:
            self.helpdesk.new_record()

    def open_record(self) -> None:
        current = self.current()
        if current is not None:
            current.open_selected()

    def show_history(self) -> None:
        current = self.current()
        if current is not None:
            current.show_history()

    def refresh(self) -> None:
        current = self.current()
        if current is not None:
            current.refresh()

    def focus_search(self) -> None:
        current = self.current()
        if current is not None:
            current.focus_search()

    def publish(self) -> None:
        if not self.publish_action.isEnabled():
            return
        self.go_to("publish")
        self.publishing.publish()

    def import_files(self) -> None:
        self.go_to("publish")
        self.publishing.choose_imports()

    def keys(self) -> None:
        """Help → Keyboard shortcuts (F1): every key the window answers."""
        from secdesk.gui.kit.keyboard_help import KeyboardHelp

        self.keyboard_help = KeyboardHelp(self.actions(), self)
        self.keyboard_help.open()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About secdesk",
            f"<b>secdesk {__version__}</b><p>The SECAS helpdesk log and SEC Party register.</p>"
            f"<p>Store: {self._store.describe() if self._store else 'not open'}</p>",
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.painted.emit()  # start-up opens the store now, in a worker
        from PySide6.QtCore import Qt

        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    # ---- remembered layout --------------------------------------------------------------

    def _settings(self) -> QSettings:
        # Beside settings.json (so SECDESK_HOME keeps it with everything else), never in
        # the registry; it holds UI state only.
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        settings = self._settings()
        geometry = settings.value("main_window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1280, 760)
        splitter = settings.value("main_window/splitter")
        if not (isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter)):
            self.splitter.setSizes([185, 1095])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.live is not None:
            self.live.stop()
        settings = self._settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/splitter", self.splitter.saveState())
        for page in self._built.values():
            page.save_layout(settings)
        super().closeEvent(event)
