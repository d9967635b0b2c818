"""A record's history: the audit entries of the record and of the rows it owns."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import AuditEntry


def history(session: Session, table: str, record_id: int) -> list[AuditEntry]:
    """Oldest first; includes child rows (a Party's MPIDs, its contacts)."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.owner_table == table, AuditEntry.owner_id == record_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return list(session.scalars(query))
