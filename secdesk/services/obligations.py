"""The SEC obligations with deadlines, computed from the assessments, the security profiles
and the register — never typed — in one Due and overdue list, soonest first:

- **Security Self-Assessment**: to be scheduled within a year of the last User CIO
  fieldwork (a FUSA's or VUSA's); met by an SSA booked for a date on or before then.
- **G5.27 return**: a Party that uses a Shared Resource Provider reports every six months
  (from when it started to) how many Smart Metering Systems in its portfolio can send
  Critical Requests; overdue the day after each date without a return.
- **Year-3 assessment**: three years after a Party's first FUSA was approved, its next
  full assessment: a VUSA, or a FUSA where it has crossed 250,000 premises.
- **G3.17-G3.20**: a Party that completes the User Entry Process meets the Duty to Notify
  and Be Notified by a Letter of Intent or a Memorandum of Understanding, due by its first
  UEP completion.
- **Remediation plan**: a VUSA with remaining non-compliances, by the date set for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.domain import (
    Assessment,
    AssessmentKind,
    G527Return,
    Party,
    PartyDccRole,
    SecurityProfile,
)
from secdesk.months import months_after

USER_CIO = (AssessmentKind.FUSA, AssessmentKind.VUSA)
RETURN_MONTHS = 6


@dataclass(frozen=True)
class DueItem:
    party_id: int
    party: str
    obligation: str  # "Security Self-Assessment", "G5.27 return", …
    detail: str
    due_on: date
    assessment_id: int | None = None

    def overdue(self, today: date) -> bool:
        return today > self.due_on

    def status(self, today: date) -> str:
        days = (self.due_on - today).days
        if days < 0:
            return f"overdue by {-days} day{'s' if days != -1 else ''}"
        if days == 0:
            return "due today"
        return f"due in {days} day{'s' if days != 1 else ''}"


def _anniversary(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due(session: Session, today: date, within: int | None = None) -> list[DueItem]:
    """Every obligation not yet met, soonest first; with ``within``, only those due in
    that many days or already overdue."""
    names = {party_id: name for party_id, name in session.execute(select(Party.id, Party.name))}
    assessments = list(session.scalars(select(Assessment)))
    by_party: dict[int, list[Assessment]] = defaultdict(list)
    for a in assessments:
        by_party[a.party_id].append(a)
    profiles = {p.party_id: p for p in session.scalars(select(SecurityProfile))}
    items: list[DueItem] = []
    for party_id, held in by_party.items():
        items += _self_assessment(party_id, names[party_id], held)
        items += _year_three(party_id, names[party_id], held, profiles.get(party_id))
        items += [
            DueItem(
                party_id,
                names[party_id],
                "Remediation plan",
                f"after the {a.kind.short} of {a.outcome_on or a.requested_for:%d/%m/%Y}",
                a.remediation_due,
                a.id,
            )
            for a in held
            if a.remediation_due and not a.remediation_received
        ]
    items += _returns(session, names, profiles, today, within)
    items += _agreements(session, names, profiles)
    if within is not None:
        items = [i for i in items if (i.due_on - today).days <= within]
    return sorted(items, key=lambda i: (i.due_on, i.party.casefold(), i.obligation))


def _self_assessment(party_id: int, name: str, held: list[Assessment]) -> list[DueItem]:
    fieldwork = [a.fieldwork_end or a.fieldwork_start for a in held if a.kind in USER_CIO]
    done = [d for d in fieldwork if d is not None]
    if not done:
        return []
    last = max(done)
    due_on = _anniversary(last, 1)
    booked = any(a.kind is AssessmentKind.SSA and last < a.requested_for <= due_on for a in held)
    if booked:
        return []
    return [
        DueItem(
            party_id,
            name,
            "Security Self-Assessment",
            f"to be scheduled within a year of the User CIO fieldwork of {last:%d/%m/%Y}",
            due_on,
        )
    ]


def _year_three(
    party_id: int, name: str, held: list[Assessment], profile: SecurityProfile | None
) -> list[DueItem]:
    approved = sorted(
        a.outcome_on
        for a in held
        if a.kind is AssessmentKind.FUSA and a.outcome and a.outcome.clears_entry and a.outcome_on
    )
    if not approved:
        return []
    first = approved[0]
    due_on = _anniversary(first, 3)
    over = profile.over_250k_since if profile else None
    kind = AssessmentKind.FUSA if over is not None and over <= due_on else AssessmentKind.VUSA
    booked = any(
        a.kind is kind and a.application_received > first for a in held if a.outcome_on != first
    )
    if booked:
        return []
    why = (
        f"more than 250,000 premises since {over:%d/%m/%Y}, so a full assessment"
        if kind is AssessmentKind.FUSA
        else "a verification assessment"
    )
    return [
        DueItem(
            party_id,
            name,
            f"Year-3 assessment: {kind.short}",
            f"{why}, three years after the FUSA approved {first:%d/%m/%Y}",
            due_on,
        )
    ]


def _returns(
    session: Session,
    names: dict[int, str],
    profiles: dict[int, SecurityProfile],
    today: date,
    within: int | None,
) -> list[DueItem]:
    received: dict[int, set[date]] = defaultdict(set)
    for party_id, due_on in session.execute(select(G527Return.party_id, G527Return.due_on)):
        received[party_id].add(due_on)
    # Every missed return, and the next one to come (the window's horizon, if asked for).
    horizon = today if within is None else max(today, today + timedelta(days=within))
    items = []
    for party_id, profile in profiles.items():
        if not profile.shared_resource_provider or profile.srp_since is None:
            continue
        step = 1
        while True:
            due_on = months_after(profile.srp_since, RETURN_MONTHS * step)
            if due_on not in received[party_id]:
                items.append(
                    DueItem(
                        party_id,
                        names[party_id],
                        "G5.27 return",
                        f"Critical Request SMS count (SRP: {profile.shared_resource_provider})",
                        due_on,
                    )
                )
            if due_on > horizon:
                break
            step += 1
    return items


def _agreements(
    session: Session, names: dict[int, str], profiles: dict[int, SecurityProfile]
) -> list[DueItem]:
    first_uep = session.execute(
        select(PartyDccRole.party_id, func.min(PartyDccRole.uep_completed_on))
        .where(PartyDccRole.uep_completed_on.is_not(None))
        .group_by(PartyDccRole.party_id)
    )
    items = []
    for party_id, completed in first_uep:
        profile = profiles.get(party_id)
        if completed is None:
            continue
        if profile is not None and profile.notify_agreement_received is not None:
            continue
        items.append(
            DueItem(
                party_id,
                names[party_id],
                "G3.17-G3.20",
                "Letter of Intent or Memorandum of Understanding (Duty to Notify and Be Notified)",
                completed,
            )
        )
    return items


def overdue_count(session: Session, today: date) -> int:
    return sum(1 for item in due(session, today) if item.overdue(today))
