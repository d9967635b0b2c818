"""The Audit trail screen: every change to every record, newest first, read a page at a time;
filtered by user, record type, dates and record (type its number in the search box). The
trail is read-only here. "Restore old value" puts back the value a field had before the
selected change, through the register's own rules; that is a new change, audited in turn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QMessageBox, QWidget
from sqlalchemy.orm import Session

from secdesk.display import as_text
from secdesk.domain.roles import Action
from secdesk.gui.kit.filter_bar import Filter, Query
from secdesk.gui.kit.history import HistoryDialog
from secdesk.gui.kit.operations import StoreOp
from secdesk.gui.kit.record_list import RecordList
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.table_model import TableColumn
from secdesk.services import audit_trail
from secdesk.services.audit_trail import AuditFilter, Restored, TrailRow
from secdesk.store.engine import Store

EARLIEST = QDate(2000, 1, 1)  # shown as "Any"
RESTORE_TIP = "Put back the value the field had before the selected change (a new, audited change)"


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(EARLIEST)
    edit.setSpecialValueText("Any")
    edit.setDate(EARLIEST)
    return edit


def _day(edit: QDateEdit) -> date | None:
    chosen = edit.date()
    if chosen == EARLIEST:
        return None
    day = chosen.toPython()
    assert isinstance(day, date)
    return day


class AuditPage(RecordList):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str] | None] = None  # every change is in the trail
    title = "Audit trail"
    singular = "change"
    plural = "changes"
    search_hint = "Record number"
    settings_key = "audit_trail"
    page_size = audit_trail.PAGE_SIZE
    columns = (
        TableColumn[TrailRow]("When", "at", lambda r: as_text(r.at)),
        TableColumn[TrailRow]("Who", None, lambda r: r.user),
        TableColumn[TrailRow]("Record", None, lambda r: r.record),
        TableColumn[TrailRow]("What", None, lambda r: r.what),
        TableColumn[TrailRow]("Field", None, lambda r: r.field),
        TableColumn[TrailRow]("Old value", None, lambda r: r.old or ""),
        TableColumn[TrailRow]("New value", None, lambda r: r.new or ""),
    )
    filters = (
        Filter("user", "&User", [("Anyone", None)]),
        Filter("table", "Record &type", [("Any record", None)]),
    )

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.table.setSortingEnabled(False)  # always newest first: the keyset's order
        self.new_button.hide()
        self.open_button.setText("&Restore old value")
        self.open_button.setToolTip(RESTORE_TIP)
        gate(store, Action.RESTORE_VALUE, self.open_button)
        self.history_button.setText("Record &history")
        bar = self.findChild(QHBoxLayout, "filterBar")
        assert isinstance(bar, QHBoxLayout), "register.ui lost its filterBar"
        self.since_edit = _date_edit(self, "sinceFilter")
        self.until_edit = _date_edit(self, "untilFilter")
        position = bar.count() - 1  # before the stretch
        for offset, (text, edit) in enumerate(
            (("&From", self.since_edit), ("T&o", self.until_edit))
        ):
            label = QLabel(text, self)
            label.setBuddy(edit)
            bar.insertWidget(position + 2 * offset, label)
            bar.insertWidget(position + 2 * offset + 1, edit)
            edit.dateChanged.connect(self.refresh)
        self.restored: Restored | None = None

    # ---- the list -------------------------------------------------------------------------

    def filter_choices(self, session: Session) -> Mapping[str, Sequence[tuple[str, Any]]]:
        return self.choices_and_count(session, self.current_query(), choices=True, count=False)[0]

    def choices_and_count(
        self, session: Session, query: Query, *, choices: bool, count: bool
    ) -> tuple[Mapping[str, Sequence[tuple[str, Any]]], int | None]:
        if not choices:
            return {}, self.count_rows(session, query) if count else None
        found = audit_trail.filter_choices(session, self.where(query) if count else None)
        users = [(name, name) for name in found.users]
        return {"user": users, "table": found.record_types}, found.count

    def where(self, query: Query) -> AuditFilter:
        number = query.search.strip()
        return AuditFilter(
            user=query.filters.get("user"),
            since=_day(self.since_edit),
            until=_day(self.until_edit),
            table=query.filters.get("table"),
            record_id=int(number) if number.isdigit() else None,
        )

    def query(self, session: Session, query: Query, after: Any = None) -> list[TrailRow]:
        return audit_trail.trail_page(session, self.where(query), after)

    def page_cursor(self, row: TrailRow) -> Any:
        return row.cursor

    def count_rows(self, session: Session, query: Query) -> int | None:
        return audit_trail.count_entries(session, self.where(query))

    def describe(self, row: TrailRow) -> str:
        return row.record

    # ---- restore and history --------------------------------------------------------------

    def _update_buttons(self) -> None:
        super()._update_buttons()
        row = self.selected()
        problem = row.restore_problem if row is not None else None
        self.open_button.setEnabled(row is not None and problem is None)
        self.open_button.setToolTip(f"Cannot restore: {problem}" if problem else RESTORE_TIP)

    def new_record(self) -> None:
        """The trail is never written from here."""

    def open_selected(self) -> None:
        self.restore_selected()

    def restore_selected(self, confirm: bool = True) -> None:
        row = self.selected()
        if row is None or row.restore_problem is not None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                "Restore old value",
                f"Put back {row.record}'s {row.field or row.what} as "
                f"{row.old or '(blank)'}?\n\nThis is recorded in the trail as a new change.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        def done(restored: Restored) -> None:
            self.restored = restored
            self.refresh()

        StoreOp(self, self.store, lambda s: audit_trail.restore(s, row.id)).success(
            done
        ).run_in_background()

    def show_history(self) -> None:
        row = self.selected()
        if row is not None:
            self.history = HistoryDialog(
                self.store, row.owner_table, row.owner_id, row.record, self
            )
            self.history.open()
