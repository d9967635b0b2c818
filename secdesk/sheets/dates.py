"""Typed dates are read one way per column, never guessed row by row.

A column of dates typed as text (a CSV, or cells formatted as text) is read day first, the
UK way, when every one of its dates reads so. When only month first reads them all (some
"03/25/2019"), the whole column is month first, and the import says so. When neither
reading fits the whole column, the column is an error that shows one date of each kind.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from datetime import date
from typing import Any, TypeVar

Key = TypeVar("Key", bound=Hashable)
_TYPED = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


def settle_dates(
    rows: Sequence[tuple[int, dict[Key, Any]]], keys: Sequence[Key]
) -> tuple[list[str], dict[Key, tuple[int, str]]]:
    """Rewrite every month-first column of ``rows`` day first, in place. Returns a notice
    for each column so read, and for each column no one reading fits, the row of its first
    date and the message.

    One person typed the sheet: when a column shows month-first dates and no column shows
    day-first ones, every date column of the sheet is read month first (a column whose
    dates all fit either way, such as 04/01/2020, is read as its neighbour shows)."""
    notices: list[str] = []
    errors: dict[Key, tuple[int, str]] = {}
    evidence: dict[Key, tuple[list[Any], Any, Any]] = {}
    for key in keys:
        typed = [
            (number, cells, match)
            for number, cells in rows
            if isinstance(cells.get(key), str) and (match := _TYPED.match(cells[key].strip()))
        ]
        day_only = next(((n, m.group(0)) for n, _c, m in typed if _only(m, day_first=True)), None)
        month_only = next(
            ((n, m.group(0)) for n, _c, m in typed if _only(m, day_first=False)), None
        )
        if day_only is not None and month_only is not None:
            errors[key] = (
                typed[0][0],
                f"its dates cannot all be read one way: row {day_only[0]} has "
                f"{day_only[1]!r} (day first) and row {month_only[0]} has {month_only[1]!r} "
                "(month first). Write every date of the column DD/MM/YYYY",
            )
        elif typed:
            evidence[key] = (typed, day_only, month_only)
    shown = next((m for _t, _d, m in evidence.values() if m is not None), None)
    sheet_month_first = shown is not None and all(d is None for _t, d, _m in evidence.values())
    for key, (typed, _day_only, month_only) in evidence.items():
        if month_only is None and not sheet_month_first:
            continue  # day first, as every date that reads at all does
        for _number, cells, match in typed:
            text = cells[key].strip()
            sep = match[2]
            cells[key] = f"{match[3]}{sep}{match[1]}{sep}{match[4]}{text[match.end() :]}"
        label = getattr(key, "header", key)
        proof = month_only or shown
        assert proof is not None  # read month first only on a month-first date's evidence
        notices.append(
            f"column {label!r}: dates read month first (MM/DD/YYYY), since row "
            f"{proof[0]} has {proof[1]!r}, which cannot be day first"
        )
    return notices, errors


def _reads(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _only(match: re.Match[str], *, day_first: bool) -> bool:
    """Whether a typed date reads one way (day first, or month first) and not the other."""
    a, b, year = int(match[1]), int(match[3]), int(match[4])
    as_day_first, as_month_first = _reads(a, b, year), _reads(b, a, year)
    return as_day_first and not as_month_first if day_first else as_month_first and not as_day_first
