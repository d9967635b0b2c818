"""The errors secdesk shows to people.

Every error a user can cause or meet derives from SecdeskError and carries a message in
plain words; the CLI prints it as one line and the GUI shows it in a dialog. Anything else
that escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


class SecdeskError(Exception):
    """Base of every error that is meant for a person to read."""


class ValidationError(SecdeskError, ValueError):
    """A value broke a field rule. ``field`` is the label a person knows the field by."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class ReasonNeeded(ValidationError):
    """A change the rules allow only with a reason that is kept (a UEP completion without an
    approved security assessment): asked again with the reason under ``key``."""

    def __init__(self, field: str, message: str, key: str) -> None:
        super().__init__(field, message)
        self.key = key


class ValidationErrors(SecdeskError, ValueError):
    """Several field errors found in one record; nothing was saved."""

    def __init__(self, errors: Iterable[ValidationError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


class DuplicateError(ValidationError):
    """A value that must be unique is already held by another record."""


class NotFoundError(SecdeskError, LookupError):
    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(
            f"{what} {key!r} does not exist (it may have been deleted by someone else)"
        )


@dataclass
class ConflictError(SecdeskError):
    """Someone else saved the record after the caller loaded it.

    ``stored`` holds the values now in the store and ``stored_version`` their version, so
    the caller can show mine / theirs / original and retry with the new version.
    """

    entity: str
    record_id: int
    expected_version: int
    stored_version: int
    stored: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return (
            f"{self.entity} {self.record_id} was changed by someone else since you opened it "
            f"(your copy is version {self.expected_version}, the stored one is version "
            f"{self.stored_version}); nothing was saved"
        )


class StoreError(SecdeskError):
    """The store could not be used for a reason outside secdesk (unreachable, locked, full,
    behind on migrations). The message says what to do."""


class ConfigurationError(SecdeskError):
    """A setting or command-line option is not usable."""


class PermissionRefused(StoreError):
    """The shared store refused what the user's role does not allow (checked by the
    database itself; the window normally disables such actions first)."""


class Cancelled(Exception):
    """The user cancelled long work (an import) before it saved anything. Deliberately not
    a SecdeskError: nothing may catch it as a problem with a row and carry on."""
