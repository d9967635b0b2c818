"""SEC Party Statistics: membership movements per month for twelve months, and at each
month end the number of Parties, of Voting Groups, and of Voting Groups by Party Category.

An undated event (a status imported from a file that gave no date) is counted in no month
and listed below the table; for the Parties at a month end it counts from the day it was
recorded. Status at a month end follows from the events dated up to it (the same transitions that
set a Party's status). A Party without a Voting Group votes alone and counts as its own
group. Voting Group membership is as it stands today; the register does not date it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import MembershipEvent, MembershipEventKind, Party, PartyCategory, PartyStatus
from secdesk.months import Month
from secdesk.reports.words import sentence
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
class UndatedEvent:
    """An event whose date is not known: it set the Party's status, but no month counts it
    until someone dates it (``secdesk membership record``, or a Membership Events file)."""

    party: str
    kind: MembershipEventKind
    reason: str | None
    recorded_on: date

    def line(self) -> str:
        reason = f" ({self.reason})" if self.reason else ""
        return f"{self.party}: {self.kind.value}{reason}, recorded {self.recorded_on:%d/%m/%Y}"


# Movements whose reason the Report gives in a numbered footnote.
EXPLAINED = (
    MembershipEventKind.DEFAULT,
    MembershipEventKind.WITHDRAWAL,
    MembershipEventKind.EXPULSION,
)


@dataclass(frozen=True)
class Footnote:
    """Why a Party defaulted, withdrew or was expelled in one of the months."""

    number: int
    month: Month
    kind: MembershipEventKind
    party: str
    occurred_on: date
    text: str

    def line(self) -> str:
        return f"{self.number}. {self.text}"


def _footnote_text(party: str, kind: MembershipEventKind, when: date, reason: str | None) -> str:
    if reason and reason.strip():
        return sentence(reason)
    return f"{party}: {kind.value.lower()} on {when:%d/%m/%Y} (no reason recorded)."


@dataclass(frozen=True)
class MembershipReport:
    months: list[Month]
    movements: list[tuple[str, list[int]]]
    parties: list[int]
    voting_groups: list[int]
    groups_by_category: list[tuple[str, list[int]]]
    undated: list[UndatedEvent] = field(default_factory=list)
    # Each default, withdrawal and expulsion in the months, numbered in date order.
    footnotes: list[Footnote] = field(default_factory=list)

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

    def notes(self) -> list[str]:
        """Below the table: why each Party defaulted, withdrew or was expelled, and the
        events it left out because nobody knows their date."""
        lines = [note.line() for note in self.footnotes]
        if not self.undated:
            return lines
        return [
            *lines,
            f"Not counted in any month: {len(self.undated)} undated event(s). Date them with "
            "secdesk membership record, or import a Membership Events file, to count them:",
            *(f"  {event.line()}" for event in self.undated),
        ]


def _status_on(events: list[tuple[MembershipEventKind, date, bool, int]], day: date) -> PartyStatus:
    history = [(kind, when) for kind, when, _undated, _id in events if when <= day]
    return derive_status(history, in_order=True)[0]


def membership_report(session: Session, month: Month) -> MembershipReport:
    months = month.twelve()
    # Per Party, each event on the day it takes effect: its date, or for an undated event
    # the day it was recorded (it had happened by then); ordered as event_order orders them.
    events: dict[int, list[tuple[MembershipEventKind, date, bool, int]]] = defaultdict(list)
    movements = {kind: [0] * len(months) for _label, kind in MOVEMENTS}
    undated: list[UndatedEvent] = []
    explained: list[tuple[date, str, int, MembershipEventKind, str | None]] = []
    first, last = months[0].first_day, months[-1].last_day
    query = select(
        MembershipEvent.id,
        MembershipEvent.party_id,
        MembershipEvent.kind,
        MembershipEvent.occurred_on,
        MembershipEvent.recorded_at,
        MembershipEvent.reason,
        Party.name,
    ).join(Party, Party.id == MembershipEvent.party_id)
    for event_id, party_id, kind, when, recorded_at, reason, name in session.execute(query):
        if when is None:
            undated.append(UndatedEvent(name, kind, reason, recorded_at.date()))
            events[party_id].append((kind, recorded_at.date(), True, event_id))
            continue
        events[party_id].append((kind, when, False, event_id))
        if first <= when <= last and kind in movements:
            movements[kind][months.index(Month.of(when))] += 1
            if kind in EXPLAINED:
                explained.append((when, name, event_id, kind, reason))
    for history in events.values():
        history.sort(key=lambda e: (e[1], e[2], e[3]))
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
    undated.sort(key=lambda e: (e.party.casefold(), e.kind.value))
    explained.sort(key=lambda e: (e[0], e[1].casefold(), e[2]))
    footnotes = [
        Footnote(n, Month.of(when), kind, name, when, _footnote_text(name, kind, when, reason))
        for n, (when, name, _id, kind, reason) in enumerate(explained, 1)
    ]
    return MembershipReport(
        months,
        [(label, movements[kind]) for label, kind in MOVEMENTS],
        members_at,
        groups_at,
        [(category.value, counts) for category, counts in by_category.items()],
        undated,
        footnotes,
    )
