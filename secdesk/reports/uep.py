"""UEP completions: which Parties completed the User Entry Process for which DCC User
roles, and when, since a given date (roles completed on the same day share a row)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import DccUserRole, Party, PartyCategory, PartyDccRole
from secdesk.reports.words import roles_in_words

TITLE = "UEP completions"
HEADERS = ["SEC Party", "Party Category", "DCC User role(s)", "Date of UEP completion"]


@dataclass(frozen=True)
class UepCompletion:
    party: str
    category: PartyCategory
    roles: list[DccUserRole]
    completed_on: date


@dataclass(frozen=True)
class UepReport:
    since: date
    rows: list[UepCompletion]

    def table(self) -> list[Sequence[object]]:
        return [
            HEADERS,
            *(
                [r.party, r.category.value, roles_in_words(r.roles), r.completed_on]
                for r in self.rows
            ),
        ]


def uep_report(session: Session, since: date, until: date | None = None) -> UepReport:
    """Completions on or after ``since`` and, given ``until``, on or before it."""
    query = (
        select(Party.name, Party.category, PartyDccRole.role, PartyDccRole.uep_completed_on)
        .join(PartyDccRole, PartyDccRole.party_id == Party.id)
        .where(PartyDccRole.uep_completed_on >= since)
    )
    if until is not None:
        query = query.where(PartyDccRole.uep_completed_on <= until)
    found: dict[tuple[date, str, PartyCategory], list[DccUserRole]] = defaultdict(list)
    for name, category, role, completed in session.execute(query):
        if completed is not None:  # the query has only completed roles
            found[(completed, name, category)].append(role)
    order = list(DccUserRole)
    rows = [
        UepCompletion(name, category, sorted(roles, key=order.index), completed)
        for (completed, name, category), roles in sorted(
            found.items(), key=lambda item: (item[0][0], item[0][1].casefold())
        )
    ]
    return UepReport(since, rows)
