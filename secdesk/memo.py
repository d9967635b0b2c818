"""A rule applied once for each distinct value it is given, within one piece of bulk work
(an import's sheet): a register repeats its categories, statuses, dates and Y/N thousands
of times. A value the rule refuses is not remembered: it is checked, and refused, again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def remembered(memo: dict[Any, Any], rule: Callable[[Any], Any], raw: Any) -> Any:
    """``rule(raw)``, from ``memo`` when the same rule had the same value before (a list
    comes back as a new list each time, so a caller may change it)."""
    try:
        key = (rule, type(raw), tuple(raw) if type(raw) is list else raw)
        value = memo[key]
    except TypeError:  # a value that cannot be a key (a dict)
        return rule(raw)
    except KeyError:
        value = memo[key] = rule(raw)
    return list(value) if type(value) is list else value
