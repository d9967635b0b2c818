"""The Users screen (admins of a shared store): each person's login, role and whether it may
connect; add a login, move it to another role, disable or enable it, set its password.

What it does, the store's own functions do (secdesk.services.users): the database lets only
admins run them, so this screen is a convenience, not the guard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.domain.roles import Action, Role
from secdesk.errors import ValidationError
from secdesk.gui.kit.button_row import button_row
from secdesk.gui.kit.operations import ReadOp, StoreOp, say, show_error
from secdesk.gui.kit.read_only_table import fill, read_only_table
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.screen import Screen
from secdesk.services import users
from secdesk.services.users import User
from secdesk.store.engine import Store

ROLE_HELP = (
    "Helpdesk: logs and changes enquiries, records change requests.\n"
    "Party engagement: as helpdesk, and the register, publishing, imports, review.\n"
    "Admin: everything, and categories, classifications and users."
)


def _role_box(parent: QWidget, current: Role = Role.HELPDESK) -> QComboBox:
    box = QComboBox(parent)
    for role in Role:
        box.addItem(role.label.capitalize(), role)
    box.setCurrentIndex(list(Role).index(current))
    box.setToolTip(ROLE_HELP)
    return box


class NewUserDialog(QDialog):
    """Login, role and (optionally) a password typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a user")
        self.login = QLineEdit(self)
        self.login.setPlaceholderText("e.g. jo.bloggs")
        self.role = _role_box(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("blank where the server knows people another way")
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        self.form = form = QFormLayout()
        form.addRow("&Login:", self.login)
        form.addRow("&Role:", self.role)
        form.addRow("&Password:", self.password)
        form.addRow("&Again:", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _check(self) -> None:
        try:
            users.check_login(self.login.text())
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.login.setFocus()
            return
        if self.password.text() != self.again.text():
            self.message.setText("Password: the two did not match")
            self.again.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, Role, str | None]:
        return (
            users.check_login(self.login.text()),
            self.role.currentData(),
            self.password.text() or None,
        )


class UsersPage(Screen):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str]] = frozenset()  # logins are not tables

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.rows: list[User] = []
        title = QLabel("<h2>Users</h2>", self)
        note = QLabel(
            "Each person signs in with their own login; its role decides what the store lets "
            "them change. Changes of role apply from their next start of secdesk.",
            self,
        )
        note.setWordWrap(True)
        self.table = read_only_table(["Login", "Role", "State"], self, "userTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        for column in (0, 1):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.add_button = QPushButton("&Add…", self)
        self.role_button = QPushButton("Change &role…", self)
        self.disable_button = QPushButton("&Disable", self)
        self.password_button = QPushButton("Set &password…", self)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(
            button_row(
                (self.add_button, self.role_button, self.disable_button, self.password_button)
            )
        )
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.change_role)
        self.disable_button.clicked.connect(self.toggle)
        self.password_button.clicked.connect(self.set_password)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.may_manage = gate(
            store,
            Action.MANAGE_USERS,
            self.add_button,
            self.role_button,
            self.disable_button,
            self.password_button,
        )
        self._update_buttons()

    def refresh(self) -> None:
        def show(rows: list[User]) -> None:
            self.rows = rows
            fill(
                self.table,
                [
                    [u.login, u.role.label, "may sign in" if u.can_log_in else "disabled"]
                    for u in rows
                ],
            )
            self._update_buttons()

        ReadOp(self, self.store, users.list_users).success(show).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for button in (self.role_button, self.disable_button, self.password_button):
            button.setEnabled(chosen is not None)
        self.disable_button.setText("&Enable" if chosen and not chosen.can_log_in else "&Disable")

    def _run(self, work: Callable[[Session], None], done: str) -> None:
        def finished(_result: None) -> None:
            say(self, done)
            self.refresh()

        StoreOp(self, self.store, work).success(finished).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def add(self) -> None:
        if not self.may_manage:
            return
        dialog = NewUserDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        login, role, password = dialog.values()

        def work(session: Session) -> None:
            users.add_user(session, login, role, password)

        self._run(work, f"{login} can now use secdesk as {role.label}")

    def change_role(self) -> None:
        user = self.selected()
        if user is None or not self.may_manage:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Role of {user.login}")
        box = _role_box(dialog, user.role)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(ROLE_HELP, dialog))
        layout.addWidget(box)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        role: Role = box.currentData()

        def work(session: Session) -> None:
            users.set_role(session, user.login, role)

        self._run(work, f"{user.login} is now {role.label}")

    def toggle(self) -> None:
        user = self.selected()
        if user is None or not self.may_manage:
            return
        if user.can_log_in:
            answer = QMessageBox.question(
                self,
                "Disable a login",
                f"Stop {user.login} signing in? Their open sessions end now; "
                "what they did stays in the trail.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

            def disable(session: Session) -> None:
                users.disable_user(session, user.login)

            self._run(disable, f"{user.login} can no longer sign in")
        else:

            def enable(session: Session) -> None:
                users.enable_user(session, user.login)

            self._run(enable, f"{user.login} can sign in again")

    def set_password(self) -> None:
        user = self.selected()
        if user is None or not self.may_manage:
            return
        dialog = NewUserDialog(self)
        dialog.setWindowTitle(f"Password of {user.login}")
        dialog.login.setText(user.login)
        dialog.login.setReadOnly(True)
        dialog.form.setRowVisible(dialog.role, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        password = dialog.password.text()
        if not password:
            return

        def work(session: Session) -> None:
            users.set_password(session, user.login, password)

        self._run(work, f"The password of {user.login} is set")
