"""The Operations Contacts register: list (with the contacts due for their quarterly
confirmation picked out) and the contact editor."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.display import FORMATS
from secdesk.domain import ContactPriority
from secdesk.domain.contact import CONFIRMATION_DUE_AFTER_MONTHS as DUE_MONTHS
from secdesk.gui.kit.editor_spec import EditorSpec, Loaded
from secdesk.gui.kit.filter_bar import Filter, Query
from secdesk.gui.kit.record_list import RecordList
from secdesk.gui.kit.table_model import TableColumn
from secdesk.gui.kit.values import enum_choices
from secdesk.services import contacts, parties
from secdesk.services.contacts import CONTACT_FIELDS, ContactSummary

OVERDUE = "overdue"


def _load(session: Session, contact_id: int) -> Loaded:
    contact = contacts.get_contact(session, contact_id)
    return Loaded(
        CONTACT_FIELDS.snapshot(contact), contact.version, f"{contact.name}, {contact.party.name}"
    )


def _choices(session: Session) -> dict[str, list[tuple[str, Any]]]:
    return {"party_id": parties.party_choices(session, current_only=True)}


CONTACT_EDITOR = EditorSpec(
    form="contact_editor.ui",
    fields=CONTACT_FIELDS,
    noun="operations contact",
    audit_table="operations_contact",
    load=_load,
    create=lambda session, data: contacts.create_contact(session, data).id,
    update=lambda session, contact_id, changes, version: (
        contacts.update_contact(session, contact_id, changes, version).id
    ),
    choices=_choices,
    static_choices={"priority": enum_choices(ContactPriority)},
    defaults={"priority": ContactPriority.MAIN},
    formats=FORMATS["operations_contact"],
)


class ContactRegister(RecordList):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str]] = frozenset({"operations_contact", "party"})
    title = "Operations Contacts"
    singular = "contact"
    plural = "contacts"
    search_hint = "Search name, e-mail or Party"
    settings_key = "contact_list"
    editor_spec = CONTACT_EDITOR
    columns = (
        TableColumn[ContactSummary]("Party", "party", lambda c: c.party_name),
        TableColumn[ContactSummary]("Name", "name", lambda c: c.name),
        # Beside the name: in view on a 1,024-pixel screen, where the overdue show.
        TableColumn[ContactSummary](
            "Last confirmed",
            "last_confirmed",
            lambda c: v.format_date(c.last_confirmed) or "never",
            warn=lambda c: c.confirmation_overdue,
        ),
        TableColumn[ContactSummary]("Job title", "job_title", lambda c: c.job_title or ""),
        TableColumn[ContactSummary]("E-mail", "email", lambda c: c.email),
        TableColumn[ContactSummary]("Office phone", None, lambda c: v.format_phone(c.office_phone)),
        TableColumn[ContactSummary](
            "Out-of-hours phone",
            None,
            lambda c: v.format_phone(c.out_of_hours_phone),
        ),
        TableColumn[ContactSummary]("Priority", "priority", lambda c: c.priority.value),
        TableColumn[ContactSummary]("24x7", None, lambda c: "Yes" if c.is_24x7 else "No"),
    )
    filters = (
        Filter(
            "confirmation",
            "&Show",
            [
                ("All contacts", None),
                (f"Not confirmed in the last {DUE_MONTHS} months", OVERDUE),
            ],
        ),
    )

    def query(self, session: Session, query: Query, after: Any = None) -> list[ContactSummary]:
        return contacts.list_contacts(
            session,
            search=query.search,
            overdue_only=query.filters["confirmation"] == OVERDUE,
            sort=query.sort,
            descending=query.descending,
        )

    def describe(self, row: ContactSummary) -> str:
        return f"{row.name}, {row.party_name}"
