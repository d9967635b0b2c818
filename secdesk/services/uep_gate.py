"""The gate before the User Entry Process: to become a Live DCC User a Party needs a Full
User Security Assessment — and an Other SEC Party a Full User Privacy Assessment too —
Approved or Approved, subject to. Recording a UEP completion without one is allowed with a
reason, which is kept beside the role (and in the audit trail)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import Assessment, AssessmentKind, DccUserRole, Party, PartyCategory
from secdesk.errors import ReasonNeeded
from secdesk.services import parties
from secdesk.services.party_fields import PARTY_FIELDS

REASON_KEY = "uep_gate_reason"


def needed(category: PartyCategory) -> tuple[AssessmentKind, ...]:
    if category is PartyCategory.OTHER:
        return (AssessmentKind.FUSA, AssessmentKind.FUPA)
    return (AssessmentKind.FUSA,)


def missing(session: Session, party: Party) -> list[AssessmentKind]:
    """The assessments the Party still needs, Approved or Approved-subject-to, for UEP."""
    outcomes = session.execute(
        select(Assessment.kind, Assessment.outcome).where(Assessment.party_id == party.id)
    )
    cleared = {kind for kind, outcome in outcomes if outcome is not None and outcome.clears_entry}
    return [kind for kind in needed(party.category) if kind not in cleared]


def new_completions(party: Party, roles: Mapping[DccUserRole, date | None]) -> list[DccUserRole]:
    """The roles whose UEP completion ``roles`` records anew (a date where none was)."""
    held = {r.role: r.uep_completed_on for r in party.dcc_roles}
    return [role for role, when in roles.items() if when is not None and held.get(role) is None]


def update_party(
    session: Session, party_id: int, changes: Mapping[str, Any], expected_version: int
) -> Party:
    """Save the Party's changes, asking for a reason (ReasonNeeded) where they record a
    UEP completion the assessments do not yet allow."""
    wanted = dict(changes)
    reason = str(wanted.pop(REASON_KEY, "") or "").strip()
    party = parties.get_party(session, party_id, whole=True)
    newly: list[DccUserRole] = []
    if "dcc_roles" in wanted:
        newly = new_completions(party, PARTY_FIELDS.fields["dcc_roles"].clean(wanted["dcc_roles"]))
    lacking = missing(session, party) if newly else []
    if lacking and not reason:
        kinds = " and ".join(k.value for k in lacking)
        raise ReasonNeeded(
            "UEP completion",
            f"{party.name} has no {kinds} Approved or Approved, subject to: a Party needs "
            "it before it completes the User Entry Process",
            REASON_KEY,
        )
    saved = parties.update_party(session, party_id, wanted, expected_version)
    if lacking:
        for role in saved.dcc_roles:
            if role.role in newly:
                role.gate_reason = reason
        session.flush()
    return saved
