"""A record's history: every audit entry of it and of the rows it owns (a Party's MPIDs,
licences), newest first — when, who, what, and the old and new value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.display import as_text
from secdesk.domain import AuditAction
from secdesk.gui.operations import StoreOp
from secdesk.gui.table_model import RecordTableModel, TableColumn
from secdesk.services.history import history
from secdesk.store.engine import Store


@dataclass(frozen=True)
class Change:
    at: datetime
    user: str
    what: str
    field: str
    old: str
    new: str


COLUMNS: tuple[TableColumn[Change], ...] = (
    TableColumn("When", None, lambda c: as_text(c.at)),
    TableColumn("Who", None, lambda c: c.user),
    TableColumn("What", None, lambda c: c.what),
    TableColumn("Field", None, lambda c: c.field),
    TableColumn("Old", None, lambda c: c.old),
    TableColumn("New", None, lambda c: c.new),
)

_ACTIONS = {
    AuditAction.CREATE: "added",
    AuditAction.UPDATE: "changed",
    AuditAction.DELETE: "removed",
}


def _label(table: str) -> str:
    return table.replace("_", " ")


def read_changes(session: Session, table: str, record_id: int) -> list[Change]:
    entries = history(session, table, record_id)
    return [
        Change(
            at=e.at,
            user=e.user_name,
            what=f"{_label(e.table_name)} {_ACTIONS.get(e.action, e.action)}",
            field=(e.field or "").replace("_", " "),
            old=e.old_value or "",
            new=e.new_value or "",
        )
        for e in reversed(entries)
    ]


class HistoryDialog(QDialog):
    def __init__(
        self, store: Store, table: str, record_id: int, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History — {title}")
        self.resize(900, 480)
        self.model: RecordTableModel[Change] = RecordTableModel(COLUMNS, parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel("Loading…", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        layout.addWidget(buttons)

        def read(session: Session) -> list[Change]:
            return read_changes(session, table, record_id)

        StoreOp(self, store, read).success(self._show).run_in_background()

    def _show(self, changes: list[Change]) -> None:
        self.model.set_rows(changes)
        self.table.resizeColumnsToContents()
        self.count.setText(f"{len(changes)} changes, newest first")
