"""Rows of the Testing Completions and Assessments sheets applied to the store: a Party's
entry tests, and its security and privacy assessments. Each returns what it did as the
import's outcomes are named ("created", "changed", "unchanged")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from secdesk.services import assessments, testing
from secdesk.services.party_fields import PARTY_FIELDS
from secdesk.services.records import save_checked
from secdesk.sheets.loaded_register import existing_party

ASSESSMENT_COLUMNS = (
    "kind",
    "application_received",
    "requested_for",
    "fieldwork_start",
    "fieldwork_end",
    "outcome",
    "outcome_on",
    "notes",
)


def testing_completion(session: Session, row: Mapping[str, Any]) -> str:
    party = existing_party(session, row["party"])
    done = testing.record_completion(party, row["test"], row["role"], row["date"])
    if done != "unchanged":
        save_checked(session, party, party.version, PARTY_FIELDS)
    return done


def assessment(session: Session, row: Mapping[str, Any]) -> str:
    party = existing_party(session, row["party"])
    values = {k: row.get(k) for k in ASSESSMENT_COLUMNS} | {"party_id": party.id}
    return assessments.import_assessment(session, values)
