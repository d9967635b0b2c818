"""The SEC Panel's meeting dates, which an admin keeps. The Operations Report tells the
Panel what happened "since the last SEC Panel meeting": from the day after the latest
meeting held on or before the end of the reporting month."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import PanelMeeting
from secdesk.errors import ValidationError

LABEL = "Meeting date"


def meetings(session: Session) -> list[date]:
    """Every meeting, latest first."""
    return list(session.scalars(select(PanelMeeting.held_on).order_by(PanelMeeting.held_on.desc())))


def add_meeting(session: Session, raw: Any) -> date:
    held_on = v.parse_date(raw, LABEL)
    if held_on is None:
        raise ValidationError(LABEL, "give the date the Panel met, as DD/MM/YYYY")
    if session.scalar(select(PanelMeeting.id).where(PanelMeeting.held_on == held_on)):
        raise ValidationError(LABEL, f"a meeting on {held_on:%d/%m/%Y} is already recorded")
    session.add(PanelMeeting(held_on=held_on))
    session.flush()
    return held_on


def remove_meeting(session: Session, raw: Any) -> None:
    held_on = v.parse_date(raw, LABEL)
    removed = session.execute(delete(PanelMeeting).where(PanelMeeting.held_on == held_on))
    if not getattr(removed, "rowcount", 0):
        raise ValidationError(LABEL, f"no meeting on {raw} is recorded")


def since_last_meeting(session: Session, until: date) -> date | None:
    """The first day "since the last SEC Panel meeting" for a report ending ``until``: the
    day after the latest meeting held on or before it; None if none is recorded."""
    last = session.scalar(
        select(PanelMeeting.held_on)
        .where(PanelMeeting.held_on <= until)
        .order_by(PanelMeeting.held_on.desc())
        .limit(1)
    )
    return None if last is None else last + timedelta(days=1)
