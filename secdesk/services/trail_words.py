"""How the audit trail reads in words: the field as the editor labels it, a record a field
points at by its name (not its id), values formatted as the editor shows them, dates as
DD/MM/YYYY. One reader for History, the Audit Trail screen and `secdesk audit`, whichever
store (and writer: secdesk on SQLite, the database on PostgreSQL) wrote the entries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from secdesk.display import FORMATS, as_text
from secdesk.domain import AuditEntry, load_all
from secdesk.domain.base import Base
from secdesk.services.names import names_by_id


def table_label(table: str) -> str:
    """The name people know a table by (its model's label)."""
    model = models_by_table().get(table)
    return str(getattr(model, "__label__", table.replace("_", " ")))


@cache
def models_by_table() -> dict[str, type[Any]]:
    """Every mapped class by its table (the mappings are fixed once imported)."""
    load_all()
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def field_label(table: str, field: str | None) -> str:
    """As the editor labels the field; else its name in words ("Voting group", "Status
    since"): never a column's name."""
    if not field:
        return ""
    from secdesk.services.audit_trail import REGISTERS  # the editors' fields (it imports us)

    register = REGISTERS.get(table)
    if register is not None and field in register.fields.fields:
        return register.fields.label(field)
    words = field.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]


def _referenced(table: str, field: str | None) -> str | None:
    """The table a field's id points at (voting_group_id → voting_group), if any."""
    model = models_by_table().get(table)
    if model is None or not field or field not in model.__table__.columns:
        return None
    keys = model.__table__.columns[field].foreign_keys
    return next(iter(keys)).column.table.name if keys else None


# What a record is called when a field points at it.
_REFERENCE_NAMES = {
    "party": "name",
    "voting_group": "name",
    "enquiry_category": "name",
    "organisation": "name",
    "operations_contact": "name",
}


def referenced_wanted(entries: list[AuditEntry]) -> dict[str, tuple[Any, set[int]]]:
    """The records the entries' id fields point at, by table: (name column, ids), for
    secdesk.services.names."""
    wanted: dict[str, tuple[Any, set[int]]] = {}
    for e in entries:
        target = _referenced(e.table_name, e.field)
        column = _REFERENCE_NAMES.get(target) if target is not None else None
        if target is None or column is None:
            continue
        for value in (e.old_value, e.new_value):
            if value is not None and value.isdigit():
                model = models_by_table()[target]
                wanted.setdefault(target, (getattr(model, column), set()))[1].add(int(value))
    return wanted


def referenced_names(session: Session, entries: list[AuditEntry]) -> dict[tuple[str, int], str]:
    """The names of the records the entries' id fields point at, in one statement."""
    return names_by_id(session, referenced_wanted(entries))


def in_words(
    table: str, field: str | None, value: str | None, names: Mapping[tuple[str, int], str]
) -> str | None:
    """A value of the trail as the editor would show it: a Party by its name, not its id;
    a VAT number, phone number or EUI-64 formatted; a date as DD/MM/YYYY."""
    if value is None or field is None:
        return readable(value)
    if (table, field) == ("change_request_item", "field"):
        return _requested_field(value)
    target = _referenced(table, field)
    if target is not None and value.isdigit():
        return names.get((target, int(value)), f"{table_label(target)} {value} (since removed)")
    form = FORMATS.get(table, {}).get(field)
    if form is not None:
        try:
            return form(value)
        except (ValueError, TypeError):
            return value
    return readable(value)


def readable(value: str | None) -> str | None:
    """A value as the trail stores it (ISO dates and moments) as people read it elsewhere:
    DD/MM/YYYY, and moments in UK time to the minute."""
    if value is None or not _ISO.fullmatch(value):
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return as_text(moment.date() if len(value) == 10 else moment)


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?")


def _requested_field(key: str) -> str:
    """A requested change's field, as the request shows it: "Notices postcode", or
    "Operations contact 12: E-mail" (the key is ``vat_number`` or ``contact/12/email``)."""
    from secdesk.errors import ValidationError
    from secdesk.services.change_fields import field_of

    try:
        label = field_of(key).label
    except ValidationError:
        return key
    contact = key.split("/")[1] if "/" in key else None
    return f"{table_label('operations_contact')} {contact}: {label}" if contact else label
