"""Recording a membership event for a Party: accession, event of default, default cured,
withdrawal or expulsion, with its date and reason. The Party's status follows from its
events (services.membership); an event that cannot follow the status before it is refused
with the reason, and a withdrawn or expelled Party's allocations become Former."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from secdesk.domain import MembershipEventKind
from secdesk.gui.kit.operations import submit
from secdesk.gui.kit.values import enum_choices
from secdesk.services import membership
from secdesk.store.engine import Store


class MembershipEventDialog(QDialog):
    recorded = Signal(int)  # the Party's id

    def __init__(
        self,
        store: Store,
        party_id: int,
        party_name: str,
        version: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.party_id, self.version = store, party_id, version
        self.setWindowTitle(f"Membership event: {party_name}")
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for text, value in enum_choices(MembershipEventKind):
            self.kind.addItem(text, value)
        self.when = QDateEdit(QDate.currentDate(), self)
        self.when.setObjectName("occurred_on")
        self.when.setDisplayFormat("dd/MM/yyyy")
        self.when.setCalendarPopup(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("Required for a default, a withdrawal or an expulsion")
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        form = QFormLayout()
        form.addRow("&Event:", self.kind)
        form.addRow("&Date:", self.when)
        form.addRow("&Reason:", self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Record event")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{party_name}</b>", self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self.resize(440, 300)

    def record(self) -> None:
        when = self.when.date().toPython()
        assert isinstance(when, date)
        kind, reason = self.kind.currentData(), self.reason.toPlainText()

        def done(_: object) -> None:
            self.recorded.emit(self.party_id)
            self.accept()

        submit(
            self,
            self.store,
            lambda s: membership.record_event(s, self.party_id, kind, when, reason, self.version),
            done,
            buttons=self.buttons,
            error=self.error,
        )
