"""One record, one set of values, across every row of one import.

Each row of a register sheet stands for a record (a Party by name, a contact by Party, name
and priority, an allocation by organisation number, …). A record that two rows of one
sheet stand for cannot be told apart from itself: an error naming both rows, whatever they
say. Rows of different sheets may speak of the same record (the SEC Parties List and the
Party Details List both give a Party's Voting Group; the Party Details List and the ID
Allocation both give its MPIDs): where they disagree, the import cannot know which is
right, and says so, naming both places, instead of letting the file applied last win.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from secdesk.domain import OrganisationType
from secdesk.sheets.row_error import RowError


@dataclass(frozen=True)
class Row:
    """A row that passed its column rules: where it is, and its values by field."""

    file: str
    sheet: str
    number: int
    layout: Any  # secdesk.sheets.sheet_layout.Layout
    values: dict[str, Any]
    raw: dict[str, Any]  # the cells as the file holds them, by field

    @property
    def place(self) -> str:
        return f"{self.file}, sheet {self.sheet!r}, row {self.number}"


@dataclass(frozen=True)
class Facet:
    """What a row says of one record: the record's key, the fields it gives, and whether
    the row *is* that record (two such rows in one sheet are one record twice)."""

    key: tuple[Any, ...]
    fields: tuple[str, ...]
    primary: bool = True


def _name(value: Any) -> str:
    return str(value or "").casefold()


def _given(row: Row, *key: str) -> tuple[str, ...]:
    """The fields a row gives about its record: every column it reads, but its key."""
    return tuple(
        c.field
        for c in row.layout.columns
        if c.parse is not None and c.field is not None and c.field not in key
    )


def _parties(row: Row) -> list[Facet]:
    return [Facet(("party", _name(row.values["name"])), _given(row, "name"))]


def _details(row: Row) -> list[Facet]:
    facets = [Facet(("party", _name(row.values["name"])), _given(row, "name"))]
    if row.values.get("company_number"):
        facets.append(Facet(("company number", row.values["company_number"]), ("name",)))
    return facets


def _contacts(row: Row) -> list[Facet]:
    v = row.values
    key = ("contact", _name(v["party"]), _name(v["name"]), v.get("priority"))
    return [Facet(key, _given(row, "party", "name", "priority"))]


def _allocations(row: Row) -> list[Facet]:
    v = row.values
    facets = [
        Facet(("allocation", v["organisation_number"]), _given(row, "organisation_number")),
        Facet(("signifier", v["signifier"]), ("organisation_number",)),
    ]
    if v.get("organisation_type") is OrganisationType.PARTY:
        party = ("party", _name(v["organisation_name"]))
        facets.append(Facet(party, ("mpids", "previous_names"), primary=False))
    return facets


def _events(row: Row) -> list[Facet]:
    v = row.values
    key = ("event", _name(v["party"]), v.get("kind"), v.get("date"))
    return [Facet(key, _given(row, "party", "kind", "date"))]


def _testing(row: Row) -> list[Facet]:
    """A Party completes SREPT once and UEPT once a role: two rows for one of those are
    one record twice (or a contradiction, if their dates differ)."""
    v = row.values
    key = ("test completed", _name(v["party"]), v.get("test"), v.get("role"))
    return [Facet(key, _given(row, "party", "test", "role", "date"))]


def _assessment(row: Row) -> list[Facet]:
    v = row.values
    key = ("assessment", _name(v["party"]), v.get("kind"), v.get("requested_for"))
    return [Facet(key, _given(row, "party", "kind", "requested_for"))]


FACETS: dict[str, Callable[[Row], list[Facet]]] = {
    "parties": _parties,
    "party_details": _details,
    "contacts": _contacts,
    "allocations": _allocations,
    "membership_events": _events,
    "testing_completions": _testing,
    "assessments": _assessment,
}


def same_values(a: Any, b: Any) -> bool:
    """Whether two values a row could give are the same (lists in any order)."""
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return sorted(map(repr, a)) == sorted(map(repr, b))
    return bool(a == b)


def shown(value: Any) -> str:
    """A parsed value as the file would have it."""
    if value is None or value == [] or value == (None, None):
        return "blank"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(shown(part) for part in value if part)
    if isinstance(value, list):
        return "; ".join(shown(item) for item in value)
    return str(value)


def _header(row: Row, field: str) -> str:
    return next((c.header for c in row.layout.columns if c.field == field), field)


def check(rows: Iterable[Row]) -> tuple[list[RowError], set[tuple[str, str, int]]]:
    """The errors of rows that repeat or contradict another, and those rows' places (the
    import applies none of them: it is failing anyway, and they would only add noise)."""
    errors: list[RowError] = []
    skipped: set[tuple[str, str, int]] = set()
    first_row: dict[tuple[str, str, tuple[Any, ...]], Row] = {}
    said: dict[tuple[tuple[Any, ...], str], tuple[Any, Row]] = {}
    rows_seen: list[Row] = []
    for row in rows:
        rows_seen.append(row)
        where = (row.file, row.sheet, row.number)
        for facet in FACETS[row.layout.key](row):
            if facet.primary:
                seen = first_row.setdefault((row.file, row.sheet, facet.key), row)
                if seen is not row:
                    errors.append(
                        RowError(
                            row.file,
                            row.sheet,
                            row.number,
                            None,
                            None,
                            f"the same {facet.key[0]} as row {seen.number} "
                            f"({'; '.join(shown(k) for k in facet.key[1:] if k)}): a record "
                            "cannot be listed twice, and two that cannot be told apart cannot "
                            "be imported; remove or correct one of the rows",
                        )
                    )
                    skipped.add(where)
                    continue
            for field in facet.fields:
                if field not in row.values:
                    continue
                value = row.values[field]
                earlier = said.setdefault((facet.key, field), (value, row))
                if earlier[1] is row or same_values(earlier[0], value):
                    continue
                errors.append(
                    RowError(
                        row.file,
                        row.sheet,
                        row.number,
                        _header(row, field),
                        shown(value),
                        f"contradicts {earlier[1].place}, which says {shown(earlier[0])!r} "
                        f"for the same {facet.key[0]}: correct one of them",
                    )
                )
                skipped.add(where)
    errors.extend(_overlapping_ranges(rows_seen, skipped))
    return errors, skipped


def _overlapping_ranges(rows: list[Row], skipped: set[tuple[str, str, int]]) -> list[RowError]:
    """Two allocations of the import whose EUI-64 ranges share an identifier (a range
    outside its allocation is refused by the DCC's systems)."""
    allocations = [
        r
        for r in rows
        if r.layout.key == "allocations"
        and r.values.get("range_start")
        and r.values.get("range_end")
    ]
    allocations.sort(key=lambda r: (r.values["range_start"], r.values["range_end"]))
    ranges = [(r.values["range_start"], r.values["range_end"], r) for r in allocations]
    errors = []
    reach: tuple[str, Row] | None = None
    for start, end, row in ranges:
        if reach is not None and start <= reach[0] and reach[1] is not row:
            errors.append(
                RowError(
                    row.file,
                    row.sheet,
                    row.number,
                    _header(row, "range_start"),
                    row.raw.get("range_start"),
                    f"overlaps the range of {reach[1].place}: no two allocations may share an "
                    "identifier",
                )
            )
            skipped.add((row.file, row.sheet, row.number))
        if reach is None or end > reach[0]:
            reach = (end, row)
    return errors
