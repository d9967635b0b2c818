"""The audit trail, written in the same transaction as every change.

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
from typing import Any

from sqlalchemy import Connection, event, insert, inspect
from sqlalchemy.orm import Session, object_session

from secdesk.domain.audit import AuditEntry
from secdesk.domain.base import Audited, Base, utcnow
from secdesk.domain.enums import AuditAction


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


def _rows_for(obj: Audited, action: AuditAction, user: str, at: datetime) -> list[dict[str, Any]]:
    state = inspect(obj)
    owner_attribute = obj.__audit_owner__[1] if obj.__audit_owner__ else None
    mapper = state.mapper
    table = mapper.local_table.name
    record_id: int = state.identity[0] if state.identity else obj.id  # type: ignore[attr-defined]
    owner_table, owner_id = _owner(obj, table, record_id)
    base = {
        "at": at,
        "user_name": user,
        "action": action,
        "table_name": table,
        "record_id": record_id,
        "owner_table": owner_table,
        "owner_id": owner_id,
    }
    rows = []
    for column_attr in mapper.column_attrs:
        key = column_attr.key
        if key in obj.__audit_exclude__ or key in ("id", owner_attribute):
            continue
        history = state.attrs[key].history
        if action is AuditAction.UPDATE:
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if to_text(old) == to_text(new):
                continue
        elif action is AuditAction.CREATE:
            old, new = None, getattr(obj, key)
            if new is None:
                continue
        else:
            old, new = getattr(obj, key), None
            if old is None:
                continue
        rows.append(base | {"field": key, "old_value": to_text(old), "new_value": to_text(new)})
    return rows


_PENDING = "audit rows of this flush"


def _write(action: AuditAction) -> Any:
    def listener(_mapper: Any, connection: Connection, target: Any) -> None:
        if not isinstance(target, Audited):
            return
        session = object_session(target)
        if session is None:
            return
        user = session.info.get("user") or "unknown"
        session.info.setdefault(_PENDING, []).extend(_rows_for(target, action, user, utcnow()))

    return listener


def _start(session: Session, _context: Any, _instances: Any) -> None:
    # Rows gathered by a flush that failed part-way are not the trail of anything.
    session.info[_PENDING] = []


def _finish(session: Session, _context: Any) -> None:
    """One statement for the whole flush's entries, not one per record: a save writes a
    handful, an import tens of thousands."""
    rows = session.info.pop(_PENDING, None)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


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
