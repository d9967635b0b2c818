"""The store's own settings, one value for everyone who uses it: each has a name, a
default, and the rule its value keeps. Reading one never fails (a store that has never set
it has the default); changing one is an admin's, and is audited."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.domain import StoreSetting
from secdesk.errors import ValidationError


@dataclass(frozen=True)
class WholeNumber:
    """A setting that is a whole number between ``least`` and ``most``."""

    name: str
    label: str
    default: int
    least: int
    most: int

    def check(self, raw: object) -> int:
        value = v.whole_number(raw, self.label)
        if not self.least <= value <= self.most:
            raise ValidationError(self.label, f"give a number from {self.least:,} to {self.most:,}")
        return value


# Unlogged e-mails (a message's body is personal data) are forgotten after this many days.
MAIL_RETENTION_DAYS = WholeNumber(
    "mail retention days", "Keep unlogged e-mails for (days)", 90, 1, 3650
)


def get(session: Session, setting: WholeNumber) -> int:
    """The setting's value, or its default where the store has never set it (or holds a
    value its rule refuses, say from an older secdesk)."""
    raw = session.scalar(select(StoreSetting.value).where(StoreSetting.name == setting.name))
    if raw is None:
        return setting.default
    try:
        return setting.check(raw)
    except ValidationError:
        return setting.default


def put(session: Session, setting: WholeNumber, raw: object) -> int:
    """Set the value (checked); returns it."""
    value = setting.check(raw)
    held = session.scalar(select(StoreSetting).where(StoreSetting.name == setting.name))
    if held is None:
        session.add(StoreSetting(name=setting.name, value=str(value)))
    elif held.value != str(value):
        held.value = str(value)
    session.flush()
    return value
