"""A Party's security profile (its Shared Resource Provider, 250,000 premises, how it meets
G3.17-G3.20) and its G5.27 returns, from the Assessments screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import NotifyAgreement
from secdesk.errors import ValidationError, ValidationErrors
from secdesk.gui.kit.operations import ReadOp, StoreOp, say, show_error
from secdesk.services import security_profiles
from secdesk.services.obligations import DueItem
from secdesk.store.engine import Store

DATE_HINT = "DD/MM/YYYY"


class _Form(QDialog):
    """A small form that saves in the background and shows a refusal under it."""

    def __init__(self, store: Store, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def line(self, label: str, placeholder: str = DATE_HINT) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit

    def work(self, session: Session) -> Any:
        raise NotImplementedError

    def save(self) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError | ValidationErrors):
                self.message.setText(str(exc))
            else:
                show_error(self, exc)

        StoreOp(self, self.store, self.work).success(lambda _r: self._saved()).failure(
            failed
        ).run_in_background()

    def _saved(self) -> None:
        say(self.parentWidget() or self, f"Saved: {self.windowTitle()}")
        self.accept()


class ProfileDialog(_Form):
    def __init__(self, store: Store, party_id: int, party: str, parent: QWidget | None) -> None:
        super().__init__(store, f"Security profile — {party}", parent)
        self.party_id = party_id
        self.version: int | None = None
        self.srp = self.line("Shared &Resource Provider", "blank: none")
        self.srp_since = self.line("Using the SRP &since")
        self.over = self.line("Over &250,000 premises since")
        self.agreement = QComboBox(self)
        self.agreement.addItem("", None)
        for choice in NotifyAgreement:
            self.agreement.addItem(choice.value, choice)
        self.form.addRow("G3.17-G3.20 &met by", self.agreement)
        self.received = self.line("G3.17-G3.20 document &received")

        def show(found: Any) -> None:
            if found is None:
                return
            self.version = found.version
            self.srp.setText(found.shared_resource_provider or "")
            self.srp_since.setText(v.format_date(found.srp_since) or "")
            self.over.setText(v.format_date(found.over_250k_since) or "")
            self.agreement.setCurrentIndex(
                max(self.agreement.findText(found.notify_agreement or ""), 0)
            )
            self.received.setText(v.format_date(found.notify_agreement_received) or "")

        ReadOp(self, store, lambda s: security_profiles.profile_of(s, party_id)).success(
            show
        ).run_in_background()

    def work(self, session: Session) -> Any:
        return security_profiles.set_profile(
            session,
            self.party_id,
            {
                "shared_resource_provider": self.srp.text(),
                "srp_since": self.srp_since.text(),
                "over_250k_since": self.over.text(),
                "notify_agreement": self.agreement.currentData(),
                "notify_agreement_received": self.received.text(),
            },
            self.version,
        )


class ReturnDialog(_Form):
    def __init__(self, store: Store, item: DueItem, parent: QWidget | None) -> None:
        super().__init__(store, f"G5.27 return — {item.party}", parent)
        self.item = item
        self.form.addRow("Due", QLabel(f"{item.due_on:%d/%m/%Y}", self))
        self.received = self.line("&Received")
        self.count = self.line("&SMS that can send Critical Requests", "a whole number")
        self.from_srp = QCheckBox("Reported by the &Shared Resource Provider", self)
        self.form.addRow("", self.from_srp)

    def work(self, session: Session) -> Any:
        return security_profiles.record_return(
            session,
            self.item.party_id,
            self.item.due_on,
            self.received.text(),
            self.count.text(),
            from_srp=self.from_srp.isChecked(),
        )
