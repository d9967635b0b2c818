"""An enquiry in the User CIO Assessments category linked to the assessment it is about
(the enquiry form's Assessment field); the assessment lists its enquiries. The link is a
row of its own, so the million-row log and its import are untouched by it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import Assessment, EnquiryAssessment, EnquiryCategory
from secdesk.errors import ValidationError
from secdesk.services import enquiries
from secdesk.services.enquiries import ENQUIRY_FIELDS
from secdesk.services.records import Field, FieldSet, referenced

CATEGORY = "User CIO Assessments"
LABEL = "Assessment"

ASSESSMENT_LINK = Field(
    "assessment_id",
    LABEL,
    lambda raw: None if v.is_blank(raw) else v.positive_integer(raw, LABEL),
    read=lambda _enquiry: None,  # read by linked_assessment (a row of its own)
)
# The enquiry form's fields: the log's own, and the assessment it is about.
EDITOR_FIELDS = FieldSet("Enquiry", *ENQUIRY_FIELDS, ASSESSMENT_LINK)


def linked_assessment(session: Session, enquiry_id: int) -> int | None:
    return session.scalar(
        select(EnquiryAssessment.assessment_id).where(EnquiryAssessment.enquiry_id == enquiry_id)
    )


def _link(session: Session, enquiry_id: int, category_id: int, assessment_id: int | None) -> None:
    if assessment_id is not None:
        referenced(session, Assessment, assessment_id, LABEL)
        category = session.get(EnquiryCategory, category_id)
        if category is None or category.name != CATEGORY:
            raise ValidationError(LABEL, f"only an enquiry in {CATEGORY} is about an assessment")
    held = session.scalar(
        select(EnquiryAssessment).where(EnquiryAssessment.enquiry_id == enquiry_id)
    )
    if held is not None and held.assessment_id == assessment_id:
        return
    if held is not None:
        session.execute(delete(EnquiryAssessment).where(EnquiryAssessment.id == held.id))
    if assessment_id is not None:
        session.add(EnquiryAssessment(enquiry_id=enquiry_id, assessment_id=assessment_id))
    session.flush()


def log_enquiry(
    session: Session,
    data: Mapping[str, Any],
    log: Callable[[Mapping[str, Any]], int] | None = None,
) -> int:
    """Log the enquiry the form describes (by ``log``: from an e-mail, say) and link it to
    the assessment it names. Returns the enquiry's id."""
    values = dict(data)
    assessment_id = ASSESSMENT_LINK.clean(values.pop("assessment_id", None))
    enquiry_id = log(values) if log else enquiries.log_enquiry(session, values).id
    if assessment_id is not None:
        enquiry = enquiries.get_enquiry(session, enquiry_id)
        _link(session, enquiry_id, enquiry.category_id, assessment_id)
    return enquiry_id


def update_enquiry(
    session: Session, enquiry_id: int, changes: Mapping[str, Any], expected_version: int
) -> int:
    values = dict(changes)
    linking = "assessment_id" in values
    assessment_id = ASSESSMENT_LINK.clean(values.pop("assessment_id", None))
    enquiry = (
        enquiries.update_enquiry(session, enquiry_id, values, expected_version)
        if values
        else enquiries.get_enquiry(session, enquiry_id)
    )
    if linking or "category_id" in values:
        wanted = assessment_id if linking else linked_assessment(session, enquiry_id)
        _link(session, enquiry_id, enquiry.category_id, wanted)
    return enquiry.id
