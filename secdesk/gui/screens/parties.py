"""The Parties register: list, filters and the Party editor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.display import FORMATS
from secdesk.domain import DccUserRole, EntryTest, LicenceType, PartyCategory, PartyStatus
from secdesk.domain.roles import Action
from secdesk.gui.kit.editor_spec import EditorSpec, ListColumn, Loaded
from secdesk.gui.kit.filter_bar import Filter, Query
from secdesk.gui.kit.live import PARTY_TABLES
from secdesk.gui.kit.record_list import RecordList
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.table_model import TableColumn
from secdesk.gui.kit.values import CURRENT, FORMER, current_only, enum_choices
from secdesk.services import parties, uep_gate
from secdesk.services.parties import PartySummary
from secdesk.services.party_fields import PARTY_FIELDS
from secdesk.store.engine import Store

if TYPE_CHECKING:
    from secdesk.gui.screens.membership_event import MembershipEventDialog


def _load(session: Session, party_id: int) -> Loaded:
    party = parties.get_party(session, party_id, whole=True)
    earlier = "; ".join(
        f"{n.name} (until {v.format_date(n.changed_on)})" for n in party.previous_names
    )
    return Loaded(
        PARTY_FIELDS.snapshot(party),
        party.version,
        party.name,
        {
            "statusValue": party.status.value,
            "lastUpdatedValue": v.format_date(party.last_updated) or "—",
            "previousNamesValue": earlier or "—",
        },
    )


def _choices(session: Session) -> dict[str, list[tuple[str, Any]]]:
    return {"voting_group": [(name, name) for name in parties.voting_group_names(session)]}


PARTY_EDITOR = EditorSpec(
    form="party_editor.ui",
    fields=PARTY_FIELDS,
    noun="party",
    audit_table="party",
    load=_load,
    create=lambda session, data: parties.create_party(session, data).id,
    # Recording a UEP completion without an approved assessment asks for a reason.
    update=lambda session, party_id, changes, version: (
        uep_gate.update_party(session, party_id, changes, version).id
    ),
    choices=_choices,
    static_choices={"category": enum_choices(PartyCategory)},
    formats=FORMATS["party"],
    new_names={"voting_group": "voting group"},
    lists={
        "licences": (ListColumn("Type", enum_choices(LicenceType)), ListColumn("Reference")),
        "mpids": (ListColumn("MPID"),),
        "gas_identifiers": (ListColumn("Gas identifier"),),
        "dcc_roles": (ListColumn("Role", enum_choices(DccUserRole)), ListColumn("UEP completed")),
        "affiliates": (ListColumn("Affiliate"),),
        # SREPT once (no role); UEPT once for each DCC User role.
        "testing": (
            ListColumn("Test", enum_choices(EntryTest)),
            ListColumn("DCC User role", [("", None), *((r.words, r) for r in DccUserRole)]),
            ListColumn("Completed"),
        ),
    },
)


class PartyRegister(RecordList):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str]] = PARTY_TABLES | {"organisation", "id_allocation"}
    title = "Parties"
    singular = "party"
    plural = "parties"
    search_hint = "Search name, company number or MPID"
    settings_key = "party_list"
    editor_spec = PARTY_EDITOR
    columns = (
        TableColumn[PartySummary]("Party name", "name", lambda p: p.name),
        TableColumn[PartySummary]("Category", "category", lambda p: p.category.value),
        TableColumn[PartySummary]("Status", "status", lambda p: p.status.value),
        TableColumn[PartySummary](
            "Company number", "company_number", lambda p: p.company_number or ""
        ),
        TableColumn[PartySummary]("Voting group", "voting_group", lambda p: p.voting_group or ""),
        TableColumn[PartySummary]("MPIDs", None, lambda p: "; ".join(p.mpids)),
        TableColumn[PartySummary](
            "Accession date", "accession_date", lambda p: v.format_date(p.accession_date)
        ),
    )
    filters = (
        Filter("category", "&Category", [("All categories", None), *enum_choices(PartyCategory)]),
        Filter(
            "status",
            "S&tatus",
            [
                ("All statuses", None),
                ("Current parties", CURRENT),
                ("Former parties", FORMER),
                *enum_choices(PartyStatus),
            ],
        ),
    )

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        bar = self.button_bar
        self.event_button = QPushButton("&Membership event…", self)
        self.event_button.setToolTip(
            "Record an accession, default, cure, withdrawal or expulsion (Ctrl+M)"
        )
        bar.insertWidget(bar.indexOf(self.history_button), self.event_button)
        self.event_button.clicked.connect(self.record_event)
        QShortcut(QKeySequence("Ctrl+M"), self, self.record_event)
        self.event_dialog: MembershipEventDialog | None = None
        self.may_record = gate(store, Action.RECORD_MEMBERSHIP, self.event_button)
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "event_button"):
            self.event_button.setEnabled(self.selected() is not None)

    def record_event(self) -> None:
        row = self.selected()
        if row is None or not self.may_record:
            return
        from secdesk.gui.screens.membership_event import MembershipEventDialog

        self.event_dialog = MembershipEventDialog(self.store, row.id, row.name, row.version, self)
        self.event_dialog.recorded.connect(self._after_save)
        self.event_dialog.open()

    def query(self, session: Session, query: Query, after: Any = None) -> list[PartySummary]:
        # Qt hands enum choices back as their text.
        category, status = query.filters["category"], query.filters["status"]
        current = current_only(status)
        return parties.list_parties(
            session,
            search=query.search,
            categories=[PartyCategory(category)] if category else [],
            statuses=[PartyStatus(status)] if status and current is None else [],
            current=current,
            sort=query.sort,
            descending=query.descending,
        )

    def dimmed(self, row: PartySummary) -> bool:
        return not row.status.is_current
