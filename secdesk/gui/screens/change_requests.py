"""The Change Requests screen: open requests oldest first with their age in working days; one
reviewed field by field (current beside requested, what differs in bold); approve (A), reject
(R), correct (E), action (Ctrl+Enter); below, the notifications not yet sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.display import as_text
from secdesk.domain import ChangeDecision, ChangeRequestStatus
from secdesk.domain.roles import Action
from secdesk.errors import ConflictError
from secdesk.gui.kit.asking import ask_line, ask_lines
from secdesk.gui.kit.button_row import button_row
from secdesk.gui.kit.live import CHANGE_TABLES
from secdesk.gui.kit.operations import ReadOp, StoreOp, show_error
from secdesk.gui.kit.read_only_table import fill, read_only_table
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.screen import Screen
from secdesk.gui.screens.change_intake import ChangeIntakeDialog
from secdesk.gui.screens.notifications import NotificationsPanel
from secdesk.services import change_requests as cr
from secdesk.services import change_review
from secdesk.services.change_review import RequestSummary, Review, ReviewLine
from secdesk.services.notifications import NotificationLine, notifications
from secdesk.store.engine import Store

DIFFERS = QColor("#fff4ce")
PROBLEM = QColor("#a4262c")


class ChangeRequestsPage(Screen):
    shows: ClassVar[frozenset[str]] = CHANGE_TABLES | {"party", "operations_contact"}  # live
    loaded = Signal(int)  # the list of requests is on screen
    reviewed = Signal(int)  # a request's review is on screen
    actioned = Signal(object)  # cr.Actioned

    # How the page asks the user for a reason or a corrected value (tests replace these).
    @staticmethod
    def ask_reason(parent: QWidget, label: str) -> str | None:
        return ask_line(parent, "Reject", f"Why is the change to {label} rejected?")

    @staticmethod
    def ask_value(parent: QWidget, label: str, value: str) -> str | None:
        return ask_lines(parent, "Correct", f"Corrected {label}:", value)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.requests: list[RequestSummary] = []
        self.review: Review | None = None
        self.intake: ChangeIntakeDialog | None = None
        self._pending = 0

        title = QLabel("Change Requests")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.new_button = QPushButton("&New request…", self)
        self.new_button.setToolTip("Record a Change in Party Details request (Ctrl+N)")
        self.show_closed = QCheckBox("Show c&losed", self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.show_closed)
        top.addWidget(self.new_button)

        self.request_table = read_only_table(
            ["No.", "Received", "Age", "Party", "Fields", "Pending", "Status"],
            self,
            "requestTable",
        )
        self.request_table.setAccessibleName("Change requests")
        self.request_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

        self.summary = QLabel("Choose a request to review it.", self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.line_table = read_only_table(
            ["Field", "Current value", "Requested value", "Decision", "Reason or problem"],
            self,
            "reviewTable",
        )
        self.line_table.setAccessibleName("Requested changes")
        header = self.line_table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.approve_button = QPushButton("&Approve", self)
        self.approve_button.setToolTip("Approve the selected change (A)")
        self.reject_button = QPushButton("&Reject…", self)
        self.reject_button.setToolTip("Reject the selected change, with a reason (R)")
        self.correct_button = QPushButton("Corr&ect…", self)
        self.correct_button.setToolTip("Correct the requested value (E)")
        self.action_button = QPushButton("Action &request", self)
        self.action_button.setToolTip(
            "Apply the approved changes, close the request and produce the notifications "
            "(Ctrl+Enter)"
        )
        deciding = (self.approve_button, self.reject_button, self.correct_button)
        decide = button_row(deciding, (self.action_button,))
        review = QWidget(self)
        review_layout = QVBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.summary)
        review_layout.addWidget(self.line_table, 1)
        review_layout.addLayout(decide)

        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.request_table)
        upper.addWidget(review)
        upper.setStretchFactor(1, 2)
        upper.setSizes([380, 820])  # the review has five columns to the list's glance

        self.notices = NotificationsPanel(store, self)

        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(upper)
        body.addWidget(self.notices)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

        self.new_button.clicked.connect(self.new_record)
        self.show_closed.toggled.connect(self.refresh)
        self.request_table.itemSelectionChanged.connect(self._request_chosen)
        self.line_table.itemSelectionChanged.connect(self._update_buttons)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.correct_button.clicked.connect(self.correct_selected)
        self.action_button.clicked.connect(self.action_request)
        for keys, slot in (
            ("A", self.approve_selected),
            ("R", self.reject_selected),
            ("E", self.correct_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.line_table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.action_request)
        self.may_review = gate(store, Action.REVIEW_CHANGE_REQUEST, *deciding, self.action_button)
        self.may_record = gate(store, Action.RECORD_CHANGE_REQUEST, self.new_button)
        self._update_buttons()  # the window refreshes it when it is first shown

    # ---- the list of requests -------------------------------------------------------------

    def refresh(self) -> None:
        self._pending += 1
        ticket, open_only = self._pending, not self.show_closed.isChecked()
        keep = self.review.request_id if self.review else None

        def show(rows: list[RequestSummary]) -> None:
            if ticket != self._pending:
                return
            self.requests = rows
            self.request_table.blockSignals(True)
            fill(
                self.request_table,
                [
                    [
                        str(r.id),
                        as_text(r.received_on),
                        f"{r.age} day{'s' if r.age != 1 else ''}",
                        r.party,
                        str(r.fields),
                        str(r.pending),
                        r.status.value,
                    ]
                    for r in rows
                ],
            )
            self.request_table.blockSignals(False)
            ids = [r.id for r in rows]
            if keep in ids:
                self.request_table.selectRow(ids.index(keep))
            elif rows:
                self.request_table.selectRow(0)
            else:
                self._show_review(None)
            self.loaded.emit(len(rows))

        def read(session: Session) -> tuple[list[RequestSummary], list[NotificationLine]]:
            requests = change_review.list_requests(session, open_only=open_only)
            return requests, notifications(session)  # on one connection, one after the other

        def show_both(found: tuple[list[RequestSummary], list[NotificationLine]]) -> None:
            show(found[0])
            self.notices.show_lines(found[1])

        ReadOp(self, self.store, read).success(show_both).run_in_background()

    def choose(self, request_id: int) -> None:
        ids = [r.id for r in self.requests]
        self.request_table.selectRow(ids.index(request_id))

    def _request_chosen(self) -> None:
        rows = self.request_table.selectionModel().selectedRows()
        if rows:
            self.load_review(self.requests[rows[0].row()].id)

    def load_review(self, request_id: int) -> None:
        ReadOp(self, self.store, lambda s: change_review.review(s, request_id)).success(
            self._show_review
        ).run_in_background()

    # ---- one request ----------------------------------------------------------------------

    def _show_review(self, review: Review | None) -> None:
        previous = self.line_table.currentRow()
        self.review = review
        if review is None:
            self.summary.setText("No request to review.")
            self.line_table.setRowCount(0)
            self._update_buttons()
            return
        consents = [
            name
            for name, given in (
                ("the DCC", review.notify_dcc),
                ("Alt HAN Co", review.notify_alt_han),
            )
            if given
        ]
        closed = (
            f" by {review.closed_by} on {as_text(review.closed_at)}" if review.closed_at else ""
        )
        self.summary.setText(
            f"<b>Request {review.request_id}: {review.party_name}</b> ({review.party_category})"
            f"<br>Received {as_text(review.received_on)} from {review.requester_name} "
            f"&lt;{review.requester_email}&gt; · {review.age} working days old"
            f"<br>Notify: {' and '.join(consents) or 'nobody (no consent given)'}"
            f" · Status: {review.status.value}{closed}"
        )
        self.line_table.setRowCount(len(review.lines))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, line in enumerate(review.lines):
            actioned = line.old is not None
            values = [
                line.label,
                line.old if actioned else line.current,
                line.new if actioned else line.requested,
                line.decision.value,
                line.problem or line.reason or "",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value or "")
                item.setToolTip(value or "")
                if line.differs and c in (1, 2):
                    item.setBackground(QBrush(DIFFERS))
                    item.setFont(bold)
                if line.problem and c == 4:
                    item.setForeground(QBrush(PROBLEM))
                self.line_table.setItem(r, c, item)
        self.line_table.resizeRowsToContents()
        if review.lines:
            self.line_table.selectRow(min(max(previous, 0), len(review.lines) - 1))
        self._update_buttons()
        self.reviewed.emit(review.request_id)

    def _selected_line(self) -> ReviewLine | None:
        if self.review is None or self.review.status is not ChangeRequestStatus.OPEN:
            return None
        row = self.line_table.currentRow()
        return self.review.lines[row] if 0 <= row < len(self.review.lines) else None

    def _change(self, work: Callable[[Session, Review], Any], then_next: bool = False) -> None:
        review = self.review
        assert review is not None

        def done(_: Any) -> None:
            if then_next and self.line_table.currentRow() < self.line_table.rowCount() - 1:
                self.line_table.selectRow(self.line_table.currentRow() + 1)
            self.load_review(review.request_id)
            self.refresh()

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.load_review(review.request_id)

        StoreOp(self, self.store, lambda s: work(s, review)).success(done).failure(
            failed
        ).run_in_background()

    def approve_selected(self) -> None:
        self._decide(ChangeDecision.APPROVED)

    def reject_selected(self) -> None:
        self._decide(ChangeDecision.REJECTED)

    def _decide(self, decision: ChangeDecision) -> None:
        """Decide the selected field (a rejection asks why), then move to the next one."""
        line = self._selected_line()
        if line is None or not self.may_review:
            return
        reason = None
        if decision is ChangeDecision.REJECTED:
            reason = self.ask_reason(self, line.label)
            if reason is None:
                return
        self._change(
            lambda s, r: cr.decide(s, r.request_id, line.item_id, decision, reason, r.version),
            then_next=True,
        )

    def correct_selected(self) -> None:
        line = self._selected_line()
        if line is None or not self.may_review:
            return
        value = self.ask_value(self, line.label, line.requested)
        if value is not None:
            self._change(
                lambda s, r: cr.correct_value(s, r.request_id, line.item_id, value, r.version)
            )

    def action_request(self) -> None:
        review = self.review
        if review is None or review.status is not ChangeRequestStatus.OPEN or not self.may_review:
            return

        def done(result: cr.Actioned) -> None:
            changed = len(result.changed)
            told = " and ".join(r.value for r in result.notifications)
            QMessageBox.information(
                self,
                "Change request actioned",
                f"Request {review.request_id} is {result.status.value.lower()}: "
                f"{changed} field{'s' if changed != 1 else ''} changed."
                + (f" Notifications for {told} are waiting to be sent." if told else ""),
            )
            self.actioned.emit(result)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConflictError):
                QMessageBox.warning(
                    self,
                    "Changed meanwhile",
                    f"{review.party_name} was changed by someone else since you opened this "
                    "request. Nothing was applied. The review now shows the current values: "
                    "check them and action the request again.",
                )
            else:
                show_error(self, exc)
            self.load_review(review.request_id)

        StoreOp(
            self,
            self.store,
            lambda s: cr.action_request(s, review.request_id, review.version, review.seen),
        ).success(done).failure(failed).run_in_background()

    def when_loaded(self, callback: Callable[[], None]) -> None:
        self.loaded.connect(lambda _n: callback(), Qt.ConnectionType.SingleShotConnection)

    def new_record(self) -> None:  # New… here and Ctrl+N, from the window's File menu
        self.intake = ChangeIntakeDialog(self.store, self)
        self.intake.recorded.connect(self._recorded)
        self.intake.open()

    def _recorded(self, request_id: int) -> None:
        self.review = None
        self.refresh()
        self.load_review(request_id)

    def _update_buttons(self) -> None:
        open_review = self.review is not None and self.review.status is ChangeRequestStatus.OPEN
        line = self._selected_line()
        for button in (self.approve_button, self.reject_button, self.correct_button):
            button.setEnabled(line is not None)
        self.action_button.setEnabled(open_review)
