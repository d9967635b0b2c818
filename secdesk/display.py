"""How stored values read in words: dates as DD/MM/YYYY, moments in UK time, choices by
their name, lists joined with "; ", blanks as blanks. The forms, the conflict and history
dialogs, the change-request review and the notifications all read values this way."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from secdesk import validate as v
from secdesk.months import UK_TIME

# How a stored field reads where its plain text would not do (table → field → format): the
# editors show these, and so do History and the audit trail.
FORMATS: dict[str, dict[str, Callable[[str | None], str]]] = {
    "party": {"vat_number": v.format_vat_number},
    "operations_contact": {"office_phone": v.format_phone, "out_of_hours_phone": v.format_phone},
    "id_allocation": {"range_start": v.format_eui64, "range_end": v.format_eui64},
}


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.astimezone(UK_TIME).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return v.format_date(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Mapping):
        return "; ".join(" ".join(p for p in map(as_text, item) if p) for item in value.items())
    if isinstance(value, tuple):
        return ": ".join(as_text(part) for part in value)
    if isinstance(value, list):
        return "; ".join(as_text(item) for item in value)
    return str(value)


def shown(value: Any) -> str:
    """For dialogs that compare values: a blank says so."""
    text = as_text(value)
    return text if text else "(blank)"


def comparable(value: Any) -> Any:
    """Equal for values that mean the same (the order of a list of MPIDs does not matter)."""
    if isinstance(value, Mapping):
        return tuple(sorted(((k, comparable(x)) for k, x in value.items()), key=repr))
    if isinstance(value, list | tuple | set):
        items = [comparable(item) for item in value]
        return tuple(items) if isinstance(value, tuple) else tuple(sorted(items, key=repr))
    if isinstance(value, datetime):  # a form shows moments to the minute
        return value.astimezone(UK_TIME).replace(second=0, microsecond=0)
    return value
