"""What every register's list shares: a case-insensitive search over a few columns, an
order the user chose by column key, answered in SQL (blanks last, then a stable tiebreak),
and, for the long logs (enquiries, the audit trail), keyset pages newest first."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, or_
from sqlalchemy import tuple_ as row_value

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


# The last row of a page, as (moment, id): the next page starts after it.
Cursor = tuple[datetime, int]


def newest_first(
    query: Select[Any], at: Any, id_: Any, after: Cursor | None, limit: int
) -> Select[Any]:
    """A page of ``query`` newest first by (at, id) after the cursor: found through the
    index wherever it lies, never with OFFSET, so rows added while someone scrolls neither
    repeat nor hide a row. The cursor's moment is bound with the column's own type, so
    both stores compare it as they store it."""
    if after is not None:
        moment, last_id = after
        query = query.where(
            row_value(at, id_) < row_value(literal(moment, at.type), literal(last_id))
        )
    return query.order_by(at.desc(), id_.desc()).limit(limit)
