"""Recording a Change in Party Details request: the Party (type-ahead by name, signifier or
MPID), when it arrived and from whom, the consents, and each requested field with its new
value. Each value is checked as it is typed with the editors' rules; a value that breaks
its rule can still be recorded (it is what the Party sent) and is flagged for review."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.gui.kit import type_ahead
from secdesk.gui.kit.operations import ReadOp, submit
from secdesk.services import change_fields, parties
from secdesk.services import change_requests as cr
from secdesk.store.engine import Store

FIELD, VALUE, PROBLEM = range(3)


class ChangeIntakeDialog(QDialog):
    recorded = Signal(int)  # the new request's number
    ready = Signal()  # the Party choices are loaded (tests wait on it)
    fields_loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("New change request")
        self.party_ids: list[int] = []
        self.field_choices: list[tuple[str, str]] = []
        self.supplier = False

        self.party_box = QComboBox(self)
        self.party_box.setObjectName("party")
        type_ahead.make_type_ahead(self.party_box, "Name, signifier or MPID")
        self.received = QDateEdit(QDate.currentDate(), self)
        self.received.setObjectName("received_on")
        self.received.setDisplayFormat("dd/MM/yyyy")
        self.received.setCalendarPopup(True)
        self.received.setMaximumDate(QDate.currentDate())
        self.requester = QLineEdit(self)
        self.requester.setObjectName("requester_name")
        self.email = QLineEdit(self)
        self.email.setObjectName("requester_email")
        self.notify_dcc = QCheckBox("Consents to the &DCC being notified", self)
        self.notify_alt_han = QCheckBox("Consents to &Alt HAN Co being notified", self)
        self.alt_han_note = QLabel("Only Supplier Parties can consent to Alt HAN Co.", self)
        self.alt_han_note.setStyleSheet("color: palette(mid);")

        form = QFormLayout()
        form.addRow("&Party:", self.party_box)
        form.addRow("Received &on:", self.received)
        form.addRow("Requester's &name:", self.requester)
        form.addRow("Requester's &e-mail:", self.email)
        form.addRow("", self.notify_dcc)
        form.addRow("", self.notify_alt_han)
        form.addRow("", self.alt_han_note)

        self.changes = QTableWidget(0, 3, self)
        self.changes.setObjectName("requestedChanges")
        self.changes.setHorizontalHeaderLabels(["Field", "Requested value", "Check"])
        self.changes.verticalHeader().setVisible(False)
        self.changes.setColumnWidth(FIELD, 250)
        self.changes.horizontalHeader().setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        self.changes.horizontalHeader().setSectionResizeMode(
            PROBLEM, QHeaderView.ResizeMode.Stretch
        )
        self.add_button = QPushButton("Add &field", self)
        self.add_button.setToolTip("Add a requested change (Ctrl+Shift+A)")
        self.remove_button = QPushButton("Re&move field", self)
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)

        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Record request")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Requested changes:", self))
        layout.addWidget(self.changes, 1)
        layout.addLayout(rows)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(760, 560)

        self.party_box.currentIndexChanged.connect(self._party_chosen)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.add_row)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self._enable()

        ReadOp(self, store, parties.party_lookup_choices).success(
            self._parties_loaded
        ).run_in_background()

    # ---- the Party ------------------------------------------------------------------------

    def _parties_loaded(self, choices: list[tuple[str, int]]) -> None:
        type_ahead.fill(self.party_box, choices)
        self.ready.emit()

    def party_id(self) -> int | None:
        index = type_ahead.match(self.party_box)  # what is typed, as every picker reads it
        data = self.party_box.itemData(index) if index >= 0 else None
        return data if isinstance(data, int) else None

    def choose_party(self, party_id: int) -> None:
        self.party_box.setCurrentIndex(self.party_box.findData(party_id))

    def _party_chosen(self) -> None:
        party_id = self.party_id()
        if party_id is None:
            return

        def read(session: Session) -> tuple[list[tuple[str, str]], bool]:
            return change_fields.requestable_fields(
                session, party_id
            ), change_fields.may_notify_alt_han(session, party_id)

        def show(result: tuple[list[tuple[str, str]], bool]) -> None:
            self.field_choices, self.supplier = result
            for row in range(self.changes.rowCount()):
                self._fill_fields(row)
            if self.changes.rowCount() == 0:
                self.add_row()
            self._enable()
            self.fields_loaded.emit()

        ReadOp(self, self.store, read).success(show).run_in_background()

    def _enable(self) -> None:
        self.notify_alt_han.setEnabled(self.supplier)
        if not self.supplier:
            self.notify_alt_han.setChecked(False)
        self.alt_han_note.setVisible(not self.supplier)
        chosen = self.party_id() is not None and bool(self.field_choices)
        self.add_button.setEnabled(chosen)
        self.remove_button.setEnabled(self.changes.rowCount() > 0)

    # ---- requested changes ----------------------------------------------------------------

    def add_row(self, key: str | None = None, value: str = "") -> None:
        if not self.field_choices:
            return
        row = self.changes.rowCount()
        self.changes.insertRow(row)
        box = QComboBox(self.changes)
        box.setObjectName(f"field{row}")
        editor = QLineEdit(value, self.changes)
        editor.setObjectName(f"value{row}")
        self.changes.setCellWidget(row, FIELD, box)
        self.changes.setCellWidget(row, VALUE, editor)
        self.changes.setCellWidget(row, PROBLEM, QLabel(self.changes))
        self._fill_fields(row)
        if key is not None:
            box.setCurrentIndex(box.findData(key))
        box.currentIndexChanged.connect(lambda _i, b=box: self._check(self._row_of(b)))
        editor.textChanged.connect(lambda _t, e=editor: self._check(self._row_of(e)))
        self._check(row)
        self._enable()
        box.setFocus()

    def _row_of(self, widget: QWidget) -> int:
        for row in range(self.changes.rowCount()):
            if widget in (self.changes.cellWidget(row, FIELD), self.changes.cellWidget(row, VALUE)):
                return row
        return -1

    def _fill_fields(self, row: int) -> None:
        box = self.changes.cellWidget(row, FIELD)
        assert isinstance(box, QComboBox)
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        for label, key in self.field_choices:
            box.addItem(label, key)
        box.setCurrentIndex(max(box.findData(chosen), 0))
        box.blockSignals(False)

    def remove_row(self) -> None:
        row = self.changes.currentRow()
        if row < 0:
            row = self.changes.rowCount() - 1
        if row >= 0:
            self.changes.removeRow(row)
        self._enable()

    def _check(self, row: int) -> None:
        if row < 0:
            return
        key, value = self._row(row)
        label = self.changes.cellWidget(row, PROBLEM)
        assert isinstance(label, QLabel)
        problem = change_fields.problem(key, value) if key else None
        label.setText(f"⚠ {problem}" if problem else "✓")
        label.setToolTip(problem or "The value passes the field's rule")
        label.setStyleSheet("color: #a4262c;" if problem else "color: #107c10;")
        label.setWordWrap(True)

    def _row(self, row: int) -> tuple[str, str]:
        box, editor = self.changes.cellWidget(row, FIELD), self.changes.cellWidget(row, VALUE)
        assert isinstance(box, QComboBox) and isinstance(editor, QLineEdit)
        return box.currentData(), editor.text()

    def requested(self) -> dict[str, Any]:
        return dict(self._row(row) for row in range(self.changes.rowCount()))

    # ---- saving ---------------------------------------------------------------------------

    def record(self) -> None:
        party_id = self.party_id()
        if party_id is None:
            self.error.setText("Party: choose the Party the request is from")
            self.party_box.setFocus()
            return
        if self.changes.rowCount() != len(self.requested()):
            self.error.setText("Requested changes: each field can be named once")
            return
        received = self.received.date().toPython()
        assert isinstance(received, date)
        header = {
            "party_id": party_id,
            "received_on": received,
            "requester_name": self.requester.text(),
            "requester_email": self.email.text(),
            "notify_dcc": self.notify_dcc.isChecked(),
            "notify_alt_han": self.notify_alt_han.isChecked(),
        }
        changes = self.requested()

        def done(request_id: int) -> None:
            self.recorded.emit(request_id)
            self.accept()

        submit(
            self,
            self.store,
            lambda s: cr.record_request(s, header, changes).id,
            done,
            buttons=self.buttons,
            error=self.error,
        )
