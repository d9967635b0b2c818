"""Named locks that serialise a rule no single constraint can hold (EUI-64 ranges must
never overlap). Updating a row is a lock on both backends: PostgreSQL locks the row until
commit, SQLite takes the database write lock; so one mechanism serves both."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from secdesk.domain.base import Base

ALLOCATION_LOCK = "id-allocation"
PUBLICATION_LOCK = "publication"


class StoreLock(Base):
    __tablename__ = "store_lock"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    taken: Mapped[int] = mapped_column(Integer, default=0)
