"""The demo's security and privacy assessments: each DCC User's Full User Security
Assessment (and an Other SEC Party's privacy assessment) before its User Entry Process,
verification assessments and self-assessments since, a few remediation plans, the Parties
that use a Shared Resource Provider with their G5.27 returns, Letters of Intent and MoUs —
and, as in life, some of it late: the Due and overdue list has something to show."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from secdesk.domain import (
    Assessment,
    AssessmentKind,
    AssessmentOutcome,
    G527Return,
    NotifyAgreement,
    Party,
    PartyCategory,
    SecurityProfile,
)
from secdesk.months import months_after

SRPS = ("Meter Hub Services Ltd", "Shared Smart Solutions Ltd", "Critical Path SRP Ltd")


def _assessment(
    rng: random.Random, party: Party, kind: AssessmentKind, requested: date, today: date
) -> Assessment:
    application = requested - timedelta(weeks=rng.randint(12, 20))
    a = Assessment(
        party_id=party.id,
        kind=kind,
        application_received=application,
        requested_for=requested,
        non_compliances=False,
    )
    if requested + timedelta(days=3) <= today:
        a.fieldwork_start, a.fieldwork_end = (
            requested,
            requested + timedelta(days=rng.randint(1, 3)),
        )
    if a.fieldwork_end and a.fieldwork_end + timedelta(days=30) <= today:
        a.outcome_on = a.fieldwork_end + timedelta(days=rng.randint(14, 30))
        a.outcome = rng.choices(
            list(AssessmentOutcome), weights=(6, 3, 1, 1 if kind is not AssessmentKind.FUSA else 0)
        )[0]
    return a


def _yearly(
    session: Session, rng: random.Random, party: Party, first: date, over: date | None, today: date
) -> None:
    """The yearly cycle after the FUSA: a VUSA, then a self-assessment within the year,
    then the year-3 assessment (a FUSA past 250,000 premises, else a VUSA), and again.
    Now and then the latest step is late: the Due list shows it."""
    year = 1
    while (requested := months_after(first, 12 * year) - timedelta(days=45)) <= today + timedelta(
        days=150
    ):
        step = year % 3
        if step == 2:
            kind = AssessmentKind.SSA
        elif step == 0:
            kind = AssessmentKind.FUSA if over and over <= requested else AssessmentKind.VUSA
        else:
            kind = AssessmentKind.VUSA
        if requested > today - timedelta(days=200) and rng.random() < 0.06:
            return  # not booked yet: late
        made = _assessment(rng, party, kind, requested, today)
        decided = made.outcome_on
        if kind is AssessmentKind.VUSA and decided is not None and rng.random() < 0.2:
            plan_due = decided + timedelta(days=60)
            made.non_compliances, made.remediation_due = True, plan_due
            if plan_due < today - timedelta(days=20) or rng.random() < 0.5:
                received = plan_due - timedelta(days=rng.randint(0, 10))
                made.remediation_received = received
                made.director_letter_received = received + timedelta(days=7)
                if received + timedelta(days=40) < today:
                    made.ssc_approved_on = received + timedelta(days=rng.randint(21, 40))
        session.add(made)
        year += 1


def make_assessments(session: Session, made: list[Party], today: date, seed: int) -> None:
    rng = random.Random(seed * 11 + 3)  # its own: the other demo data stay as they were
    for party in made:
        completions = [r.uep_completed_on for r in party.dcc_roles if r.uep_completed_on]
        if not completions:
            continue
        first = min(completions)
        fusa = _assessment(rng, party, AssessmentKind.FUSA, first - timedelta(days=75), today)
        fusa.outcome = (
            AssessmentOutcome.APPROVED
            if rng.random() < 0.7
            else AssessmentOutcome.APPROVED_SUBJECT_TO
        )
        fusa.outcome_on = first - timedelta(days=20)
        session.add(fusa)
        if party.category is PartyCategory.OTHER:
            fupa = _assessment(rng, party, AssessmentKind.FUPA, first - timedelta(days=70), today)
            fupa.outcome, fupa.outcome_on = AssessmentOutcome.APPROVED, first - timedelta(days=18)
            session.add(fupa)
        profile = SecurityProfile(party_id=party.id)
        if party.category is PartyCategory.LARGE_SUPPLIER and rng.random() < 0.3:
            profile.over_250k_since = first + timedelta(days=rng.randint(200, 900))
        _yearly(session, rng, party, fusa.outcome_on, profile.over_250k_since, today)
        # A Letter of Intent or an MoU; a recent entrant may still owe it.
        if first < today - timedelta(days=150) or rng.random() < 0.6:
            profile.notify_agreement = rng.choice(list(NotifyAgreement))
            profile.notify_agreement_received = first - timedelta(days=rng.randint(5, 40))
        if party.category is PartyCategory.SMALL_SUPPLIER and rng.random() < 0.3:
            profile.shared_resource_provider = rng.choice(SRPS)
            profile.srp_since = first
            step = 1
            while (due := months_after(first, 6 * step)) <= today:
                # The latest return is now and then late.
                if due < today - timedelta(days=60) or rng.random() < 0.7:
                    session.add(
                        G527Return(
                            party_id=party.id,
                            due_on=due,
                            received_on=due - timedelta(days=rng.randint(0, 14)),
                            sms_count=rng.randint(2_000, 180_000),
                            from_srp=rng.random() < 0.5,
                        )
                    )
                step += 1
        session.add(profile)
