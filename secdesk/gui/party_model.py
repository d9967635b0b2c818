"""The party list as a Qt table model. Rows come from services.parties.list_parties;
sorting asks the service again (SQL ORDER BY) rather than sorting in Python."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from secdesk import validate as v
from secdesk.services.parties import PartySummary


@dataclass(frozen=True)
class Column:
    header: str
    sort_key: str | None
    text: Callable[[PartySummary], str]


COLUMNS: tuple[Column, ...] = (
    Column("Party name", "name", lambda p: p.name),
    Column("Category", "category", lambda p: p.category.value),
    Column("Status", "status", lambda p: p.status.value),
    Column("Company number", "company_number", lambda p: p.company_number or ""),
    Column("Voting group", "voting_group", lambda p: p.voting_group or ""),
    Column("MPIDs", None, lambda p: "; ".join(p.mpids)),
    Column("Accession date", "accession_date", lambda p: v.format_date(p.accession_date)),
)

Index = QModelIndex | QPersistentModelIndex
# Former (withdrawn or expelled) parties are listed greyed out.
_FORMER_BRUSH = QBrush(QColor(128, 128, 128))


class PartyTableModel(QAbstractTableModel):
    # Emitted when the user asks for another order: (sort key, descending).
    sort_requested = Signal(str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PartySummary] = []

    def set_rows(self, rows: Sequence[PartySummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> PartySummary:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        party = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[index.column()].text(party)
        if role == Qt.ItemDataRole.ForegroundRole and not party.status.is_current:
            return _FORMER_BRUSH
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key
        if key is not None:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
