"""The audit trail: one row per changed field. Written by secdesk.audit in the same
transaction as the change, never edited by the application."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from secdesk.domain.base import Base, UTCDateTime, enum_column, utcnow
from secdesk.domain.enums import AuditAction


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __label__ = "Audit entry"
    __table_args__ = (
        Index("ix_audit_entry_table_name_record_id", "table_name", "record_id"),
        Index("ix_audit_entry_owner_table_owner_id", "owner_table", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    user_name: Mapped[str] = mapped_column(String(120), index=True)
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, "action"))
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int] = mapped_column(Integer)
    # The record whose History shows this entry (the Party an MPID belongs to).
    owner_table: Mapped[str] = mapped_column(String(60))
    owner_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
