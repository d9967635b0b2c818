"""Names of records in several tables at once — the Parties, categories and contacts a page
of the audit trail mentions — in one statement, however many tables: one round trip to a
distant server instead of one a table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import String, cast, literal, select, union_all
from sqlalchemy.orm import Session


def names_by_id(
    session: Session, wanted: Mapping[str, tuple[Any, Iterable[int]]]
) -> dict[tuple[str, int], str]:
    """``wanted`` maps a tag to (a mapped name column, the ids wanted); the answer maps
    (tag, id) to the name, for each id that exists."""
    branches = [
        select(
            literal(tag, String).label("tag"),
            column.class_.id.label("id"),
            cast(column, String).label("name"),
        ).where(column.class_.id.in_(sorted(ids)))
        for tag, (column, ids) in wanted.items()
        if ids
    ]
    if not branches:
        return {}
    statement = branches[0] if len(branches) == 1 else union_all(*branches)
    return {(tag, record_id): name for tag, record_id, name in session.execute(statement)}
