"""What a Party's security obligations depend on (its security profile), and its G5.27
returns: kept per Party, versioned and audited like every register."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import G527Return, NotifyAgreement, Party, SecurityProfile
from secdesk.errors import ValidationError
from secdesk.services.records import (
    Field,
    FieldSet,
    create_record,
    optional_field,
    referenced,
    update_record,
)

PROFILE_FIELDS = FieldSet(
    "Security profile",
    optional_field(
        "shared_resource_provider",
        "Shared Resource Provider",
        lambda raw, label: v.required_text(raw, label, 160),
    ),
    optional_field("srp_since", "Using the SRP since", v.parse_date),
    optional_field("over_250k_since", "Over 250,000 premises since", v.parse_date),
    Field(
        "notify_agreement",
        "G3.17-G3.20 met by",
        lambda raw: (
            None if v.is_blank(raw) else v.choice(raw, NotifyAgreement, "G3.17-G3.20 met by")
        ),
    ),
    optional_field("notify_agreement_received", "G3.17-G3.20 document received", v.parse_date),
)


def _check(session: Session, profile: SecurityProfile | None, cleaned: dict[str, Any]) -> None:
    def value(key: str) -> Any:
        return cleaned[key] if key in cleaned else getattr(profile, key, None)

    if value("shared_resource_provider") and value("srp_since") is None:
        raise ValidationError("Using the SRP since", "give the date the Party started to use it")
    if value("notify_agreement_received") and value("notify_agreement") is None:
        raise ValidationError("G3.17-G3.20 met by", "say whether a Letter of Intent or an MoU")


def profile_of(session: Session, party_id: int) -> SecurityProfile | None:
    return session.scalar(select(SecurityProfile).where(SecurityProfile.party_id == party_id))


def set_profile(
    session: Session, party_id: int, values: Mapping[str, Any], expected_version: int | None = None
) -> SecurityProfile:
    """Set what the profile says (made the first time), version-checked like any edit."""
    referenced(session, Party, party_id, "Party")
    held = profile_of(session, party_id)
    if held is None:
        profile = SecurityProfile(party_id=party_id)
        return create_record(session, profile, values, PROFILE_FIELDS, _check)
    return update_record(
        session,
        SecurityProfile,
        held.id,
        values,
        held.version if expected_version is None else expected_version,
        PROFILE_FIELDS,
        _check,
    )


def record_return(
    session: Session,
    party_id: int,
    due_on: Any,
    received_on: Any,
    sms_count: Any,
    *,
    from_srp: bool = False,
) -> G527Return:
    """A G5.27 return received, for the six-monthly date it answers."""
    referenced(session, Party, party_id, "Party")
    due = v.parse_date(due_on, "Return due")
    received = v.parse_date(received_on, "Received")
    if due is None or received is None:
        raise ValidationError("Return due" if due is None else "Received", "is required")
    count = v.whole_number(sms_count, "SMS count")
    held = session.scalar(
        select(G527Return).where(G527Return.party_id == party_id, G527Return.due_on == due)
    )
    if held is not None:
        raise ValidationError("Return due", f"the return due {due:%d/%m/%Y} is already recorded")
    made = G527Return(
        party_id=party_id, due_on=due, received_on=received, sms_count=count, from_srp=from_srp
    )
    session.add(made)
    session.flush()
    return made


def returns_of(session: Session, party_id: int) -> list[G527Return]:
    return list(
        session.scalars(
            select(G527Return).where(G527Return.party_id == party_id).order_by(G527Return.due_on)
        )
    )
