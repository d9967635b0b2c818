"""The Assessments screen: the register of security and privacy assessments (Enter opens
one, Ctrl+N books one), and below it the Due and overdue list across every obligation,
soonest first (Ctrl+D goes to it; Enter there opens the assessment or the Party's security
profile; Ctrl+R records a G5.27 return)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy.orm import Session

from secdesk.domain import AssessmentKind, AssessmentOutcome
from secdesk.domain.roles import Action
from secdesk.gui.kit.editor_spec import EditorSpec, Loaded
from secdesk.gui.kit.filter_bar import Filter, Query
from secdesk.gui.kit.operations import ReadOp, show_error
from secdesk.gui.kit.read_only_table import fill, read_only_table
from secdesk.gui.kit.record_list import RecordList
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.table_model import TableColumn
from secdesk.gui.kit.values import enum_choices
from secdesk.services import assessments, obligations, parties
from secdesk.services.assessments import ASSESSMENT_FIELDS, AssessmentSummary
from secdesk.services.obligations import DueItem
from secdesk.store.engine import Store

OPEN = "open"
DUE_WITHIN = 90  # days ahead the Due list looks (secdesk assessments due: all of them)
OVERDUE_COLOUR = QColor("#B00020")


def _load(session: Session, assessment_id: int) -> Loaded:
    assessment = assessments.get_assessment(session, assessment_id)
    linked = assessments.enquiries_about(session, assessment_id)
    return Loaded(
        ASSESSMENT_FIELDS.snapshot(assessment),
        assessment.version,
        f"{assessment.kind.short}, {assessment.party.name}",
        {
            "enquiriesValue": "\n".join(
                f"{number}  {received:%d/%m/%Y}  {subject}" for number, received, subject in linked
            )
            or "none linked yet (link one from the Helpdesk's enquiry form)"
        },
    )


def _choices(session: Session) -> dict[str, list[tuple[str, Any]]]:
    return {"party_id": parties.party_choices(session, current_only=True)}


ASSESSMENT_EDITOR = EditorSpec(
    form="assessment_editor.ui",
    fields=ASSESSMENT_FIELDS,
    noun="assessment",
    audit_table="assessment",
    load=_load,
    create=lambda session, data: assessments.create_assessment(session, data).id,
    update=lambda session, assessment_id, changes, version: (
        assessments.update_assessment(session, assessment_id, changes, version).id
    ),
    choices=_choices,
    static_choices={
        "kind": enum_choices(AssessmentKind),
        "outcome": [("", None), *enum_choices(AssessmentOutcome)],
    },
    defaults={"kind": AssessmentKind.FUSA, "non_compliances": False},
    action=Action.EDIT_REGISTER,
)


class AssessmentRegister(RecordList):
    shows: ClassVar[frozenset[str]] = frozenset(
        {"assessment", "security_profile", "g527_return", "party", "party_dcc_role"}
    )
    title = "Assessments"
    singular = "assessment"
    plural = "assessments"
    search_hint = "Search Party"
    settings_key = "assessment_list"
    editor_spec = ASSESSMENT_EDITOR
    columns = (
        TableColumn[AssessmentSummary]("Party", "party", lambda a: a.party_name),
        TableColumn[AssessmentSummary]("Type", "kind", lambda a: a.kind.short),
        TableColumn[AssessmentSummary](
            "Requested", "requested_for", lambda a: f"{a.requested_for:%d/%m/%Y}"
        ),
        TableColumn[AssessmentSummary]("Status", None, lambda a: a.status),
    )
    filters = (Filter("state", "&Show", [("All assessments", None), ("Open (no outcome)", OPEN)]),)
    due_loaded = Signal(int)

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(store, parent)
        self.due_items: list[DueItem] = []
        heading = QLabel(
            f"<b>Due and overdue</b> — overdue, and due in the next {DUE_WITHIN} days (Ctrl+D)",
            self,
        )
        self.due = read_only_table(
            ["Due", "Status", "Party", "Obligation", "Detail"], self, "dueTable"
        )
        self.due.setAccessibleName("Obligations due and overdue")
        self.due.setWordWrap(False)
        self.return_button = QPushButton("Record G5.27 &return…", self)
        self.profile_button = QPushButton("Security &profile…", self)
        layout = self.layout()
        assert layout is not None
        for widget in (heading, self.due):
            layout.addWidget(widget)
        self.button_bar.addWidget(self.profile_button)
        self.button_bar.addWidget(self.return_button)
        self.may_edit = gate(store, Action.EDIT_REGISTER, self.return_button, self.profile_button)
        self.return_button.clicked.connect(self.record_return)
        self.profile_button.clicked.connect(self.edit_profile)
        QShortcut(QKeySequence("Ctrl+D"), self, self.due.setFocus)
        QShortcut(QKeySequence("Ctrl+R"), self, self.record_return)
        for key in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(key), self.due)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_due)

    def query(self, session: Session, query: Query, after: Any = None) -> list[AssessmentSummary]:
        return assessments.list_assessments(
            session,
            search=query.search,
            open_only=query.filters["state"] == OPEN,
            sort=query.sort,
            descending=query.descending,
        )

    def describe(self, row: AssessmentSummary) -> str:
        return f"{row.kind.short}, {row.party_name}"

    def refresh(self) -> None:
        super().refresh()
        today = date.today()

        def show(items: list[DueItem]) -> None:
            self.due_items = items
            fill(
                self.due,
                [
                    [f"{i.due_on:%d/%m/%Y}", i.status(today), i.party, i.obligation, i.detail]
                    for i in items
                ],
            )
            for row, item in enumerate(items):
                detail = self.due.item(row, 4)
                if detail is not None:
                    detail.setToolTip(item.detail)  # whole, where the column cuts it short
                if item.overdue(today):
                    for column in (0, 1):
                        cell = self.due.item(row, column)
                        if cell is not None:
                            cell.setForeground(OVERDUE_COLOUR)
            self.due.resizeColumnsToContents()
            self.due_loaded.emit(len(items))

        ReadOp(self, self.store, lambda s: obligations.due(s, today, DUE_WITHIN)).success(
            show
        ).failure(lambda exc: show_error(self, exc)).run_in_background()

    def chosen_due(self) -> DueItem | None:
        rows = self.due.selectionModel().selectedRows()
        return self.due_items[rows[0].row()] if rows else None

    def open_due(self) -> None:
        """Enter on the Due list: the assessment it follows from, else the Party's profile."""
        item = self.chosen_due()
        if item is None:
            return
        if item.assessment_id is not None:
            self._edit(item.assessment_id)
        elif item.obligation == "G5.27 return":
            self.record_return()
        else:
            self.edit_profile()

    def _party_of_choice(self) -> tuple[int, str] | None:
        """The Party of the due item in hand, else of the assessment selected."""
        item = self.chosen_due()
        row = self.selected()
        if item is not None and (self.due.hasFocus() or row is None):
            return item.party_id, item.party
        return (row.party_id, row.party_name) if row is not None else None

    def record_return(self) -> None:
        from secdesk.gui.screens.security_profile import ReturnDialog

        item = self.chosen_due()
        if not self.may_edit or item is None or item.obligation != "G5.27 return":
            self.due.setFocus()
            return
        ReturnDialog(self.store, item, self).open()

    def edit_profile(self) -> None:
        from secdesk.gui.screens.security_profile import ProfileDialog

        chosen = self._party_of_choice()
        if self.may_edit and chosen is not None:
            ProfileDialog(self.store, *chosen, self).open()
