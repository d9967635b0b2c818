"""Inbox → Mailboxes…: the mailboxes secdesk reads, whether this computer is signed in to
each, and how long e-mails never logged are kept. Adding and removing a mailbox and the
retention period are an admin's; signing in is everyone's, once on each computer (the
password, or Microsoft 365's own sign-in page in the browser)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.display import as_text
from secdesk.domain.roles import Action
from secdesk.errors import ValidationError
from secdesk.gui.kit.button_row import button_row
from secdesk.gui.kit.operations import BackgroundOp, ReadOp, StoreOp, say, show_error
from secdesk.gui.kit.read_only_table import fill, read_only_table
from secdesk.gui.kit.role_gate import gate
from secdesk.mail import accounts
from secdesk.mail.address import Mailbox
from secdesk.services import store_settings
from secdesk.store.engine import Store

RETENTION = store_settings.MAIL_RETENTION_DAYS
MICROSOFT_HINT = (
    "Microsoft 365: imaps://helpdesk%40secas.co.uk@outlook.office365.com/INBOX"
    "?auth=microsoft&tenant=secas.co.uk&client_id=APPLICATION-ID"
)


def _where(url: str) -> str:
    """The mailbox as people say it: "helpdesk@secas.co.uk, INBOX on outlook.office365.com"."""
    mailbox = Mailbox.parse(url)
    return f"{mailbox.user}, {mailbox.folder} on {mailbox.host}"


class NewMailboxDialog(QDialog):
    """A name, the mailbox's address and (unless it is Microsoft 365's) its password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a mailbox")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. helpdesk")
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("imaps://helpdesk@mail.secas.co.uk/INBOX")
        self.url.setToolTip(MICROSOFT_HINT)
        self.url.setMinimumWidth(420)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        hint = QLabel(f"<small>{MICROSOFT_HINT}. You sign in on Microsoft's page.</small>", self)
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Address:", self.url)
        form.addRow("", hint)
        form.addRow("&Password:", self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.url.textChanged.connect(self._follow_address)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _mailbox(self) -> Mailbox:
        return Mailbox.parse(self.url.text())

    def _follow_address(self) -> None:
        try:
            microsoft = self._mailbox().microsoft
        except ValidationError:
            microsoft = False
        self.password.setEnabled(not microsoft)

    def _check(self) -> None:
        try:
            if not self.name.text().strip():
                raise ValidationError("Name", "give the mailbox a short name")
            if not self._mailbox().microsoft and not self.password.text():
                raise ValidationError("Password", "give the mailbox's password")
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        self.accept()

    def values(self) -> tuple[str, str, accounts.SignIn]:
        if self._mailbox().microsoft:
            return self.name.text(), self.url.text(), accounts.SignIn(browser=True)
        return self.name.text(), self.url.text(), accounts.SignIn(password=self.password.text())


class MailboxesDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[accounts.AccountRow] = []
        self.setWindowTitle("Mailboxes")
        self.resize(760, 380)
        self.table = read_only_table(
            ["Name", "Address", "Signs in with", "On this computer", "Last read"],
            self,
            "mailboxTable",
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton("&Add…", self)
        self.sign_in_button = QPushButton("&Sign in…", self)
        self.sign_in_button.setToolTip("Sign in to the mailbox on this computer")
        self.remove_button = QPushButton("&Remove", self)
        self.retention = QSpinBox(self)
        self.retention.setRange(RETENTION.least, RETENTION.most)
        self.retention.setSuffix(" days")
        self.retention.setAccessibleName(RETENTION.label)
        self.save_retention = QPushButton("Sa&ve", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        keeping = QFormLayout()
        keeping.addRow("&Keep e-mails never logged for:", self.retention)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row([self.add_button, self.remove_button], [self.sign_in_button]))
        layout.addLayout(button_row([], [self.save_retention]))
        layout.insertLayout(2, keeping)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.remove_button.clicked.connect(self.remove)
        self.save_retention.clicked.connect(self.keep_for)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.may_manage = gate(
            store,
            Action.MANAGE_MAILBOXES,
            self.add_button,
            self.remove_button,
            self.retention,
            self.save_retention,
        )
        self.may_sign_in = gate(store, Action.LOG_ENQUIRY, self.sign_in_button)
        self.refresh()

    def refresh(self) -> None:
        def read(session: Session) -> tuple[list[accounts.AccountRow], int]:
            return accounts.listing(session), store_settings.get(session, RETENTION)

        def show(found: tuple[list[accounts.AccountRow], int]) -> None:
            self.rows, days = found
            fill(
                self.table,
                [
                    [
                        r.name,
                        _where(r.url),
                        "Microsoft 365 sign-in" if r.microsoft else "password",
                        "signed in" if r.signed_in else "not signed in",
                        as_text(r.fetched_at) if r.fetched_at else "not yet",
                    ]
                    for r in self.rows
                ],
            )
            if self.rows and not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)
            self.retention.setValue(days)
            self._update_buttons()

        ReadOp(self, self.store, read).success(show).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def selected(self) -> accounts.AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.sign_in_button.setEnabled(self.may_sign_in and chosen)
        self.remove_button.setEnabled(self.may_manage and chosen)

    def _in_background(self, work: Callable[[], Any], done: str, waiting: str) -> None:
        self.status.setText(waiting)

        def finished(_result: Any) -> None:
            self.status.setText("")
            say(self, done)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.status.setText("")
            show_error(self, exc)

        BackgroundOp(self, work).success(finished).failure(failed).run_in_background()

    def _waiting_words(self, url: str) -> str:
        if Mailbox.parse(url).microsoft:
            return "Sign in on Microsoft's page in your browser; secdesk waits for it…"
        return "Saving the password in this computer's keyring…"

    def add(self) -> None:
        dialog = NewMailboxDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, url, how = dialog.values()
        self._in_background(
            lambda: accounts.add_account(self.store, name, url, how),
            f"Added the mailbox {name.strip()}",
            self._waiting_words(url),
        )

    def sign_in(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if chosen.microsoft:
            how = accounts.SignIn(browser=True)
        else:
            password, ok = QInputDialog.getText(
                self, "Sign in", f"Password for {chosen.name}:", QLineEdit.EchoMode.Password
            )
            if not ok or not password:
                return
            how = accounts.SignIn(password=password)
        self._in_background(
            lambda: accounts.sign_in(self.store, chosen.name, how),
            f"Signed in to {chosen.name} on this computer",
            self._waiting_words(chosen.url),
        )

    def remove(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove the mailbox",
            f"Stop reading {chosen.name}? The e-mails already read stay in the inbox.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._in_background(
            lambda: accounts.remove_account(self.store, chosen.name),
            f"Stopped reading {chosen.name}",
            "",
        )

    def keep_for(self) -> None:
        days = self.retention.value()

        def work(session: Session) -> int:
            self.store.require(Action.MANAGE_MAILBOXES)
            return store_settings.put(session, RETENTION, days)

        StoreOp(self, self.store, work).success(
            lambda kept: say(self, f"E-mails never logged are kept for {kept} days")
        ).failure(lambda exc: show_error(self, exc)).run_in_background()
