"""Reports → Panel meetings…: the SEC Panel's meeting dates, which the Operations Report
counts "since". An admin keeps them; everyone sees them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.domain.roles import Action
from secdesk.gui.kit.operations import ReadOp, StoreOp, say, show_error
from secdesk.gui.kit.role_gate import gate
from secdesk.services import panel_meetings
from secdesk.store.engine import Store


class PanelMeetingsDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.dates: list[date] = []
        self.setWindowTitle("SEC Panel meetings")
        self.resize(360, 420)
        note = QLabel(
            "The Operations Report tells the Panel what happened since its last meeting: "
            "from the day after the latest meeting held by the end of the month.",
            self,
        )
        note.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("panelMeetings")
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.add_button = QPushButton("&Add", self)
        self.remove_button = QPushButton("&Remove", self)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        adding = QHBoxLayout()
        label = QLabel("&Meeting on", self)
        label.setBuddy(self.date_edit)
        for widget in (label, self.date_edit, self.add_button):
            adding.addWidget(widget)
        below = QHBoxLayout()
        below.addWidget(self.remove_button)
        below.addStretch(1)
        below.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(adding)
        layout.addLayout(below)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.may_keep = gate(
            store, Action.KEEP_PANEL_MEETINGS, self.add_button, self.remove_button, self.date_edit
        )
        self.refresh()

    def refresh(self) -> None:
        def show(found: list[date]) -> None:
            self.dates = found
            self.list.clear()
            self.list.addItems([f"{held:%d/%m/%Y}" for held in found])

        ReadOp(self, self.store, panel_meetings.meetings).success(show).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def _change(self, work: Callable[[Session], object], words: str) -> None:
        def run(session: Session) -> object:
            self.store.require(Action.KEEP_PANEL_MEETINGS)
            return work(session)

        def done(_result: object) -> None:
            say(self, words)
            self.refresh()

        StoreOp(self, self.store, run).success(done).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def add(self) -> None:
        picked = self.date_edit.date()
        held = date(picked.year(), picked.month(), picked.day())
        self._change(
            lambda session: panel_meetings.add_meeting(session, held),
            f"Recorded the meeting of {held:%d/%m/%Y}",
        )

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        held = self.dates[row]
        self._change(
            lambda session: panel_meetings.remove_meeting(session, held),
            f"Removed the meeting of {held:%d/%m/%Y}",
        )
