"""Assessments: the register of security and privacy assessments as a workbook or CSV, read
by the import (``secdesk assessments import`` and ``secdesk import``): one row an
assessment, known by its Party, type and requested date."""

from __future__ import annotations

from typing import Any

from secdesk import validate as v
from secdesk.domain import AssessmentKind, AssessmentOutcome
from secdesk.sheets.columns import Column, Kind
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.sheet_layout import Layout, choice, party_column


def _none(register: RegisterSnapshot) -> list[Any]:
    """Assessments are not published: the layout is read, never written."""
    return []


def _outcome(raw: Any, label: str) -> AssessmentOutcome | None:
    return None if v.is_blank(raw) else v.choice(raw, AssessmentOutcome, label)


def _date(header: str, field: str, *, required: bool = False, label: str = "") -> Column:
    """A date column; ``label``: the field's name in the assessment form, which the same
    column answers to (in a header, and when a rule refuses its value)."""
    return Column(
        header,
        lambda a: getattr(a, field),
        Kind.DATE,
        parse=v.parse_date,
        field=field,
        required=required,
        optional=not required,
        also=(label,) if label else (),
    )


ASSESSMENTS = Layout(
    key="assessments",
    title="Assessments",
    sheet="Assessments",
    identity=lambda a: f"assessment:{a.id}",
    records=_none,
    columns=(
        party_column(),
        Column(
            "Assessment Type",
            lambda a: a.kind,
            parse=choice(AssessmentKind),
            field="kind",
            width=36,
            required=True,
            also=("Type",),
        ),
        _date("Application Received", "application_received", required=True),
        _date("Requested Date", "requested_for", required=True, label="Requested assessment date"),
        _date("Fieldwork Start", "fieldwork_start", label="Fieldwork from"),
        _date("Fieldwork End", "fieldwork_end", label="Fieldwork to"),
        Column(
            "Outcome", lambda a: a.outcome, parse=_outcome, field="outcome", width=22, optional=True
        ),
        _date("Outcome Date", "outcome_on"),
        Column(
            "Notes",
            lambda a: a.notes,
            parse=lambda raw, label: v.optional_text(raw, label, 4000),
            field="notes",
            width=60,
            optional=True,
        ),
    ),
)
