"""Finding a sheet's header row, and saying exactly why one was not found.

People put title blocks, notes and blank rows above their headers, spell headers their own
way and add columns of their own. A header row is looked for in the first
``HEADER_SEARCH_ROWS`` rows; headers match whatever their case, spacing and punctuation.
When a row comes close to a layout but not all the way, the message names each column that
is missing and each it did not recognise, with the nearest expected header.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from secdesk.sheets.columns import header_key

HEADER_SEARCH_ROWS = 30
# A row is taken for an attempt at a layout when it has at least this share of the
# layout's required headers, spelt right or nearly.
_NEAR = 0.5
_CUTOFF = 0.75

Target = TypeVar("Target")


@dataclass(frozen=True)
class HeaderSpec(Generic[Target]):
    """What a sheet of one kind is known by: its title, every header it may have, the ones
    it must have, and what the reader files a matched sheet under."""

    title: str
    headers: tuple[str, ...]
    required: tuple[str, ...]
    kind: Target


@dataclass
class Found(Generic[Target]):
    spec: HeaderSpec[Target]
    header_row: int  # as Excel numbers rows
    columns: dict[int, str]  # cell index → the spec's header
    extra: list[str] = field(default_factory=list)


@dataclass
class NearMiss(Generic[Target]):
    spec: HeaderSpec[Target]
    header_row: int
    missing: list[str]
    unknown: list[tuple[str, str | None]]  # (header as written, nearest expected header)

    @property
    def score(self) -> float:
        return 1 - len(self.missing) / max(len(self.spec.required), 1)

    def message(self) -> str:
        first = f"row {self.header_row} looks like the headers of the {self.spec.title}"
        if self.missing:
            first += f" but has no column {_listed(self.missing)}"
        parts = [first]
        for written, nearest in self.unknown:
            hint = f' — did you mean "{nearest}"?' if nearest else ""
            parts.append(f'column "{written}" is not one the {self.spec.title} has{hint}')
        return "; ".join(parts)


def _listed(headers: Sequence[str]) -> str:
    quoted = [f'"{h}"' for h in headers]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _match(spec: HeaderSpec[Target], cells: Sequence[Any]) -> dict[int, str]:
    keys = {header_key(h): h for h in spec.headers}
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        header = keys.get(header_key(cell))
        if header is not None and header not in found.values():
            found[index] = header
    return found


def _near_miss(
    spec: HeaderSpec[Target], number: int, cells: Sequence[Any], found: dict[int, str]
) -> NearMiss[Target] | None:
    missing = [h for h in spec.required if h not in found.values()]
    unknown_cells = [_text(cell) for i, cell in enumerate(cells) if i not in found and _text(cell)]
    untaken = {header_key(h): h for h in spec.headers if h not in found.values()}
    unknown: list[tuple[str, str | None]] = []
    nearly = 0
    for written in unknown_cells:
        close = difflib.get_close_matches(header_key(written), list(untaken), n=1, cutoff=_CUTOFF)
        nearest = untaken[close[0]] if close else None
        if nearest in missing:
            nearly += 1
        unknown.append((written, nearest))
    have = len(spec.required) - len(missing) + nearly
    if not spec.required or have / len(spec.required) < _NEAR or len(found) < 2:
        return None
    return NearMiss(spec, number, missing, unknown)


def locate(
    rows: Sequence[Sequence[Any]], specs: Sequence[HeaderSpec[Target]]
) -> Found[Target] | NearMiss[Target] | None:
    """The first header row among a sheet's first rows that has every required header of
    one of ``specs`` (the spec it matches best, if several); else the closest attempt at
    one, to explain; else None."""
    best_miss: NearMiss[Target] | None = None
    for number, cells in enumerate(rows[:HEADER_SEARCH_ROWS], 1):
        if not any(_text(c) for c in cells):
            continue
        complete: list[tuple[int, HeaderSpec[Target], dict[int, str]]] = []
        for spec in specs:
            found = _match(spec, cells)
            if all(h in found.values() for h in spec.required):
                complete.append((len(found), spec, found))
            elif (miss := _near_miss(spec, number, cells, found)) is not None and (
                best_miss is None or miss.score > best_miss.score
            ):
                best_miss = miss
        if complete:
            _count, spec, found = max(complete, key=lambda c: c[0])
            extra = [_text(c) for i, c in enumerate(cells) if i not in found and _text(c)]
            return Found(spec, number, found, extra)
    return best_miss
