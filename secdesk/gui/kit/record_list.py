"""The screen every register shares: a search box (debounced as the user types), its own
filters, a table whose columns sort in SQL, and New / Open / History. Rows come from the
register's service off the GUI thread; nothing loads every record into a proxy model.

A register subclasses RecordList with its columns, filters, query and editor. A register
too long to read at once sets ``page_size``: its query then returns one page after a
cursor, and further pages are read as the user scrolls (keyset, never OFFSET).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.domain.roles import Action
from secdesk.gui.kit.filter_bar import Filter, Query, filter_boxes, set_choices
from secdesk.gui.kit.forms import child, load_form
from secdesk.gui.kit.operations import ReadOp, show_error
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.screen import Screen
from secdesk.gui.kit.table_model import (
    RecordTableModel,
    TableColumn,
    fit_columns,
    select_ids,
)
from secdesk.store.engine import Store

if TYPE_CHECKING:
    from secdesk.gui.kit.editor import RecordEditor
    from secdesk.gui.kit.editor_spec import EditorSpec
    from secdesk.gui.kit.history import HistoryDialog

SEARCH_DELAY_MS = 250


class RecordList(Screen):
    # Emitted each time rows from the store are on screen (tests and the status bar wait on it).
    loaded = Signal(int)

    title: ClassVar[str]
    singular: ClassVar[str]
    plural: ClassVar[str]
    search_hint: ClassVar[str]
    settings_key: ClassVar[str]
    columns: ClassVar[Sequence[TableColumn[Any]]]
    filters: ClassVar[Sequence[Filter]] = ()
    editor_spec: ClassVar[EditorSpec]
    # What adding a record is, for the role gate.
    create_action: ClassVar[Action] = Action.EDIT_REGISTER
    # Rows per page for a lazily read register; None reads the whole (short) list.
    page_size: ClassVar[int | None] = None

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.editor: RecordEditor | None = None
        self.history: HistoryDialog | None = None
        self._sort = next(c.sort_key for c in self.columns if c.sort_key)
        self._descending = False
        self._pending = 0
        self._refresh_due = False
        self._sized = False
        self._select_after_load: list[int] = []
        self._choices_loaded = False

        form = load_form("register.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        child(form, QLabel, "titleLabel").setText(self.title)
        self.search = child(form, QLineEdit, "searchEdit")
        self.search.setPlaceholderText(f"{self.search_hint} (Ctrl+F)")
        self.search.setAccessibleName(f"Search {self.plural}")
        self.table = child(form, QTableView, "recordTable")
        self.count = child(form, QLabel, "countLabel")
        self.new_button = child(form, QPushButton, "newButton")
        self.open_button = child(form, QPushButton, "openButton")
        self.history_button = child(form, QPushButton, "historyButton")

        buttons = form.findChild(QHBoxLayout, "buttonBar")
        assert isinstance(buttons, QHBoxLayout), "register.ui lost its buttonBar"
        self.button_bar = buttons  # a register adds its own buttons here
        bar = form.findChild(QHBoxLayout, "filterBar")
        assert isinstance(bar, QHBoxLayout), "register.ui lost its filterBar"
        self.filter_boxes = filter_boxes(form, bar, self.filters, self.refresh)

        self.model: RecordTableModel[Any] = RecordTableModel(self.columns, self.dimmed, self)
        self.table.setModel(self.model)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # First-show column widths come from a sample of 50 rows, not every row (300 parties
        # took 60 ms); a longer value shows whole in its tooltip, and widths the user sets
        # are remembered. (The horizontal header's precision is the one column widths use.)
        header.setResizeContentsPrecision(50)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.model.sort_requested.connect(self._on_sort)
        self.model.more_wanted.connect(self._fetch_more)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.search)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.into_list)
        self.new_button.clicked.connect(self.new_record)
        self.may_create = gate(self.store, self.create_action, self.new_button)
        self.open_button.clicked.connect(self.open_selected)
        self.history_button.clicked.connect(self.show_history)
        self._update_buttons()

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)

    # ---- what a register supplies ---------------------------------------------------------

    def query(self, session: Session, query: Query, after: Any = None) -> list[Any]:
        """The rows to show; a paged register gets the cursor of the last row it has."""
        raise NotImplementedError

    def page_cursor(self, row: Any) -> Any:
        """Where the next page starts, for a paged register."""
        return None

    def count_rows(self, session: Session, query: Query) -> int | None:
        """How many rows the query finds in all, for a paged register's count line."""
        return None

    def filter_choices(self, session: Session) -> Mapping[str, Sequence[tuple[str, Any]]]:
        """Filter options that come from the store (categories, people), read once."""
        return {}

    def dimmed(self, row: Any) -> bool:
        return False

    def describe(self, row: Any) -> str:
        """How a row is named in titles (the History window)."""
        return str(self.columns[0].text(row))

    # ---- loading --------------------------------------------------------------------------

    def when_loaded(self, callback: Callable[[], None]) -> None:
        self.loaded.connect(lambda _rows: callback(), Qt.ConnectionType.SingleShotConnection)

    def into_list(self) -> None:
        """Down or Enter in the search box: to the list, on its first row if none is chosen
        (the search itself runs as the user types)."""
        self.table.setFocus()
        if self.selected() is None and self.model.rowCount():
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_query(self) -> Query:
        return Query(
            self.search.text(),
            {key: box.currentData() for key, box in self.filter_boxes.items()},
            self._sort,
            self._descending,
        )

    def refresh(self) -> None:
        """Read the rows again, once however many ask before the next turn of the event
        loop (restoring the layout re-sorts, the window refreshes a screen it builds, a
        colleague's change arrives): one query, not one each."""
        self._pending += 1  # what is on its way now is older than what was asked for
        if not self._refresh_due:
            self._refresh_due = True
            QTimer.singleShot(0, self, self._refresh_now)

    def _refresh_now(self) -> None:
        self._refresh_due = False
        wanted = self.current_query()
        ticket = self._pending

        def read(session: Session) -> list[Any]:  # worker thread
            return self.query(session, wanted)

        def show(rows: list[Any]) -> None:
            choices = not self._choices_loaded  # after the rows: the first page paints sooner
            self._choices_loaded = True
            if ticket != self._pending:
                if choices:
                    self._after_rows(wanted, ticket, choices=True, count=False)
                return  # a newer query is on its way; this answer is stale
            keep = self._select_after_load or self.chosen_ids()
            self._select_after_load = []
            paged = self.page_size is not None
            scrolled = self.table.verticalScrollBar().value()  # a refresh keeps the place
            self.model.set_rows(rows, has_more=paged and len(rows) == self.page_size)
            self.table.verticalScrollBar().setValue(scrolled)
            if rows and not self._sized:
                fit_columns(self.table)
                self._sized = True
            self._choose(keep)
            count = paged and self.model.has_more
            if count:
                self.count.setText(self.counted(len(rows), more=True))
            else:
                self.count.setText(self.counted(len(rows)))
            if choices or count:
                self._after_rows(wanted, ticket, choices=choices, count=count)
            self._update_buttons()
            self.loaded.emit(len(rows))

        ReadOp(self, self.store, read).success(show).run_in_background()

    def _after_rows(self, wanted: Query, ticket: int, *, choices: bool, count: bool) -> None:
        """What follows the first rows — the filters' choices (once), the count of a long
        list — read together on one connection, after the rows are on screen."""

        def read(session: Session) -> tuple[Mapping[str, Any], int | None]:
            return self.choices_and_count(session, wanted, choices=choices, count=count)

        def show(answer: tuple[Mapping[str, Sequence[tuple[str, Any]]], int | None]) -> None:
            found, total = answer
            for key, options in found.items():
                self.set_filter_choices(key, options)
            if ticket == self._pending and total is not None:
                self.count.setText(self.counted(total))

        ReadOp(self, self.store, read).success(show).run_in_background()

    def choices_and_count(
        self, session: Session, query: Query, *, choices: bool, count: bool
    ) -> tuple[Mapping[str, Sequence[tuple[str, Any]]], int | None]:
        """The filters' choices and the count, as asked; a screen may read both at once."""
        found = self.filter_choices(session) if choices else {}
        return found, self.count_rows(session, query) if count else None

    def set_filter_choices(self, key: str, options: Sequence[tuple[str, Any]]) -> None:
        """A filter's choices from the store, after its declared ones; the current choice
        stays chosen if it is still there (no refresh is asked for)."""
        declared = next(f for f in self.filters if f.key == key)
        set_choices(self.filter_boxes[key], len(declared.options), options)

    def _fetch_more(self) -> None:
        """The view scrolled near the end of a paged list: read the next page."""
        last, ticket, wanted = self.model.last(), self._pending, self.current_query()
        after = self.page_cursor(last) if last is not None else None

        def show(rows: list[Any]) -> None:
            if ticket == self._pending:
                self.model.append_rows(rows, has_more=len(rows) == self.page_size)
                if not self.model.has_more:
                    self.count.setText(self.counted(self.model.rowCount()))

        def failed(exc: BaseException) -> None:
            self.model.fetch_failed()  # scrolling again tries again
            show_error(self, exc)

        ReadOp(self, self.store, lambda session: self.query(session, wanted, after)).success(
            show
        ).failure(failed).run_in_background()

    def counted(self, number: int, *, more: bool = False) -> str:
        """ "1 enquiry", "1,204 enquiries", "200+ enquiries"."""
        noun = self.singular if number == 1 and not more else self.plural
        return f"{number:,}{'+' if more else ''} {noun}"

    def _on_sort(self, key: str, descending: bool) -> None:
        self._sort, self._descending = key, descending
        self.refresh()

    # ---- records --------------------------------------------------------------------------

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def chosen_ids(self) -> list[int]:
        """The ids of the selected rows (several where the list allows it)."""
        return [self.model.row(i.row()).id for i in self.table.selectionModel().selectedRows()]

    def select_after_load(self, ids: list[int]) -> None:
        self._select_after_load = list(ids)

    def _choose(self, ids: list[int]) -> None:
        """Select these rows again after the list was read anew (those still in it)."""
        if any(self.model.find(i) is not None for i in ids):
            select_ids(self.table, self.model, ids)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    def new_record(self) -> None:
        if self.may_create:
            self._edit(None)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._edit(row.id)

    def _edit(self, record_id: int | None) -> None:
        from secdesk.gui.kit.changed_elsewhere import follow
        from secdesk.gui.kit.editor import RecordEditor  # the editor loads when first opened

        self.editor = RecordEditor(self.editor_spec, self.store, record_id, self)
        self.editor.saved.connect(self._after_save)
        follow(self.editor, self.shows)
        self.editor.resize(640, self.editor.sizeHint().height())
        self.editor.open()

    def _after_save(self, record_id: int) -> None:
        self._select_after_load = [record_id]
        self.refresh()

    def show_history(self) -> None:
        row = self.selected()
        if row is not None:
            from secdesk.gui.kit.history import HistoryDialog

            self.history = HistoryDialog(
                self.store, self.editor_spec.audit_table, row.id, self.describe(row), self
            )
            self.history.open()

    # ---- remembered layout (UI state only) ------------------------------------------------

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(f"{self.settings_key}/header", self.table.horizontalHeader().saveState())

    def restore_layout(self, settings: QSettings) -> None:
        state = settings.value(f"{self.settings_key}/header")
        header = self.table.horizontalHeader()
        if isinstance(state, QByteArray) and header.restoreState(state):
            self._sized = True
            section = header.sortIndicatorSection()
            key = self.columns[section].sort_key if 0 <= section < len(self.columns) else None
            if key is None:
                header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
                key = self.columns[0].sort_key
            assert key is not None
            self._sort = key
            self._descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
