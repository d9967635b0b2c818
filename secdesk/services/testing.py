"""The entry tests a Party completed: SREPT (SMKI and Repository Entry Process Testing)
once, and UEPT (User Entry Process Testing) once for each DCC User role. They are part of
the Party's record (the Party editor's Testing completions, secdesk.services.party_fields),
and the import records them a row at a time through here."""

from __future__ import annotations

from datetime import date

from secdesk.domain import DccUserRole, EntryTest, Party, TestingCompletion
from secdesk.errors import ValidationError

ROLE_COLUMN = "DCC User Role"


def check_role(test: EntryTest, role: DccUserRole | None) -> None:
    """UEPT is completed for a role; SREPT is not."""
    if test is EntryTest.UEPT and role is None:
        raise ValidationError(ROLE_COLUMN, "UEPT is completed for a DCC User role: name the role")
    if test is EntryTest.SREPT and role is not None:
        raise ValidationError(
            ROLE_COLUMN, "SREPT is completed once, not for a role: leave it blank"
        )


def record_completion(
    party: Party, test: EntryTest, role: DccUserRole | None, completed_on: date
) -> str:
    """Record that ``party`` completed the test (for the role) on the day. Returns
    "created", "changed" (a new date) or "unchanged"."""
    check_role(test, role)
    held = next((c for c in party.testing if (c.test, c.role) == (test, role)), None)
    if held is None:
        party.testing.append(TestingCompletion(test=test, role=role, completed_on=completed_on))
        return "created"
    if held.completed_on == completed_on:
        return "unchanged"
    held.completed_on = completed_on
    return "changed"
