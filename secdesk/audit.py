"""The audit trail, written in the same transaction as every change.

One session hook serves every register: after each flush it compares each audited object's
columns with what they were, and inserts one AuditEntry row per changed field (who, when,
table, record, field, old, new). Services never write audit rows by hand, so no change can
forget to. Bulk loads that bypass the ORM (demo enquiries) are not edits and are not audited.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from secdesk.domain.audit import AuditEntry
from secdesk.domain.base import Audited, utcnow
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
    mapper = state.mapper
    table = mapper.local_table.name
    record_id = state.identity[0] if state.identity else getattr(obj, "id", None)
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
        if key in obj.__audit_exclude__ or key == "id":
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


def _after_flush(session: Session, _context: Any) -> None:
    user = session.info.get("user") or "unknown"
    at = utcnow()
    rows: list[dict[str, Any]] = []
    for objects, action in (
        (session.new, AuditAction.CREATE),
        (session.dirty, AuditAction.UPDATE),
        (session.deleted, AuditAction.DELETE),
    ):
        for obj in objects:
            if isinstance(obj, Audited):
                rows.extend(_rows_for(obj, action, user, at))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def install(factory: sessionmaker[Session]) -> None:
    if not event.contains(factory, "after_flush", _after_flush):
        event.listen(factory, "after_flush", _after_flush)
