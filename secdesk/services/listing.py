"""What every register's list shares: a case-insensitive search over a few columns, and an
order the user chose by column key, answered in SQL (blanks last, then a stable tiebreak)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, func, or_

from secdesk.errors import ValidationError


def search_condition(
    search: str | None, *columns: Any, also: ColumnElement[bool] | None = None
) -> ColumnElement[bool] | None:
    """Rows where any column contains the search text (any case), or ``also`` holds
    (for exact matches on child rows such as MPIDs). None for a blank search."""
    if not search or not search.strip():
        return None
    needle = search.strip().casefold()
    conditions = [func.lower(c).contains(needle, autoescape=True) for c in columns]
    if also is not None:
        conditions.append(also)
    return or_(*conditions)


def sort_order(sortable: Mapping[str, Any], sort: str, descending: bool, what: str) -> Any:
    """The ORDER BY term for the column the user chose; put a stable tiebreak after it."""
    column = sortable.get(sort)
    if column is None:
        raise ValidationError("Sort", f"cannot sort {what} by {sort!r}")
    # Blanks last either way, and the same on both backends (their defaults differ).
    return (column.desc() if descending else column.asc()).nulls_last()
