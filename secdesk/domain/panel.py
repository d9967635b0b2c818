"""The SEC Panel's meetings: the Operations Report tells each one what happened "since
the last SEC Panel meeting", so the reports need the meetings' dates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date
from sqlalchemy.orm import Mapped, mapped_column

from secdesk.domain.base import Audited, Base, Versioned


class PanelMeeting(Versioned, Audited, Base):
    __tablename__ = "panel_meeting"
    __label__ = "SEC Panel meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, unique=True)
