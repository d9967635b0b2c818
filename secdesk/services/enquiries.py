"""The helpdesk log: logging and editing enquiries, and the categories they go in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.display import as_text
from secdesk.domain import Channel, Enquiry, EnquiryCategory, EnquiryStatus, Party
from secdesk.domain.base import utcnow
from secdesk.errors import ValidationError
from secdesk.months import UK_TIME
from secdesk.services.records import (
    Field,
    FieldSet,
    create_record,
    get_record,
    optional_field,
    referenced,
    required_field,
    retire_record,
    update_record,
)

# How far ahead of this machine's clock a moment may be (another PC's clock running fast);
# anything later is a typing slip (2062 for 2026) and would sit at the top of the log.
FUTURE_ALLOWED = timedelta(days=1)


def _timestamp(raw: Any, label: str) -> datetime:
    """A moment that has happened: ``DD/MM/YYYY HH:MM``, ISO 8601 or a date cell."""
    moment = _moment(raw, label)
    if moment - datetime.now(UTC) > FUTURE_ALLOWED:
        raise ValidationError(label, f"{as_text(moment)} is in the future")
    return moment


def _moment(raw: Any, label: str) -> datetime:
    """``DD/MM/YYYY HH:MM``, ISO 8601 or a date cell. Times without a zone are UK time (what
    the helpdesk's clocks and spreadsheets show); a plain date is midnight."""
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=UK_TIME)
    text = str(raw).strip() if raw is not None else ""
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UK_TIME)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UK_TIME)
    except ValueError:
        pass
    day = v.parse_date(raw, label)
    return datetime(day.year, day.month, day.day, tzinfo=UK_TIME)


# How hand-kept logs and people write the channels.
CHANNEL_WORDS = {
    "email": Channel.EMAIL,
    "e-mail": Channel.EMAIL,
    "mail": Channel.EMAIL,
    "telephone": Channel.TELEPHONE,
    "phone": Channel.TELEPHONE,
    "tel": Channel.TELEPHONE,
    "call": Channel.TELEPHONE,
}


def channel(raw: Any, label: str) -> Channel:
    """E-mail/Email, Telephone/Phone or Other, in any case."""
    known = CHANNEL_WORDS.get(str(raw or "").strip().casefold())
    return known if known is not None else v.choice(raw, Channel, label)


SUBJECT_LIMIT = 255  # characters of an enquiry's subject
NOTES_LIMIT = 20_000  # … and of its notes


def shortened_notes(notes: str) -> str:
    """Notes cut to fit (an e-mail's body can be longer than an enquiry keeps), saying so."""
    if len(notes) <= NOTES_LIMIT:
        return notes
    return notes[: NOTES_LIMIT - 40].rstrip() + "\n… (the rest is in the e-mail)"


def _text(length: int) -> Any:
    return lambda raw, label: v.required_text(raw, label, length)


ENQUIRY_FIELDS = FieldSet(
    "Enquiry",
    required_field("received_at", "Received", _timestamp),
    required_field("channel", "Channel", channel),
    required_field("category_id", "Category", v.positive_integer),
    optional_field("party_id", "Party", v.positive_integer),
    optional_field("enquirer_name", "Enquirer", _text(120)),
    optional_field("enquirer_email", "Enquirer e-mail", v.email),
    optional_field("enquirer_phone", "Enquirer phone", v.phone),
    required_field("subject", "Subject", _text(SUBJECT_LIMIT)),
    optional_field("notes", "Notes", lambda raw, label: v.multiline_text(raw, label, NOTES_LIMIT)),
    Field("status", "Status", lambda raw: v.choice(raw, EnquiryStatus, "Status")),
    optional_field("assigned_to", "Assigned to", _text(120)),
    optional_field("resolved_at", "Resolved", _timestamp),
)


def check_references(session: Session, enquiry: Enquiry | None, cleaned: dict[str, Any]) -> None:
    category = referenced(session, EnquiryCategory, cleaned.get("category_id"), "Category")
    # An enquiry already in a retired category keeps it; none may newly choose one.
    newly_chosen = category is not None and (enquiry is None or enquiry.category_id != category.id)
    if category is not None and category.retired_at is not None and newly_chosen:
        raise ValidationError("Category", f"{category.name} is retired; choose another")
    referenced(session, Party, cleaned.get("party_id"), "Party")
    status = cleaned.get("status")
    if status is EnquiryStatus.RESOLVED and "resolved_at" not in cleaned:
        if enquiry is None or enquiry.resolved_at is None:
            cleaned["resolved_at"] = utcnow()
    elif status is not None and status is not EnquiryStatus.RESOLVED:
        cleaned["resolved_at"] = None


def log_enquiry(session: Session, data: Mapping[str, Any]) -> Enquiry:
    """A new enquiry, by default received now by e-mail, open and assigned to the user."""
    values = {
        "received_at": utcnow(),
        "channel": Channel.EMAIL,
        "status": EnquiryStatus.OPEN,
        "assigned_to": session.info.get("user"),
    } | dict(data)
    return create_record(session, Enquiry(), values, ENQUIRY_FIELDS, check_references)


def get_enquiry(session: Session, enquiry_id: int) -> Enquiry:
    return get_record(session, Enquiry, enquiry_id)


def update_enquiry(
    session: Session, enquiry_id: int, changes: Mapping[str, Any], expected_version: int
) -> Enquiry:
    return update_record(
        session, Enquiry, enquiry_id, changes, expected_version, ENQUIRY_FIELDS, check_references
    )


# ---- categories -------------------------------------------------------------------------

CATEGORY_FIELDS = FieldSet("Enquiry category", required_field("name", "Category name", _text(80)))


def list_categories(session: Session, *, include_retired: bool = False) -> list[EnquiryCategory]:
    query = select(EnquiryCategory).order_by(EnquiryCategory.position)
    if not include_retired:
        query = query.where(EnquiryCategory.retired_at.is_(None))
    return list(session.scalars(query))


def category_by_name(session: Session, name: str) -> EnquiryCategory:
    category = session.scalar(
        select(EnquiryCategory).where(func.lower(EnquiryCategory.name) == name.strip().lower())
    )
    if category is None:
        known = ", ".join(c.name for c in list_categories(session))
        raise ValidationError("Category", f"{name!r} is not a category (one of: {known})")
    return category


def _check_category_name(session: Session, category: Any, cleaned: dict[str, Any]) -> None:
    name = cleaned.get("name")
    if name is None:
        return
    clash = session.scalar(
        select(EnquiryCategory).where(
            func.lower(EnquiryCategory.name) == name.lower(),
            EnquiryCategory.id != (category.id if category else -1),
        )
    )
    if clash is not None:
        raise ValidationError("Category name", f"{clash.name} already exists")


def add_category(session: Session, name: Any) -> EnquiryCategory:
    """A new category, last in report order."""
    position = (session.scalar(select(func.max(EnquiryCategory.position))) or 0) + 1
    return create_record(
        session,
        EnquiryCategory(position=position),
        {"name": name},
        CATEGORY_FIELDS,
        _check_category_name,
    )


def rename_category(
    session: Session, category_id: int, name: Any, expected_version: int
) -> EnquiryCategory:
    return update_record(
        session,
        EnquiryCategory,
        category_id,
        {"name": name},
        expected_version,
        CATEGORY_FIELDS,
        _check_category_name,
    )


def retire_category(session: Session, category_id: int, expected_version: int) -> EnquiryCategory:
    """No new enquiries in it; its enquiries and report rows stay."""
    return retire_record(session, EnquiryCategory, category_id, expected_version, CATEGORY_FIELDS)
