"""A small table for a record's list fields (energy licences, MPIDs, gas identifiers,
affiliates, DCC User roles with UEP dates): one row per item, a column per part, choices as
drop-downs. Insert adds a row and Delete removes the selected one, so it works without a mouse.
Forms in ui/ place it as a promoted widget of class ListEditor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secdesk.display import as_text
from secdesk.gui.kit.editor_spec import ListColumn


class ListEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 1, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the next field
        self.table.installEventFilter(self)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton("&Add", self)
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip("Add an item (Insert)")
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip("Remove the selected item (Delete)")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.setMaximumHeight(110)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self._columns: tuple[ListColumn, ...] = (ListColumn(""),)

    def set_columns(self, columns: Sequence[ListColumn]) -> None:
        self._columns = tuple(columns)
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        header = self.table.horizontalHeader()
        for number, column in enumerate(columns[:-1]):
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
            widest = max((len(text) for text, _ in column.choices or ()), default=12)
            header.resizeSection(number, self.fontMetrics().averageCharWidth() * widest + 48)

    # ---- values ---------------------------------------------------------------------------

    def value(self) -> list[Any]:
        """One entry per non-blank row: the text (or choice) itself for a one-column list,
        else a tuple with one part per column."""
        items: list[Any] = []
        for row in range(self.table.rowCount()):
            parts = [self._cell(row, column) for column in range(len(self._columns))]
            if all(p is None or p == "" for p in parts):
                continue
            items.append(parts[0] if len(parts) == 1 else tuple(parts))
        return items

    def set_value(self, value: Iterable[Any] | Mapping[Any, Any] | None) -> None:
        items = list(value.items()) if isinstance(value, Mapping) else list(value or [])
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for item in items:
            self.add_row(item if isinstance(item, tuple) else (item,), focus=False)
        self.table.blockSignals(False)
        self.changed.emit()

    def _cell(self, row: int, column: int) -> Any:
        widget = self.table.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            return widget.currentData()
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    # ---- editing --------------------------------------------------------------------------

    def add_row(self, parts: Sequence[Any] = (), *, focus: bool = True) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for number, column in enumerate(self._columns):
            part = parts[number] if number < len(parts) else None
            if column.choices is not None:
                combo = QComboBox(self.table)
                for text, data in column.choices:
                    combo.addItem(text, data)
                found = next((i for i, (_t, d) in enumerate(column.choices) if d == part), 0)
                combo.setCurrentIndex(found)
                combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
                self.table.setCellWidget(row, number, combo)
            else:
                self.table.setItem(row, number, QTableWidgetItem(as_text(part)))
        if focus:
            self.table.setCurrentCell(row, 0)
            self.table.setFocus()
            first = self.table.item(row, 0)
            if first is not None:  # a text column first: start typing at once
                self.table.editItem(first)
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Insert:
                self.add_row()
                return True
            if event.key() == Qt.Key.Key_Delete and self.table.state() != (
                QAbstractItemView.State.EditingState
            ):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)
