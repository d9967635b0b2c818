"""The whole audit trail: read it filtered by user, dates, record type and record, and
restore a past value of a field.

The trail is never edited. Restoring a value is a new change made through the register's
own update service (same rules, same version check), so it is audited like any other edit.
A Party's code lists (MPIDs, gas identifiers, affiliates) are restored item by item: an item
removed comes back, an item added goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from secdesk.audit import to_text
from secdesk.domain import (
    AuditAction,
    AuditEntry,
    Enquiry,
    IdAllocation,
    OperationsContact,
    Organisation,
    Party,
)
from secdesk.errors import NotFoundError, ValidationError
from secdesk.months import day_start
from secdesk.services import allocations, contacts, enquiries, parties
from secdesk.services.history import history
from secdesk.services.listing import Cursor, newest_first
from secdesk.services.names import names_by_id
from secdesk.services.party_fields import PARTY_FIELDS
from secdesk.services.records import FieldSet
from secdesk.services.trail_words import (
    field_label,
    in_words,
    models_by_table,
    referenced_wanted,
    table_label,
)

PAGE_SIZE = 200


@dataclass(frozen=True)
class Register:
    """A table whose fields can be restored: its model, fields and update service."""

    model: type[Any]
    fields: FieldSet
    update: Callable[[Session, int, Mapping[str, Any], int], Any]


REGISTERS = {
    "party": Register(Party, PARTY_FIELDS, parties.update_party),
    "operations_contact": Register(
        OperationsContact, contacts.CONTACT_FIELDS, contacts.update_contact
    ),
    "organisation": Register(
        Organisation, allocations.ORGANISATION_FIELDS, allocations.update_organisation
    ),
    "id_allocation": Register(
        IdAllocation, allocations.ALLOCATION_FIELDS, allocations.update_allocation
    ),
    "enquiry": Register(Enquiry, enquiries.ENQUIRY_FIELDS, enquiries.update_enquiry),
}
# A Party's child rows that are items of one of its list fields: table → (column, field).
PARTY_LISTS = {
    "mpid": ("code", "mpids"),
    "gas_identifier": ("code", "gas_identifiers"),
    "affiliate": ("name", "affiliates"),
}
# What a record is called in the trail.
NAMES: dict[str, Any] = {
    "party": Party.name,
    "operations_contact": OperationsContact.name,
    "organisation": Organisation.name,
    "enquiry": Enquiry.subject,
}


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; every part is optional. ``table`` and ``record_id`` name the
    record an entry belongs to (a Party's entries include its MPIDs and licences)."""

    user: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    table: str | None = None
    record_id: int | None = None


@dataclass(frozen=True)
class TrailRow:
    id: int
    at: datetime
    user: str
    action: AuditAction
    table: str
    record_id: int
    owner_table: str
    owner_id: int
    record: str  # "Party 12: Acme Energy"
    what: str  # "MPID added", "Party changed"
    field_key: str | None
    field: str  # its label
    old: str | None
    new: str | None

    @property
    def cursor(self) -> Cursor:
        return (self.at, self.id)

    @property
    def restore_problem(self) -> str | None:
        return restore_problem_of(self.action, self.table, self.field_key)


_ACTIONS = {
    AuditAction.CREATE: "added",
    AuditAction.UPDATE: "changed",
    AuditAction.DELETE: "removed",
}


def _conditions(where: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.user:
        conditions.append(AuditEntry.user_name == where.user)
    if where.since:
        conditions.append(AuditEntry.at >= day_start(where.since))
    if where.until:
        conditions.append(AuditEntry.at < day_start(where.until + timedelta(days=1)))
    if where.table and where.record_id is not None:
        conditions.append(
            or_(
                and_(AuditEntry.owner_table == where.table, AuditEntry.owner_id == where.record_id),
                and_(AuditEntry.table_name == where.table, AuditEntry.record_id == where.record_id),
            )
        )
    elif where.table:
        conditions.append(AuditEntry.owner_table == where.table)
    elif where.record_id is not None:  # that number in any kind of record
        conditions.append(
            or_(AuditEntry.owner_id == where.record_id, AuditEntry.record_id == where.record_id)
        )
    return conditions


def _query(where: AuditFilter) -> Select[Any]:
    return select(AuditEntry).where(*_conditions(where))


def _rows(session: Session, entries: list[AuditEntry]) -> list[TrailRow]:
    # The records' own names and the names their id fields point at: one statement.
    wanted = {f"ref {table}": ask for table, ask in referenced_wanted(entries).items()}
    for e in entries:
        if e.owner_table in NAMES:
            wanted.setdefault(e.owner_table, (NAMES[e.owner_table], set()))[1].add(e.owner_id)
    found = names_by_id(session, wanted)
    names = {key: name for key, name in found.items() if not key[0].startswith("ref ")}
    referenced = {(tag[4:], i): name for (tag, i), name in found.items() if tag.startswith("ref ")}
    rows = []
    for e in entries:
        owner = f"{table_label(e.owner_table)} {e.owner_id}"
        name = names.get((e.owner_table, e.owner_id))
        child = e.table_name != e.owner_table or e.record_id != e.owner_id
        rows.append(
            TrailRow(
                id=e.id,
                at=e.at,
                user=e.user_name,
                action=e.action,
                table=e.table_name,
                record_id=e.record_id,
                owner_table=e.owner_table,
                owner_id=e.owner_id,
                record=f"{owner}: {name}" if name else owner,
                what=f"{table_label(e.table_name) if child else table_label(e.owner_table)} "
                f"{_ACTIONS.get(e.action, e.action.value)}",
                field_key=e.field,
                field=field_label(e.table_name, e.field),
                old=in_words(e.table_name, e.field, e.old_value, referenced),
                new=in_words(e.table_name, e.field, e.new_value, referenced),
            )
        )
    return rows


def count_entries(session: Session, where: AuditFilter = AuditFilter()) -> int:
    query = select(func.count()).select_from(AuditEntry).where(*_conditions(where))
    return session.scalar(query) or 0


def trail_page(
    session: Session,
    where: AuditFilter = AuditFilter(),
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> list[TrailRow]:
    """Up to ``limit`` entries, newest first, after the cursor of the page before."""
    query = newest_first(_query(where), AuditEntry.at, AuditEntry.id, after, limit)
    return _rows(session, list(session.scalars(query)))


def record_history(session: Session, table: str, record_id: int) -> list[TrailRow]:
    """A record's History, newest first: its entries and those of the rows it owns, read the
    same way as the whole trail."""
    return _rows(session, list(reversed(history(session, table, record_id))))


def trail(
    session: Session, where: AuditFilter = AuditFilter(), batch: int = 1000
) -> Iterator[TrailRow]:
    """Every matching entry, oldest first, read in batches (for the command line)."""
    query = _query(where).order_by(AuditEntry.at, AuditEntry.id)
    entries: list[AuditEntry] = []
    for entry in session.scalars(query.execution_options(yield_per=batch)):
        entries.append(entry)
        if len(entries) >= batch:
            yield from _rows(session, entries)
            entries = []
    yield from _rows(session, entries)


@dataclass(frozen=True)
class TrailChoices:
    users: list[str]  # who is in the trail, by name
    record_types: list[tuple[str, str]]  # (label, table) of each kind of record, by label
    count: int | None  # entries matching the filter, when asked for


def filter_choices(session: Session, count_of: AuditFilter | None = None) -> TrailChoices:
    """The trail's two filters (and, with ``count_of``, how many entries match it), read
    in one statement."""
    parts: list[Any] = [
        select(literal("user", String), AuditEntry.user_name).distinct(),
        select(literal("table", String), AuditEntry.owner_table).distinct(),
    ]
    if count_of is not None:
        matching = select(literal("count", String), cast(func.count(), String))
        parts.append(matching.select_from(AuditEntry).where(*_conditions(count_of)))
    found = session.execute(union_all(*parts)).all()
    users = sorted((value for kind, value in found if kind == "user"), key=str.casefold)
    tables = ((table_label(value), value) for kind, value in found if kind == "table")
    count = next((int(value) for kind, value in found if kind == "count"), None)
    return TrailChoices(users, sorted(tables, key=lambda pair: pair[0].casefold()), count)


def find_table(name: str) -> str:
    """A record type as typed on the command line: ``party``, ``Operations contact``…"""
    wanted = name.strip().casefold().replace(" ", "_").replace("-", "_")
    for table, model in models_by_table().items():
        label = str(getattr(model, "__label__", "")).casefold().replace(" ", "_")
        if wanted in (table, label):
            return table
    raise ValidationError("Record", f"{name!r} is not a kind of record secdesk keeps")


# ---- restore -----------------------------------------------------------------------------


def restore_problem_of(action: AuditAction, table: str, field: str | None) -> str | None:
    """Why an entry's value cannot be restored, or None if it can."""
    if table in PARTY_LISTS:
        return None if field == PARTY_LISTS[table][0] else "only the item itself is restored"
    register = REGISTERS.get(table)
    if register is None:
        return f"{table_label(table)} changes are not restored from the trail"
    if field not in register.fields.fields:
        return f"{field_label(table, field)} is not restored from the trail; edit the record"
    if action is not AuditAction.UPDATE:
        return "this entry records the record being added or removed; there is no earlier value"
    return None


@dataclass(frozen=True)
class Restored:
    record: str
    field: str
    value: str | None


def restore(session: Session, entry_id: int) -> Restored:
    """Put back the value a field had before the change ``entry_id`` records (for a list
    item: add back a removed item, take away an added one). Audited as a new change."""
    entry = session.get(AuditEntry, entry_id)
    if entry is None:
        raise NotFoundError("Audit entry", entry_id)
    problem = restore_problem_of(entry.action, entry.table_name, entry.field)
    if problem:
        raise ValidationError("Restore", problem)
    if entry.table_name in PARTY_LISTS:
        return _restore_item(session, entry)
    register, key = REGISTERS[entry.table_name], entry.field or ""
    record = session.get(register.model, entry.record_id)
    label = field_label(entry.table_name, entry.field)
    if record is None:
        raise ValidationError(
            "Restore", f"{table_label(entry.table_name)} {entry.record_id} no longer exists"
        )
    field = register.fields.fields[key]
    if entry.old_value == to_text(field.get(record)):
        raise ValidationError(label, f"already holds {entry.old_value or '(blank)'}")
    register.update(session, record.id, {key: entry.old_value}, record.version)
    return Restored(f"{table_label(entry.table_name)} {record.id}", label, entry.old_value)


def _restore_item(session: Session, entry: AuditEntry) -> Restored:
    _, key = PARTY_LISTS[entry.table_name]
    party = session.get(Party, entry.owner_id)
    if party is None:
        raise ValidationError("Restore", f"Party {entry.owner_id} no longer exists")
    field = PARTY_FIELDS.fields[key]
    items = list(field.get(party))
    if entry.action is AuditAction.DELETE:
        item, present = entry.old_value, True
    elif entry.action is AuditAction.CREATE:
        item, present = entry.new_value, False
    else:  # an item renamed in place: the old text replaces the new
        items = [entry.old_value if i == entry.new_value else i for i in items]
        item, present = entry.old_value, True
    if entry.action is not AuditAction.UPDATE:
        if (item in items) == present:
            raise ValidationError(field.label, f"{item} is already {'held' if present else 'gone'}")
        items = [*items, item] if present else [i for i in items if i != item]
    parties.update_party(session, party.id, {key: items}, party.version)
    verb = "restored" if present else "taken away"
    return Restored(f"Party {party.id}", field.label, f"{item} {verb}")
