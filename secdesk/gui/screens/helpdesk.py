"""The Helpdesk screen: the enquiry log, newest first, read a page at a time as the user
scrolls; filters by month, category, channel, status, Party and assignee; indexed text
search; the quick-log form (Ctrl+N here, Ctrl+Shift+N anywhere; Ctrl+Enter saves and clears
for the next one); changing or resolving several enquiries at once; and the categories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QMenu,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.display import as_text
from secdesk.domain import Channel, EnquiryStatus
from secdesk.domain.base import utcnow
from secdesk.domain.roles import Action
from secdesk.gui.kit.editor_spec import EditorSpec, Loaded
from secdesk.gui.kit.filter_bar import Filter, Query
from secdesk.gui.kit.operations import ReadOp, StoreOp, say, show_error
from secdesk.gui.kit.record_list import RecordList
from secdesk.gui.kit.table_model import TableColumn
from secdesk.gui.kit.values import enum_choices
from secdesk.months import Month
from secdesk.services import assessment_links, enquiries, enquiry_log
from secdesk.services.assessment_links import EDITOR_FIELDS
from secdesk.services.enquiries import ENQUIRY_FIELDS
from secdesk.services.enquiry_log import UNRESOLVED, EnquiryFilter, EnquiryRow
from secdesk.services.lookups import helpdesk_lookups
from secdesk.store.engine import Store

MONTHS_OFFERED = 36
NOT_RESOLVED = "not resolved"


def _load(session: Session, enquiry_id: int) -> Loaded:
    enquiry = enquiries.get_enquiry(session, enquiry_id)
    values = ENQUIRY_FIELDS.snapshot(enquiry)
    values["assessment_id"] = assessment_links.linked_assessment(session, enquiry_id)
    return Loaded(values, enquiry.version, enquiry.subject)


def category_choices(session: Session) -> list[tuple[str, Any]]:
    return [
        (c.name if c.retired_at is None else f"{c.name} (retired)", c.id)
        for c in enquiries.list_categories(session, include_retired=True)
    ]


def _choices(session: Session) -> dict[str, list[tuple[str, Any]]]:
    lookups = helpdesk_lookups(session)  # one statement for the three lists
    return {
        "category_id": list(lookups.categories),
        "party_id": lookups.party_labels(),
        "assigned_to": [(name, name) for name in lookups.assignees],
        "assessment_id": [("", None), *lookups.assessments],
    }


def _fresh(session: Session) -> dict[str, Any]:
    """A new enquiry: received now, by e-mail, open, and the user's own."""
    return {
        "received_at": utcnow(),
        "channel": Channel.EMAIL,
        "status": EnquiryStatus.OPEN,
        "assigned_to": session.info.get("user"),
    }


ENQUIRY_EDITOR = EditorSpec(
    action=Action.EDIT_ENQUIRY,
    form="enquiry_editor.ui",
    fields=EDITOR_FIELDS,
    noun="enquiry",
    audit_table="enquiry",
    load=_load,
    create=assessment_links.log_enquiry,
    update=assessment_links.update_enquiry,
    choices=_choices,
    fresh=_fresh,
    static_choices={
        "channel": enum_choices(Channel),
        "status": enum_choices(EnquiryStatus),
    },
    formats={"enquirer_phone": v.format_phone},
    focus="category_id",
    save_and_next=True,
)


def _received(row: EnquiryRow) -> str:
    return as_text(row.received_at)


class HelpdeskRegister(RecordList):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str]] = frozenset({"enquiry", "enquiry_category", "party"})
    title = "Helpdesk"
    singular = "enquiry"
    plural = "enquiries"
    search_hint = "Search subject, enquirer or notes"
    settings_key = "enquiry_list"
    editor_spec = ENQUIRY_EDITOR
    create_action = Action.LOG_ENQUIRY
    page_size = enquiry_log.PAGE_SIZE
    columns = (
        TableColumn[EnquiryRow]("Received", "received", _received),
        TableColumn[EnquiryRow]("Channel", None, lambda r: r.channel.value),
        TableColumn[EnquiryRow]("Category", None, lambda r: r.category),
        TableColumn[EnquiryRow]("Party", None, lambda r: r.party or ""),
        TableColumn[EnquiryRow]("Enquirer", None, lambda r: r.enquirer or ""),
        TableColumn[EnquiryRow]("Subject", None, lambda r: r.subject),
        TableColumn[EnquiryRow]("Status", None, lambda r: r.status.value),
        TableColumn[EnquiryRow]("Assigned to", None, lambda r: r.assigned_to or ""),
    )
    filters = (
        Filter("month", "&Month", [("Any month", None)]),
        Filter("category", "Ca&tegory", [("Any category", None)]),
        Filter("channel", "C&hannel", [("Any channel", None), *enum_choices(Channel)]),
        Filter(
            "status",
            "&Status",
            [("Any status", None), ("Not resolved", NOT_RESOLVED), *enum_choices(EnquiryStatus)],
        ),
        Filter("party", "&Party", [("Any Party", None)]),
        Filter("assignee", "&Assigned to", [("Anyone", None)]),
    )

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(False)  # always newest first: the keyset's order
        bar = self.button_bar
        self.categories_button = QPushButton("Cate&gories…", self)
        self.categories_button.setToolTip("Add, rename or retire enquiry categories")
        self.change_button = QPushButton("&Change selected", self)
        menu = QMenu(self.change_button)
        menu.addAction("Category…", lambda: self.change_selected("category_id"))
        menu.addAction("Status…", lambda: self.change_selected("status"))
        menu.addAction("Assign to…", lambda: self.change_selected("assigned_to"))
        self.change_button.setMenu(menu)
        self.resolve_button = QPushButton("&Resolve", self)
        self.resolve_button.setToolTip("Resolve the selected enquiries (Ctrl+R)")
        position = bar.indexOf(self.history_button)
        for offset, button in enumerate(
            (self.categories_button, self.change_button, self.resolve_button)
        ):
            bar.insertWidget(position + offset, button)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.categories_button.clicked.connect(self.edit_categories)
        QShortcut(QKeySequence("Ctrl+R"), self, self.resolve_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_bulk)
        self._update_bulk()
        self.categories_dialog: QWidget | None = None

    # ---- the list -------------------------------------------------------------------------

    def filter_choices(self, session: Session) -> Mapping[str, Sequence[tuple[str, Any]]]:
        newest = Month.current()
        lookups = helpdesk_lookups(session)  # one statement for the three lists
        return {
            "month": [(m.long_label, m) for m in (newest.plus(-i) for i in range(MONTHS_OFFERED))],
            "category": list(lookups.categories),
            "party": [(party.name, party.id) for party in lookups.parties],
            "assignee": [(name, name) for name in lookups.assignees],
        }

    def where(self, query: Query) -> EnquiryFilter:
        f = query.filters
        status = f.get("status")
        statuses: tuple[EnquiryStatus, ...] = ()
        if status == NOT_RESOLVED:
            statuses = UNRESOLVED
        elif status:
            statuses = (EnquiryStatus(status),)  # the drop-down hands back plain text
        return EnquiryFilter(
            month=f.get("month"),
            category_id=f.get("category"),
            channel=Channel(f["channel"]) if f.get("channel") else None,
            statuses=statuses,
            party_id=f.get("party"),
            assigned_to=f.get("assignee"),
            search=query.search,
        )

    def query(self, session: Session, query: Query, after: Any = None) -> list[EnquiryRow]:
        return enquiry_log.enquiry_page(session, self.where(query), after)

    def page_cursor(self, row: EnquiryRow) -> tuple[datetime, int]:
        return row.cursor

    def count_rows(self, session: Session, query: Query) -> int | None:
        return enquiry_log.count_enquiries(session, self.where(query))

    def describe(self, row: EnquiryRow) -> str:
        return row.subject

    def dimmed(self, row: EnquiryRow) -> bool:
        return row.status is EnquiryStatus.RESOLVED

    # ---- several at once ------------------------------------------------------------------

    def _update_bulk(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.change_button.setEnabled(chosen)
        self.resolve_button.setEnabled(chosen)

    def resolve_selected(self) -> None:
        self._change(self.chosen_ids(), {"status": EnquiryStatus.RESOLVED})

    def change_selected(self, key: str) -> None:
        ids = self.chosen_ids()
        if not ids:
            return

        def ask(options: list[tuple[str, Any]]) -> None:
            label = ENQUIRY_FIELDS.label(key)
            names = [text for text, _ in options]
            text, ok = QInputDialog.getItem(
                self,
                f"Change {self.counted(len(ids))}",
                f"{label}:",
                names,
                0,
                key == "assigned_to",
            )
            if ok and text.strip():
                value = dict(options).get(text, text.strip())
                self._change(ids, {key: value})

        if key == "status":
            ask(enum_choices(EnquiryStatus))
            return
        read = category_choices if key == "category_id" else _people
        ReadOp(self, self.store, read).success(ask).run_in_background()

    def _change(self, ids: list[int], changes: dict[str, Any]) -> None:
        if not ids:
            return

        def done(count: int) -> None:
            what = ", ".join(ENQUIRY_FIELDS.label(key) for key in changes)
            say(self, f"{what} changed on {self.counted(count)}")
            self.select_after_load(ids)  # the same enquiries stay selected
            self.refresh()

        StoreOp(
            self, self.store, lambda session: enquiry_log.change_enquiries(session, ids, changes)
        ).success(done).failure(lambda exc: show_error(self, exc)).run_in_background()

    def edit_categories(self) -> None:
        from secdesk.gui.screens.helpdesk_categories import CategoriesDialog

        dialog = CategoriesDialog(self.store, self)
        dialog.changed.connect(self._categories_changed)
        self.categories_dialog = dialog
        dialog.open()

    def _categories_changed(self) -> None:
        def show(options: list[tuple[str, Any]]) -> None:
            self.set_filter_choices("category", options)
            self.refresh()

        ReadOp(self, self.store, category_choices).success(show).run_in_background()


def _people(session: Session) -> list[tuple[str, Any]]:
    me = session.info.get("user")
    names = enquiry_log.assignees(session)
    if me and me not in names:
        names.insert(0, me)
    return [(name, name) for name in names]
