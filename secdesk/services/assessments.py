"""Security and privacy assessments: the register, the 12-week booking rule, and each
assessment's status in words. Versions, audit and conflicts as every register."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import Assessment, AssessmentKind, AssessmentOutcome, Party
from secdesk.errors import ValidationError
from secdesk.services.listing import search_condition, sort_order
from secdesk.services.records import (
    Field,
    FieldSet,
    choice_field,
    create_record,
    get_record,
    optional_field,
    referenced,
    required_field,
    update_record,
)

# An Assessment Application Form comes at least 12 weeks before the date asked for.
NOTICE = timedelta(weeks=12)
REQUESTED = "Requested assessment date"
APPLICATION = "Application received"


def _date(raw: Any, label: str) -> date:
    found = v.parse_date(raw, label)
    if found is None:
        raise ValidationError(label, "is required")
    return found


ASSESSMENT_FIELDS = FieldSet(
    "Assessment",
    Field("party_id", "Party", lambda raw: v.positive_integer(raw, "Party"), required=True),
    choice_field("kind", "Assessment type", AssessmentKind),
    required_field("application_received", APPLICATION, _date),
    required_field("requested_for", REQUESTED, _date),
    optional_field("fieldwork_start", "Fieldwork from", v.parse_date),
    optional_field("fieldwork_end", "Fieldwork to", v.parse_date),
    Field(
        "outcome",
        "Outcome",
        lambda raw: None if v.is_blank(raw) else v.choice(raw, AssessmentOutcome, "Outcome"),
    ),
    optional_field("outcome_on", "Outcome date", v.parse_date),
    Field(
        "non_compliances",
        "Non-compliances remain",
        lambda raw: v.yes_no(raw, "Non-compliances remain"),
    ),
    optional_field("remediation_due", "Remediation plan due", v.parse_date),
    optional_field("remediation_received", "Remediation plan received", v.parse_date),
    optional_field("director_letter_received", "Director's letter received", v.parse_date),
    optional_field("ssc_approved_on", "SSC approval", v.parse_date),
    optional_field("notes", "Notes", lambda raw, label: v.multiline_text(raw, label, 4000)),
)


def earliest_date(application_received: date) -> date:
    """The first date an assessment may be asked for: 12 weeks (84 days) on."""
    return application_received + NOTICE


def check_notice(application_received: date, requested_for: date) -> None:
    earliest = earliest_date(application_received)
    if requested_for < earliest:
        raise ValidationError(
            REQUESTED,
            f"{requested_for:%d/%m/%Y} is fewer than 12 weeks (84 days) after the application "
            f"({application_received:%d/%m/%Y}); the earliest date allowed is {earliest:%d/%m/%Y}",
        )


def _check(session: Session, record: Assessment | None, cleaned: dict[str, Any]) -> None:
    referenced(session, Party, cleaned.get("party_id"), "Party")

    def value(key: str) -> Any:
        return cleaned[key] if key in cleaned else getattr(record, key, None)

    application, requested = value("application_received"), value("requested_for")
    if application is not None and requested is not None:
        check_notice(application, requested)
    start, end = value("fieldwork_start"), value("fieldwork_end")
    if start is not None and end is not None and end < start:
        raise ValidationError("Fieldwork to", "is before the fieldwork starts")
    if value("outcome") is not None and value("outcome_on") is None:
        raise ValidationError("Outcome date", "is required with an outcome")
    if value("remediation_received") is not None and value("remediation_due") is None:
        raise ValidationError("Remediation plan due", "give the date the plan was due")


def create_assessment(session: Session, data: Mapping[str, Any]) -> Assessment:
    return create_record(session, Assessment(), data, ASSESSMENT_FIELDS, _check)


def update_assessment(
    session: Session, assessment_id: int, changes: Mapping[str, Any], expected_version: int
) -> Assessment:
    return update_record(
        session, Assessment, assessment_id, changes, expected_version, ASSESSMENT_FIELDS, _check
    )


def get_assessment(session: Session, assessment_id: int) -> Assessment:
    return get_record(session, Assessment, assessment_id)


def status(assessment: Assessment, today: date) -> str:
    """Where an assessment has got to, in words."""
    a = assessment
    if a.outcome is not None:
        words = f"{a.outcome.value} ({a.outcome_on:%d/%m/%Y})" if a.outcome_on else a.outcome.value
        if a.remediation_due and not a.remediation_received:
            return f"{words}; remediation plan due {a.remediation_due:%d/%m/%Y}"
        if a.remediation_received and not a.director_letter_received:
            return f"{words}; awaiting the director's letter"
        if a.director_letter_received and not a.ssc_approved_on:
            return f"{words}; awaiting SSC approval"
        return words
    if a.fieldwork_end and a.fieldwork_end <= today:
        return "Fieldwork done; awaiting the outcome"
    if a.fieldwork_start and a.fieldwork_start <= today:
        return "Fieldwork under way"
    return f"Booked for {a.requested_for:%d/%m/%Y}"


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    party_id: int
    party_name: str
    kind: AssessmentKind
    application_received: date
    requested_for: date
    fieldwork_end: date | None
    outcome: AssessmentOutcome | None
    outcome_on: date | None
    status: str


SORTABLE: dict[str, Any] = {
    "party": Party.name,
    "kind": Assessment.kind,
    "requested_for": Assessment.requested_for,
    "outcome_on": Assessment.outcome_on,
}


def list_assessments(
    session: Session,
    *,
    search: str | None = None,
    party_id: int | None = None,
    kind: AssessmentKind | None = None,
    open_only: bool = False,
    sort: str = "requested_for",
    descending: bool = True,
    today: date | None = None,
) -> list[AssessmentSummary]:
    today = today or date.today()
    conditions: list[ColumnElement[bool]] = []
    matching = search_condition(search, Party.name)
    if matching is not None:
        conditions.append(matching)
    if party_id is not None:
        conditions.append(Assessment.party_id == party_id)
    if kind is not None:
        conditions.append(Assessment.kind == kind)
    if open_only:
        conditions.append(Assessment.outcome.is_(None))
    query = (
        select(Assessment, Party.name)
        .join(Party, Party.id == Assessment.party_id)
        .where(*conditions)
        .order_by(sort_order(SORTABLE, sort, descending, "assessments"), Party.name, Assessment.id)
    )
    return [
        AssessmentSummary(
            a.id,
            a.party_id,
            name,
            a.kind,
            a.application_received,
            a.requested_for,
            a.fieldwork_end,
            a.outcome,
            a.outcome_on,
            status(a, today),
        )
        for a, name in session.execute(query)
    ]


def import_assessment(session: Session, values: Mapping[str, Any]) -> str:
    """An assessment from an imported row, known by its Party, type and requested date:
    made if new, else brought up to date. Returns "created", "changed" or "unchanged"."""
    cleaned = ASSESSMENT_FIELDS.clean(values)
    held = session.scalar(
        select(Assessment).where(
            Assessment.party_id == cleaned["party_id"],
            Assessment.kind == cleaned["kind"],
            Assessment.requested_for == cleaned["requested_for"],
        )
    )
    if held is None:
        create_assessment(session, values)
        return "created"
    changes = {k: values[k] for k, v_ in cleaned.items() if getattr(held, k) != v_}
    if not changes:
        return "unchanged"
    update_assessment(session, held.id, changes, held.version)
    return "changed"


def enquiries_about(session: Session, assessment_id: int) -> list[tuple[int, date, str]]:
    """The enquiries linked to the assessment: (id, received, subject), oldest first."""
    from secdesk.domain import Enquiry, EnquiryAssessment

    found = session.execute(
        select(Enquiry.id, Enquiry.received_at, Enquiry.subject)
        .join(EnquiryAssessment, EnquiryAssessment.enquiry_id == Enquiry.id)
        .where(EnquiryAssessment.assessment_id == assessment_id)
        .order_by(Enquiry.received_at, Enquiry.id)
    )
    return [(i, received.date(), subject) for i, received, subject in found]


def assessment_choices(session: Session) -> list[tuple[str, int]]:
    """(label, id) of every assessment, latest first: "Acme Ltd — FUSA, 30/03/2026"."""
    found = session.execute(
        select(Assessment.id, Assessment.kind, Assessment.requested_for, Party.name)
        .join(Party, Party.id == Assessment.party_id)
        .order_by(Assessment.requested_for.desc(), Party.name)
    )
    return [
        (f"{name} — {kind.short}, {requested:%d/%m/%Y}", assessment_id)
        for assessment_id, kind, requested, name in found
    ]
