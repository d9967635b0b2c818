"""The audit trail of a SQLite store, written in the same transaction as every change.

(On PostgreSQL the database writes it, in the same words: secdesk.store.guard.trail.)

One mechanism serves every register: as the ORM inserts, updates or deletes a row of an
audited class (including child rows removed from a collection), it writes one AuditEntry per
changed field (who, when, table, record, field, old, new) on the same connection, all of
one flush's entries in one statement. Services
never write audit rows by hand, so no change can forget to. Bulk loads that bypass the ORM
(demo enquiries) are not edits and are not audited.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, event, inspect
from sqlalchemy.orm import Session, object_session

from secdesk.domain.audit import AuditEntry
from secdesk.domain.base import Audited, Base, utcnow
from secdesk.domain.enums import AuditAction
from secdesk.store.bulk import insert_rows


def to_text(value: Any) -> str | None:
    """How a value is written in the trail: the words people read, dates in ISO form."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _owner(obj: Audited, table: str, record_id: int) -> tuple[str, int]:
    if obj.__audit_owner__ is None:
        return table, record_id
    owner_table, attribute = obj.__audit_owner__
    return owner_table, getattr(obj, attribute)


_KEYS: dict[type, tuple[str, ...]] = {}


def _audited_keys(cls: type[Audited]) -> tuple[str, ...]:
    """The fields of a class the trail records (worked out once a class, not once a row)."""
    if cls not in _KEYS:
        owner_attribute = cls.__audit_owner__[1] if cls.__audit_owner__ else None
        _KEYS[cls] = tuple(
            attr.key
            for attr in inspect(cls).column_attrs
            if attr.key not in cls.__audit_exclude__ and attr.key not in ("id", owner_attribute)
        )
    return _KEYS[cls]


# One entry as gathered: action, table, record, owner table, owner, field, old, new. Who and
# when are the same for a whole flush and are added as it is written.
Entry = tuple[AuditAction, str, int, str, int, str, str | None, str | None]


def _entries_for(obj: Audited, action: AuditAction) -> list[Entry]:
    state = inspect(obj)
    table = state.mapper.local_table.name
    record_id: int = state.identity[0] if state.identity else obj.id  # type: ignore[attr-defined]
    owner_table, owner_id = _owner(obj, table, record_id)
    head = (action, table, record_id, owner_table, owner_id)
    loaded = state.dict
    entries: list[Entry] = []
    for key in _audited_keys(type(obj)):
        if action is AuditAction.UPDATE:
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if to_text(old) == to_text(new):
                continue
            entries.append((*head, key, to_text(old), to_text(new)))
            continue
        value = loaded[key] if key in loaded else getattr(obj, key)
        if value is None:
            continue
        if action is AuditAction.CREATE:
            entries.append((*head, key, None, to_text(value)))
        else:
            entries.append((*head, key, to_text(value), None))
    return entries


_PENDING = "audit entries of this flush"
# Set in a session's info when the database writes the trail itself (PostgreSQL, see
# secdesk.store.guard.trail): the ORM then writes none.
BY_DATABASE = "trail written by the database"


def _write(action: AuditAction) -> Any:
    def listener(_mapper: Any, _connection: Connection, target: Any) -> None:
        if not isinstance(target, Audited):
            return
        session = object_session(target)
        if session is None or session.info.get(BY_DATABASE):
            return
        session.info.setdefault(_PENDING, []).extend(_entries_for(target, action))

    return listener


def _start(session: Session, _context: Any, _instances: Any) -> None:
    # Entries gathered by a flush that failed part-way are not the trail of anything.
    session.info[_PENDING] = []


COLUMNS = (  # of audit_entry, as they are written
    "at",
    "user_name",
    "action",
    "table_name",
    "record_id",
    "owner_table",
    "owner_id",
    "field",
    "old_value",
    "new_value",
)


def _finish(session: Session, _context: Any) -> None:
    """The whole flush's entries at once, not a statement per record: a save writes a
    handful, an import tens of thousands (by COPY on PostgreSQL, secdesk.store.bulk)."""
    entries: list[Entry] = session.info.pop(_PENDING, None) or []
    if not entries:
        return
    at = utcnow()
    user = session.info.get("user") or "unknown"
    rows = [(at, user, *e) for e in entries]
    insert_rows(session.connection(), cast(Table, AuditEntry.__table__), COLUMNS, rows)


def install() -> None:
    """Listen on every mapped class and session (idempotent; done when a Store opens)."""
    for action, name in (
        (AuditAction.CREATE, "after_insert"),
        (AuditAction.UPDATE, "after_update"),
        (AuditAction.DELETE, "after_delete"),
    ):
        if action not in _LISTENERS:
            _LISTENERS[action] = _write(action)
            event.listen(Base, name, _LISTENERS[action], propagate=True)
    if not event.contains(Session, "before_flush", _start):
        event.listen(Session, "before_flush", _start)
        event.listen(Session, "after_flush", _finish)


_LISTENERS: dict[AuditAction, Any] = {}
