"""The Parties screen: search (debounced as the user types), category and status filters,
and sortable columns, all answered by the store in SQL off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.domain import PartyCategory, PartyStatus
from secdesk.gui.forms import child, load_form
from secdesk.gui.operations import StoreOp
from secdesk.gui.party_model import COLUMNS, PartyTableModel
from secdesk.services.parties import PartySummary, list_parties
from secdesk.store import Store

SEARCH_DELAY_MS = 250
_CURRENT, _FORMER = "current", "former"


class PartyListView(QWidget):
    # Emitted each time a list from the store is on screen (tests and the status bar wait on it).
    loaded = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._sort, self._descending = "name", False
        self._pending = 0
        self._sized = False
        form = load_form("party_list.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.search = child(form, QLineEdit, "searchEdit")
        self.category = child(form, QComboBox, "categoryFilter")
        self.status = child(form, QComboBox, "statusFilter")
        self.table = child(form, QTableView, "partyTable")
        self.count = child(form, QLabel, "countLabel")

        self.category.addItem("All categories", None)
        for category in PartyCategory:
            self.category.addItem(category.value, category)
        self.status.addItem("All statuses", None)
        self.status.addItem("Current parties", _CURRENT)
        self.status.addItem("Former parties", _FORMER)
        for status in PartyStatus:
            self.status.addItem(status.value, status)

        self.model = PartyTableModel(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.model.sort_requested.connect(self._on_sort)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.category.currentIndexChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def adopt_sort_indicator(self) -> None:
        """Query in the order the header shows (after its state was restored)."""
        header = self.table.horizontalHeader()
        key = (
            COLUMNS[header.sortIndicatorSection()].sort_key
            if header.sortIndicatorSection() < len(COLUMNS)
            else None
        )
        if key is None:
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
            key = "name"
        self._sort = key
        self._descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def _on_sort(self, key: str, descending: bool) -> None:
        self._sort, self._descending = key, descending
        self.refresh()

    def refresh(self) -> None:
        search = self.search.text()
        category = self.category.currentData()
        status = self.status.currentData()
        current = {_CURRENT: True, _FORMER: False}.get(status) if isinstance(status, str) else None
        statuses = [status] if isinstance(status, PartyStatus) else []
        sort, descending = self._sort, self._descending
        self._pending += 1
        ticket = self._pending

        def query(session: Session) -> list[PartySummary]:  # runs in a worker thread
            return list_parties(
                session,
                search=search,
                categories=[category] if category else [],
                statuses=statuses,
                current=current,
                sort=sort,
                descending=descending,
            )

        def show(rows: list[PartySummary]) -> None:
            if ticket != self._pending:
                return  # a newer query is on its way; this answer is stale
            self.model.set_rows(rows)
            if rows and not self._sized:
                self.table.resizeColumnsToContents()
                self._sized = True
            self.count.setText(f"{len(rows)} parties")
            self.loaded.emit(len(rows))

        StoreOp(self, self._store, query).success(show).run_in_background()
