"""SEC Party Statistics: membership movements per month for twelve months, and at each
month end the number of Parties, of Voting Groups, and of Voting Groups by Party Category.

Status at a month end follows from the events dated up to it (the same transitions that
set a Party's status). A Party without a Voting Group votes alone and counts as its own
group. Voting Group membership is as it stands today; the register does not date it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import MembershipEvent, MembershipEventKind, Party, PartyCategory, PartyStatus
from secdesk.months import Month
from secdesk.services.membership import derive_status

TITLE = "SEC Party Statistics"
MOVEMENTS = (
    ("Accessions", MembershipEventKind.ACCESSION),
    ("In Default", MembershipEventKind.DEFAULT),
    ("Withdrawals", MembershipEventKind.WITHDRAWAL),
    ("Expulsions", MembershipEventKind.EXPULSION),
)
MEMBERS = (PartyStatus.PARTY, PartyStatus.IN_DEFAULT)


@dataclass(frozen=True)
class MembershipReport:
    months: list[Month]
    movements: list[tuple[str, list[int]]]
    parties: list[int]
    voting_groups: list[int]
    groups_by_category: list[tuple[str, list[int]]]

    @property
    def headers(self) -> list[str]:
        return ["", *(m.label for m in self.months)]

    def table(self) -> list[Sequence[object]]:
        return [
            self.headers,
            *([name, *counts] for name, counts in self.movements),
            ["Parties at month end", *self.parties],
            ["Voting Groups at month end", *self.voting_groups],
            *([f"Voting Groups: {name}", *counts] for name, counts in self.groups_by_category),
        ]


def _status_on(events: list[tuple[MembershipEventKind, date]], day: date) -> PartyStatus:
    return derive_status(e for e in events if e[1] <= day)[0]


def membership_report(session: Session, month: Month) -> MembershipReport:
    months = month.twelve()
    events: dict[int, list[tuple[MembershipEventKind, date]]] = defaultdict(list)
    movements = {kind: [0] * len(months) for _label, kind in MOVEMENTS}
    first, last = months[0].first_day, months[-1].last_day
    query = select(MembershipEvent.party_id, MembershipEvent.kind, MembershipEvent.occurred_on)
    for party_id, kind, when in session.execute(query.order_by(MembershipEvent.occurred_on)):
        events[party_id].append((kind, when))
        if first <= when <= last and kind in movements:
            movements[kind][months.index(Month.of(when))] += 1
    parties = session.execute(select(Party.id, Party.category, Party.voting_group_id)).all()
    members_at: list[int] = []
    groups_at: list[int] = []
    by_category: dict[PartyCategory, list[int]] = {c: [] for c in PartyCategory}
    for m in months:
        members = [
            (category, group if group is not None else f"party {pid}")
            for pid, category, group in parties
            if _status_on(events.get(pid, []), m.last_day) in MEMBERS
        ]
        members_at.append(len(members))
        groups_at.append(len({group for _category, group in members}))
        for category in PartyCategory:
            by_category[category].append(len({g for c, g in members if c is category}))
    return MembershipReport(
        months,
        [(label, movements[kind]) for label, kind in MOVEMENTS],
        members_at,
        groups_at,
        [(category.value, counts) for category, counts in by_category.items()],
    )
