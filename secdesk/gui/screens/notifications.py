"""The notifications not yet sent to the DCC and Alt HAN Co, always in view on the Change
Requests screen: copy them as e-mail text, save them as a workbook, mark them sent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.display import as_text
from secdesk.domain.roles import Action
from secdesk.gui.kit.button_row import button_row
from secdesk.gui.kit.operations import ReadOp, StoreOp, show_error
from secdesk.gui.kit.read_only_table import fill, read_only_table
from secdesk.gui.kit.role_gate import gate
from secdesk.months import UK_TIME
from secdesk.services import notifications
from secdesk.services.notifications import NotificationLine
from secdesk.store import paths
from secdesk.store.engine import Store


class NotificationsPanel(QGroupBox):
    loaded = Signal(int)  # how many are unsent, each time the list is read

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("Unsent notifications", parent)
        self.store = store
        self.unsent: list[NotificationLine] = []
        self._pending = 0
        self.table = read_only_table(
            ["Recipient", "Party", "Request", "Actioned", "Changed fields"],
            self,
            "notificationTable",
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.copy_button = QPushButton("&Copy e-mail text", self)
        self.save_button = QPushButton("Save as &workbook…", self)
        self.sent_button = QPushButton("&Mark sent", self)
        buttons = button_row((self.copy_button, self.save_button, self.sent_button))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.copy_button.clicked.connect(self.copy_email_text)
        self.save_button.clicked.connect(lambda: self.save_workbook())
        self.sent_button.clicked.connect(self.mark_sent)
        self.may_send = gate(store, Action.SEND_NOTIFICATIONS, self.sent_button)
        self._update_buttons()

    def refresh(self) -> None:
        self._pending += 1
        ticket = self._pending

        def show(lines: list[NotificationLine]) -> None:
            if ticket == self._pending:  # else a newer read is on its way
                self.show_lines(lines)

        ReadOp(self, self.store, notifications.notifications).success(show).run_in_background()

    def show_lines(self, lines: list[NotificationLine]) -> None:
        """The unsent notifications, as read (by refresh, or with the page's requests)."""
        self.unsent = lines
        self.setTitle(f"Unsent notifications ({len(lines)})")
        fill(
            self.table,
            [
                [
                    n.recipient.value,
                    n.party,
                    str(n.request_id),
                    as_text(n.produced_at.astimezone(UK_TIME).date()),
                    "; ".join(label for label, _old, _new in n.changes),
                ]
                for n in lines
            ],
        )
        self._update_buttons()
        self.loaded.emit(len(lines))

    def selected(self) -> list[NotificationLine]:
        """The chosen notifications, or all of them when none is chosen."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.unsent[r] for r in rows] or list(self.unsent)

    def copy_email_text(self) -> None:
        from secdesk.reports.notifications import email_text

        lines = self.selected()
        if lines:
            QGuiApplication.clipboard().setText(email_text(lines))

    def save_workbook(self, path: Path | None = None) -> None:
        from secdesk.reports.notifications import save_notifications

        lines = self.selected()
        if not lines:
            return
        if path is None:
            suggested = (
                paths.default_publish_folder().parent
                / f"Notifications {date.today():%Y-%m-%d}.xlsx"
            )
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save notifications", str(suggested), "Excel workbook (*.xlsx)"
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            save_notifications(path, lines, date.today())
        except OSError as exc:
            show_error(self, exc)  # in plain words, naming the file

    def mark_sent(self) -> None:
        chosen = [self.unsent[i.row()] for i in self.table.selectionModel().selectedRows()]
        if not chosen or not self.may_send:
            return

        def work(session: Session) -> None:
            for n in chosen:
                notifications.mark_sent(session, n.id, n.version)

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.refresh()

        StoreOp(self, self.store, work).success(lambda _: self.refresh()).failure(
            failed
        ).run_in_background()

    def _update_buttons(self) -> None:
        self.copy_button.setEnabled(bool(self.unsent))
        self.save_button.setEnabled(bool(self.unsent))
        self.sent_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
