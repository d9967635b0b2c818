"""Values in the widgets: how a stored value reads (secdesk.display, shared with the
core), drop-down choices for a vocabulary, and the current / former filter."""

from __future__ import annotations

import enum
from typing import Any


def enum_choices(kind: type[enum.Enum]) -> list[tuple[str, Any]]:
    """A drop-down's items for a fixed vocabulary, in its declared order."""
    return [(str(member.value), member) for member in kind]


# A filter's "current only" and "former only" choices, and what they ask the service for.
CURRENT, FORMER = "current", "former"


def current_only(choice: Any) -> bool | None:
    """True for current only, False for former only, None for either (or another choice)."""
    return {CURRENT: True, FORMER: False}.get(choice) if isinstance(choice, str) else None
