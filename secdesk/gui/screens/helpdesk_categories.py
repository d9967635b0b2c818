"""The enquiry categories, in report order: add, rename or retire one. A retired category
keeps its enquiries and stays in the reports of the months it was used."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.domain.roles import Action
from secdesk.gui.kit.button_row import button_row
from secdesk.gui.kit.operations import ReadOp, StoreOp, show_error
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.table_model import DIMMED
from secdesk.services import enquiries
from secdesk.store.engine import Store


class CategoriesDialog(QDialog):
    # A category was added, renamed or retired.
    changed = Signal()
    # The list is on screen (tests wait on it).
    loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Enquiry categories")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Categories in report order")
        self.add_button = QPushButton("&Add…", self)
        self.rename_button = QPushButton("Re&name…", self)
        self.retire_button = QPushButton("&Retire", self)
        buttons = button_row((self.add_button, self.rename_button, self.retire_button))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Categories in report order. Retired ones keep their history."))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.retire_button.clicked.connect(self.retire)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.may_edit = gate(
            store, Action.EDIT_CATEGORIES, self.add_button, self.rename_button, self.retire_button
        )
        self.resize(420, 420)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        def read(session: Session) -> list[tuple[int, int, str, bool]]:
            return [
                (c.id, c.version, c.name, c.retired_at is not None)
                for c in enquiries.list_categories(session, include_retired=True)
            ]

        def show(rows: list[tuple[int, int, str, bool]]) -> None:
            self.list.clear()
            for category_id, version, name, retired in rows:
                item = QListWidgetItem(f"{name} (retired)" if retired else name, self.list)
                item.setData(Qt.ItemDataRole.UserRole, (category_id, version, name, retired))
                if retired:
                    item.setForeground(DIMMED)
                if category_id == select:
                    self.list.setCurrentItem(item)
            self._update_buttons()
            self.loaded.emit()

        ReadOp(self, self.store, read).success(show).run_in_background()

    def current(self) -> tuple[int, int, str, bool] | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.current()
        self.rename_button.setEnabled(chosen is not None)
        self.retire_button.setEnabled(chosen is not None and not chosen[3])

    def _run(self, work: Any) -> None:
        if not self.may_edit:
            return

        def done(category_id: int) -> None:
            self.changed.emit()
            self.reload(category_id)

        StoreOp(self, self.store, work).success(done).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "New category", "Category name:")
        if ok:
            self._run(lambda session: enquiries.add_category(session, name).id)

    def rename(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        category_id, version, old, _retired = chosen
        name, ok = QInputDialog.getText(self, "Rename category", "Category name:", text=old)
        if ok and name.strip() != old:
            self._run(
                lambda session: enquiries.rename_category(session, category_id, name, version).id
            )

    def retire(self) -> None:
        chosen = self.current()
        if chosen is None or chosen[3]:
            return
        category_id, version, name, _retired = chosen
        answer = QMessageBox.question(
            self,
            "Retire category",
            f"Retire {name}? Its enquiries keep it, and it stays in the reports of the months "
            "it was used, but no new enquiry can be put in it.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda session: enquiries.retire_category(session, category_id, version).id)
