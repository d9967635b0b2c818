"""Operations contacts: the people who manage DCC Critical Alerts for a Party."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, joinedload

from secdesk import validate as v
from secdesk.domain import ContactPriority, OperationsContact, Party
from secdesk.domain.contact import CONFIRMATION_DUE_AFTER_MONTHS
from secdesk.months import months_before
from secdesk.services.listing import search_condition, sort_order
from secdesk.services.records import (
    Field,
    FieldSet,
    choice_field,
    create_record,
    get_record,
    optional_field,
    referenced,
    required_field,
    retire_record,
    update_record,
)


def _party_id(raw: Any) -> int:
    return v.positive_integer(raw, "Party")


CONTACT_FIELDS = FieldSet(
    "Operations contact",
    Field("party_id", "Party", _party_id, required=True),
    required_field("name", "Contact name", lambda raw, label: v.required_text(raw, label, 120)),
    optional_field("job_title", "Job title", lambda raw, label: v.required_text(raw, label, 120)),
    required_field("email", "E-mail", v.email),
    optional_field("office_phone", "Office phone", v.phone),
    optional_field("out_of_hours_phone", "Out-of-hours phone", v.phone),
    choice_field("priority", "Priority", ContactPriority),
    Field("is_24x7", "24x7", lambda raw: v.yes_no(raw, "24x7")),
    optional_field("last_confirmed", "Last confirmed", v.parse_date),
)


def _check_party(
    session: Session, contact: OperationsContact | None, cleaned: dict[str, Any]
) -> None:
    referenced(session, Party, cleaned.get("party_id"), "Party")


def create_contact(session: Session, data: Mapping[str, Any]) -> OperationsContact:
    return create_record(session, OperationsContact(), data, CONTACT_FIELDS, _check_party)


def update_contact(
    session: Session, contact_id: int, changes: Mapping[str, Any], expected_version: int
) -> OperationsContact:
    return update_record(
        session,
        OperationsContact,
        contact_id,
        changes,
        expected_version,
        CONTACT_FIELDS,
        _check_party,
    )


def confirm_contact(
    session: Session, contact_id: int, expected_version: int, on: date | None = None
) -> OperationsContact:
    """The Party confirmed the contact is still right (SECAS asks quarterly)."""
    return update_contact(
        session, contact_id, {"last_confirmed": on or date.today()}, expected_version
    )


def retire_contact(session: Session, contact_id: int, expected_version: int) -> OperationsContact:
    """The contact no longer acts for the Party: off the list, kept in the history."""
    return retire_record(session, OperationsContact, contact_id, expected_version, CONTACT_FIELDS)


def confirmation_due_before(today: date | None = None) -> date:
    """Contacts last confirmed before this day are overdue for confirmation."""
    return months_before(today or date.today(), CONFIRMATION_DUE_AFTER_MONTHS)


@dataclass(frozen=True)
class ContactSummary:
    id: int
    party_id: int
    party_name: str
    name: str
    job_title: str | None
    email: str
    office_phone: str | None
    out_of_hours_phone: str | None
    priority: ContactPriority
    is_24x7: bool
    last_confirmed: date | None
    confirmation_overdue: bool
    version: int


CONTACT_SORTABLE = {
    "party": Party.name,
    "name": OperationsContact.name,
    "job_title": OperationsContact.job_title,
    "email": OperationsContact.email,
    "priority": OperationsContact.priority,
    "last_confirmed": OperationsContact.last_confirmed,
}


def list_contacts(
    session: Session,
    *,
    search: str | None = None,
    party_id: int | None = None,
    overdue_only: bool = False,
    today: date | None = None,
    sort: str = "party",
    descending: bool = False,
) -> list[ContactSummary]:
    """Current contacts matching a search (name, e-mail or Party) and filters, in SQL;
    ``overdue_only`` keeps those not confirmed in the last three months."""
    due = confirmation_due_before(today)
    query = select(OperationsContact, Party.name).join(Party)
    conditions: list[ColumnElement[bool]] = [OperationsContact.retired_at.is_(None)]
    matching = search_condition(search, OperationsContact.name, OperationsContact.email, Party.name)
    if matching is not None:
        conditions.append(matching)
    if party_id is not None:
        conditions.append(OperationsContact.party_id == party_id)
    if overdue_only:
        conditions.append(
            or_(OperationsContact.last_confirmed.is_(None), OperationsContact.last_confirmed < due)
        )
    query = query.where(*conditions).order_by(
        sort_order(CONTACT_SORTABLE, sort, descending, "contacts"),
        Party.name,
        OperationsContact.priority,
        OperationsContact.name,
        OperationsContact.id,
    )
    return [
        ContactSummary(
            id=c.id,
            party_id=c.party_id,
            party_name=party_name,
            name=c.name,
            job_title=c.job_title,
            email=c.email,
            office_phone=c.office_phone,
            out_of_hours_phone=c.out_of_hours_phone,
            priority=c.priority,
            is_24x7=c.is_24x7,
            last_confirmed=c.last_confirmed,
            confirmation_overdue=c.last_confirmed is None or c.last_confirmed < due,
            version=c.version,
        )
        for c, party_name in session.execute(query)
    ]


def get_contact(session: Session, contact_id: int) -> OperationsContact:
    """The contact with its Party, in one statement."""
    return get_record(
        session, OperationsContact, contact_id, (joinedload(OperationsContact.party),)
    )
