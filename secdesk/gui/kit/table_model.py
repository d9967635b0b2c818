"""A read-only Qt table model over the summary rows a service returns, described by a tuple
of columns. Sorting asks the service again (SQL ORDER BY) rather than sorting in Python.

For a list too long to read at once (the enquiry log) the model is lazy: it holds the pages
read so far and, when the view scrolls near the end, asks for the next (``more_wanted``);
the view reads it off the GUI thread and appends it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

DIMMED = QBrush(QColor(128, 128, 128))  # former parties, former allocations
WARNING = QBrush(QColor(178, 34, 34))  # overdue confirmations

# The roles this model answers, as plain ints: a view asks data() for about eight roles per
# cell, so the roles it does not answer are turned away before anything else is looked up.
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)})
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)


@dataclass(frozen=True)
class TableColumn(Generic[Row]):
    header: str
    sort_key: str | None
    text: Callable[[Row], str]
    # A colour for this cell alone (an overdue date), on top of the row's own.
    warn: Callable[[Row], bool] | None = None


class RecordTableModel(QAbstractTableModel, Generic[Row]):
    # Emitted when the user asks for another order: (sort key, descending).
    sort_requested = Signal(str, bool)
    # Emitted when the view wants the next page (lazy lists only).
    more_wanted = Signal()

    def __init__(
        self,
        columns: Sequence[TableColumn[Row]],
        dimmed: Callable[[Row], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._dimmed = dimmed
        self._rows: list[Row] = []
        self.has_more = False
        self._fetching = False

    def set_rows(self, rows: Sequence[Row], *, has_more: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.has_more, self._fetching = has_more, False
        self.endResetModel()

    def append_rows(self, rows: Sequence[Row], *, has_more: bool) -> None:
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.has_more, self._fetching = has_more, False

    def fetch_failed(self) -> None:
        self._fetching = False

    def last(self) -> Row | None:
        return self._rows[-1] if self._rows else None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.has_more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit()

    def row(self, index: int) -> Row:
        return self._rows[index]

    def find(self, record_id: int) -> int | None:
        """The row showing the record with this id, if it is on screen."""
        for number, row in enumerate(self._rows):
            if getattr(row, "id", None) == record_id:
                return number
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _TEXT_ROLES:
            if index.isValid():
                return self.columns[index.column()].text(self._rows[index.row()])
        elif role == _FOREGROUND and index.isValid():
            row = self._rows[index.row()]
            warn = self.columns[index.column()].warn
            if warn is not None and warn(row):
                return WARNING
            if self._dimmed is not None and self._dimmed(row):
                return DIMMED
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key is not None:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)


# The widest a column is made on first show (the user may widen it): a long e-mail address
# or Party name does not push the columns after it off a 1,024-pixel screen.
WIDEST_COLUMN = 260


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their contents, none wider than WIDEST_COLUMN (a longer value
    shows whole in its tooltip); the last one stretches anyway."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > WIDEST_COLUMN:
            header.resizeSection(column, WIDEST_COLUMN)


def select_ids(view: QTableView, model: RecordTableModel[Any], ids: Sequence[int]) -> bool:
    """Select the rows of these records (those still listed), the first of them current;
    True if any was. A list read anew keeps what the user had chosen this way."""
    rows = [row for i in ids if (row := model.find(i)) is not None]
    selection = view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    selection.clearSelection()
    for number, row in enumerate(rows):
        index = model.index(row, 0)
        if number == 0:
            selection.setCurrentIndex(index, flags.NoUpdate)
        selection.select(index, flags.Select | flags.Rows)
    return bool(rows)
