"""Declarative base, the naming convention every constraint follows, and shared column kinds.

Named constraints keep Alembic's autogenerate diff empty on both backends and make database
errors name the rule that was broken (``uq_mpid_code``), which services translate to words.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    # Human name of the record kind, used in messages ("Party 12 was changed …").
    __label__ = "Record"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and come back timezone-aware on both backends
    (SQLite has no time zone type and would otherwise return naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC timestamp column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum_class: type[enum.Enum], name: str) -> Enum:
    """A text column limited to the enum's values by a CHECK constraint.

    Values (the words people read, "Large Supplier") are stored rather than member names,
    and no native PostgreSQL ENUM type is made, so adding a value is an ordinary migration.
    """
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_class),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Versioned:
    """Optimistic concurrency: every editable table carries a NOT NULL version that each
    UPDATE increments and checks (SQLAlchemy ``version_id_col``)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Audited:
    """Marks a mapped class whose column changes are written to the audit trail.

    ``__audit_owner__`` names the attribute holding the owning record's id for child rows
    (an MPID belongs to its Party), so a Party's history includes its MPIDs and licences.
    """

    __audit_owner__: tuple[str, str] | None = None  # (owner table, attribute with its id)
    __audit_exclude__: frozenset[str] = frozenset({"version", "created_at", "updated_at"})
