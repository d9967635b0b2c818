"""The demo's market entry: the SEC Panel's monthly meetings, and the entry tests each
DCC User completed before its User Entry Process — SREPT some weeks before its first UEP
completion, UEPT for each role a few weeks before that role's — and a few Parties part-way
through testing now. So the Operations Report pack has something to say on the demo."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from secdesk.domain import EntryTest, PanelMeeting, Party, TestingCompletion

MEETING_MONTHS = 24


def _second_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7)


def make_market_entry(session: Session, made: list[Party], today: date, seed: int) -> None:
    rng = random.Random(seed * 7 + 1)  # its own: the other demo data stay as they were
    year, month = today.year, today.month
    for _ in range(MEETING_MONTHS):
        held = _second_thursday(year, month)
        if held <= today:
            session.add(PanelMeeting(held_on=held))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for party in made:
        if not party.dcc_roles:
            continue
        dated = [r for r in party.dcc_roles if r.uep_completed_on]
        if dated:
            first = min(r.uep_completed_on for r in dated if r.uep_completed_on)
            party.testing.append(
                TestingCompletion(
                    test=EntryTest.SREPT, completed_on=first - timedelta(days=rng.randint(40, 90))
                )
            )
        for role in party.dcc_roles:
            if role.uep_completed_on:
                when = role.uep_completed_on - timedelta(days=rng.randint(14, 35))
            elif rng.random() < 0.1:  # testing now, entry still to come
                when = today - timedelta(days=rng.randint(3, 40))
            else:
                continue
            party.testing.append(
                TestingCompletion(test=EntryTest.UEPT, role=role.role, completed_on=when)
            )
