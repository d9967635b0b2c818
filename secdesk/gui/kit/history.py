"""A record's history: every audit entry of it and of the rows it owns (a Party's MPIDs,
licences), newest first — when, who, what, and the old and new value."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from secdesk.gui.kit.operations import ReadOp
from secdesk.gui.kit.table_model import RecordTableModel, TableColumn
from secdesk.store.engine import Store

if TYPE_CHECKING:  # the trail's reader (and the services it restores through) loads on use
    from secdesk.services.audit_trail import TrailRow

COLUMNS: tuple[TableColumn[TrailRow], ...] = (
    TableColumn("When", None, lambda c: as_text(c.at)),
    TableColumn("Who", None, lambda c: c.user),
    TableColumn("What", None, lambda c: c.what),
    TableColumn("Field", None, lambda c: c.field),
    TableColumn("Old", None, lambda c: c.old or ""),
    TableColumn("New", None, lambda c: c.new or ""),
)


class HistoryDialog(QDialog):
    def __init__(
        self, store: Store, table: str, record_id: int, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History — {title}")
        self.resize(900, 480)
        self.model: RecordTableModel[TrailRow] = RecordTableModel(COLUMNS, parent=self)
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

        def read(session: Session) -> list[TrailRow]:  # worker thread
            from secdesk.services.audit_trail import record_history

            return record_history(session, table, record_id)

        ReadOp(self, store, read).success(self._show).run_in_background()

    def _show(self, changes: list[TrailRow]) -> None:
        self.model.set_rows(changes)
        self.table.resizeColumnsToContents()
        self.count.setText(f"{len(changes)} changes, newest first")
