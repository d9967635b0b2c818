"""What a Change in Party Details request can name, and the rule each value must pass.

A requested field is named by key: a Party field (``vat_number``) or a field of one of the
Party's operations contacts (``contact/12/email``). The rules are the editors' own
(PARTY_FIELDS, CONTACT_FIELDS), so a request is checked exactly as an edit would be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.display import as_text
from secdesk.domain import OperationsContact, Party
from secdesk.errors import NotFoundError, ValidationError, ValidationErrors
from secdesk.services.contacts import CONTACT_FIELDS
from secdesk.services.party_fields import PARTY_FIELDS
from secdesk.services.records import Field

# What a Party may ask to change. Its name history and "last updated" follow from a change;
# a contact's Party and confirmation date are SECAS's to keep.
PARTY_KEYS = tuple(k for k in PARTY_FIELDS.fields if k not in ("previous_names", "last_updated"))
CONTACT_KEYS = tuple(k for k in CONTACT_FIELDS.fields if k not in ("party_id", "last_confirmed"))
CONTACT_PREFIX = "contact"


@dataclass(frozen=True)
class Target:
    """The register field a requested change is for."""

    key: str
    label: str
    field: Field
    record: Party | OperationsContact

    @property
    def ref(self) -> str:
        """The record, as the reviewer's seen versions name it: ``party/3``, ``contact/12``."""
        kind = "party" if isinstance(self.record, Party) else CONTACT_PREFIX
        return f"{kind}/{self.record.id}"

    def current(self) -> Any:
        return self.field.get(self.record)


def contact_key(contact_id: int, field: str) -> str:
    return f"{CONTACT_PREFIX}/{contact_id}/{field}"


def _contact_label(contact: OperationsContact, field: Field) -> str:
    return f"Contact {contact.name}: {field.label}"


def target(session: Session, party: Party, key: str) -> Target:
    """The field ``key`` names, on ``party`` or one of its current contacts."""
    if key in PARTY_KEYS:
        field = PARTY_FIELDS.fields[key]
        return Target(key, field.label, field, party)
    kind, _, rest = key.partition("/")
    contact_id, _, name = rest.partition("/")
    if kind == CONTACT_PREFIX and contact_id.isdigit() and name in CONTACT_KEYS:
        contact = session.get(OperationsContact, int(contact_id))
        if contact is not None and contact.party_id == party.id and contact.retired_at is None:
            field = CONTACT_FIELDS.fields[name]
            return Target(key, _contact_label(contact, field), field, contact)
        raise ValidationError(
            "Requested field", f"{party.name} has no current contact with id {contact_id}"
        )
    raise ValidationError("Requested field", f"{key!r} is not a field a Party can ask to change")


def requestable_fields(session: Session, party_id: int) -> list[tuple[str, str]]:
    """(label, key) of every field a request for this Party may name, in form order."""
    party = session.get(Party, party_id)
    if party is None:
        raise NotFoundError("Party", party_id)
    choices = [(PARTY_FIELDS.label(k), k) for k in PARTY_KEYS]
    contacts = session.scalars(
        select(OperationsContact)
        .where(OperationsContact.party_id == party_id, OperationsContact.retired_at.is_(None))
        .order_by(OperationsContact.name, OperationsContact.id)
    )
    for contact in contacts:
        for k in CONTACT_KEYS:
            field = CONTACT_FIELDS.fields[k]
            choices.append((_contact_label(contact, field), contact_key(contact.id, k)))
    return choices


def field_of(key: str) -> Field:
    """The rule a requested value for ``key`` must pass (no store needed: the form checks
    as the user types)."""
    if key in PARTY_KEYS:
        return PARTY_FIELDS.fields[key]
    kind, _, rest = key.partition("/")
    name = rest.partition("/")[2]
    if kind == CONTACT_PREFIX and name in CONTACT_KEYS:
        return CONTACT_FIELDS.fields[name]
    raise ValidationError("Requested field", f"{key!r} is not a field a Party can ask to change")


def problem(key: str, raw: Any) -> str | None:
    """Why a requested value breaks its field's rule, in words, or None."""
    return problem_of(field_of(key), clean_text(raw))


def may_notify_alt_han(session: Session, party_id: int) -> bool:
    party = session.get(Party, party_id)
    return party is not None and party.category.is_supplier


def problem_of(field: Field, raw: str | None) -> str | None:
    """Why ``raw`` breaks the field's rule, in words, or None."""
    try:
        value = field.clean(raw)
    except ValidationErrors as exc:
        return "; ".join(e.message for e in exc.errors)
    except ValidationError as exc:
        return exc.message
    if field.required and value in (None, "", []):
        return "is required"
    return None


def clean_text(raw: Any) -> str | None:
    return None if v.is_blank(raw) else (raw if isinstance(raw, str) else as_text(raw)).strip()


def labels_of(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """Field labels for these keys, whoever's requests they are from: the contacts named
    read in one statement (none when no contact field is among them)."""
    keys = set(keys)
    found = {k: PARTY_FIELDS.label(k) for k in keys if k in PARTY_KEYS}
    wanted: dict[int, list[tuple[str, str]]] = {}
    for key in keys - found.keys():
        prefix, _, rest = key.partition("/")
        contact_id, _, field = rest.partition("/")
        if prefix == CONTACT_PREFIX and contact_id.isdigit() and field in CONTACT_KEYS:
            wanted.setdefault(int(contact_id), []).append((key, field))
    if wanted:
        for contact in session.scalars(
            select(OperationsContact).where(OperationsContact.id.in_(sorted(wanted)))
        ):
            for key, field in wanted[contact.id]:
                found[key] = _contact_label(contact, CONTACT_FIELDS.fields[field])
    return found


def labels(session: Session, party_id: int) -> dict[str, str]:
    """Field labels by key for a Party's requests, including contacts retired since."""
    found = {k: PARTY_FIELDS.label(k) for k in PARTY_KEYS}
    for contact in session.scalars(
        select(OperationsContact).where(OperationsContact.party_id == party_id)
    ):
        for k in CONTACT_KEYS:
            found[contact_key(contact.id, k)] = _contact_label(contact, CONTACT_FIELDS.fields[k])
    return found
