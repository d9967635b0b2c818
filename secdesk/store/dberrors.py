"""Database errors in plain words.

Two kinds: the environment's fault (server unreachable, file locked, disk full, wrong
password) becomes a StoreError that says what to do; a broken constraint becomes a
ValidationError naming the field, for the rare race a service's own check could not see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from secdesk.errors import (
    DuplicateError,
    PermissionRefused,
    SecdeskError,
    StoreError,
    ValidationError,
)

# Constraint name → (field label, message). Names follow domain.base.NAMING_CONVENTION.
CONSTRAINT_MESSAGES = {
    "uq_party_company_number": ("Company number", "is already used by another party"),
    "uq_party_vat_number": ("VAT number", "is already used by another party"),
    "uq_mpid_code": ("MPIDs", "an MPID is already held by another party"),
    "uq_gas_identifier_code": ("Gas identifiers", "a gas identifier is already held"),
    "uq_energy_licence_licence_type_reference": ("Energy licences", "that licence is held"),
    "uq_id_allocation_signifier": ("Signifier", "is already allocated"),
    "uq_id_allocation_organisation_number": ("Organisation number", "is already allocated"),
    "uq_voting_group_name": ("Voting group", "a group with that name exists"),
    "uq_enquiry_category_name": ("Category", "a category with that name exists"),
    "uq_organisation_party_id": ("Party", "already has an organisation record"),
}


def _constraint_name(exc: DBAPIError) -> str | None:
    diag = getattr(exc.orig, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return str(diag.constraint_name)
    text = str(exc.orig)
    # SQLite names the columns, not the constraint: "UNIQUE constraint failed: mpid.code".
    if "UNIQUE constraint failed:" in text:
        columns = text.split("UNIQUE constraint failed:", 1)[1].strip()
        parts = [c.strip().split(".") for c in columns.split(",")]
        table = parts[0][0]
        return "uq_" + table + "_" + "_".join(p[-1] for p in parts)
    return None


@contextmanager
def translated() -> Iterator[None]:
    """Database errors raised inside leave as SecdeskErrors in plain words."""
    try:
        yield
    except DBAPIError as exc:
        raise translate(exc) from exc


def translate(exc: BaseException) -> SecdeskError:
    """The error to show a person for a database exception."""
    if isinstance(exc, SecdeskError):
        return exc
    if isinstance(exc, IntegrityError):
        name = _constraint_name(exc)
        if name in CONSTRAINT_MESSAGES:
            field, message = CONSTRAINT_MESSAGES[name]
            return DuplicateError(field, message)
        return ValidationError("Record", f"breaks a rule of the store ({name or exc.orig})")
    refused = _refusal(exc) if isinstance(exc, DBAPIError) else None
    if refused is not None:
        return refused
    if isinstance(exc, OperationalError):
        return StoreError(_operational_message(str(exc.orig)))
    if isinstance(exc, DBAPIError):
        return StoreError(f"the store refused the request: {str(exc.orig).strip()}")
    return StoreError(str(exc))


def _operational_message(text: str) -> str:
    lowered = text.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        return (
            "the store is busy (another secdesk window or program is writing to it); "
            "try again in a moment"
        )
    if "disk" in lowered and ("full" in lowered or "i/o" in lowered):
        return "the disk holding the store is full or failing; free some space and try again"
    if "unable to open database file" in lowered:
        return "the store file cannot be opened: check the folder exists and you may write to it"
    if "is not permitted to log in" in lowered:
        login = _quoted(text)
        return (
            f"the login {login} is disabled on this store; an admin can enable it "
            f"(`secdesk users enable {login}`)"
        )
    if "role" in lowered and "does not exist" in lowered:
        login = _quoted(text)
        return (
            f"the server has no login {login}; ask an admin to add you "
            f"(`secdesk users add {login} --role helpdesk`)"
        )
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return "PostgreSQL refused the password; run `secdesk store use URL` to save the right one"
    if "permission denied" in lowered:
        return f"the store refused: {text.strip()} (ask an admin for access)"
    if "connection" in lowered or "could not" in lowered or "timeout" in lowered:
        first_line = text.strip().splitlines()[0] if text.strip() else text
        return (
            f"cannot reach the PostgreSQL store ({first_line}); check the server is running "
            "and your network connection, then try again"
        )
    return f"the store reported a problem: {text.strip()}"


_SUBJECTS = {  # what a table's refusal is about
    "enquiry_category": "change enquiry categories",
    "spreadsheet_setting": "change classifications",
    "store_setting": "change the store's settings",
    "panel_meeting": "change the SEC Panel's meeting dates",
    "mail_account": "add or remove mailboxes",
    "enquiry": "delete enquiries",
    "change_request": "review or action change requests",
    "change_request_item": "review change requests",
    "publication": "publish",
    "publication_file": "publish",
    "audit_entry": "write to the audit trail",
}


def _refusal(exc: DBAPIError) -> SecdeskError | None:
    """A refusal by the database's grants, or a worded error of secdesk's functions."""
    code = getattr(exc.orig, "sqlstate", None)
    diag = getattr(exc.orig, "diag", None)
    message = str(getattr(diag, "message_primary", None) or exc.orig).strip()
    context = str(getattr(diag, "context", None) or "")
    if "function secdesk_" in context and "at RAISE" in context:  # said by our functions
        return PermissionRefused(message) if code == "42501" else ValidationError("User", message)
    if code != "42501":
        return None
    if "must be owner" in message:
        return PermissionRefused(
            "changing the store's schema needs its owner's login: run `secdesk db upgrade` "
            "connected as the login that owns the store (or ask your DBA)"
        )
    if "function secdesk_" in message:
        return PermissionRefused("managing users needs the admin role")
    table = message.rsplit(" ", 1)[-1].strip('"') if "for table" in message else None
    what = _SUBJECTS.get(table or "", "change the register") if table else "do that"
    return PermissionRefused(
        f"the store refused: your role may not {what} (if an admin has changed your role "
        "since secdesk started, restart it to see what the new one allows)"
    )


def _quoted(text: str) -> str:
    """The login a server message is about (its 'role "name"')."""
    found = re.search(r'role "([^"]+)"', text)
    return found.group(1) if found else "you"
