"""The EUI-64 ranges allocated so far, held in memory while a batch (an import's ID
Allocation sheet) allocates thousands of them: the store cannot see the batch's own ranges
until it flushes, and asking it once a row would cost a round trip a row.

The ranges in the store never overlap, and every range added here is checked first, so
sorted by start they are sorted by end too: the one range that can overlap start..end is
the last one starting at or before end."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import IdAllocation
from secdesk.services.records import batch_cache

_INDEX = "allocated ranges"


@dataclass(frozen=True)
class Held:
    """A range and whom it is allocated to (``owner``: the allocation, or for one the batch
    is creating, a stand-in until it exists)."""

    start: str
    end: str
    owner: object
    organisation_id: int


class RangeIndex:
    def __init__(self, held: list[Held]) -> None:
        self._held = sorted(held, key=lambda h: h.start)
        self._starts = [h.start for h in self._held]
        self._of_owner = {id(h.owner): h for h in self._held}

    def overlapping(self, start: str, end: str, owner: object | None) -> Held | None:
        """The range, other than ``owner``'s own, that shares an identifier with start..end."""
        i = bisect.bisect_right(self._starts, end) - 1
        while i >= 0 and self._held[i].owner is owner is not None:
            i -= 1
        if i >= 0 and self._held[i].end >= start:
            return self._held[i]
        return None

    def hold(self, held: Held) -> None:
        """``held.owner`` now has ``held``'s range (instead of any range it had)."""
        old = self._of_owner.pop(id(held.owner), None)
        if old is not None:
            i = bisect.bisect_left(self._starts, old.start)
            while self._held[i] is not old:
                i += 1
            del self._held[i], self._starts[i]
        self._of_owner[id(held.owner)] = held
        i = bisect.bisect_right(self._starts, held.start)
        self._held.insert(i, held)
        self._starts.insert(i, held.start)


def batch_ranges(session: Session) -> RangeIndex:
    """The ranges of the store plus those the batch has allocated (or moved) so far."""
    index: dict[str, RangeIndex] = batch_cache(session, _INDEX)
    if _INDEX not in index:
        rows = session.scalars(select(IdAllocation))
        index[_INDEX] = RangeIndex(
            [Held(a.range_start, a.range_end, a, a.organisation_id) for a in rows]
        )
    return index[_INDEX]
