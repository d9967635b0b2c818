"""Settings of the store itself, shared by everyone who uses it (on a shared store, one
value for the whole team): how long unlogged e-mails are kept, and the like. Each is a
named value, read and checked by the service that owns it (secdesk.services.
store_settings); changing one is an admin's, and the audit trail records who did."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from secdesk.domain.base import Audited, Base, Versioned


class StoreSetting(Versioned, Audited, Base):
    __tablename__ = "store_setting"
    __label__ = "Store setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(String(200))
