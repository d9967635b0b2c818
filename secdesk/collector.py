"""When Python's cyclic garbage collector stands aside.

Start-up and bulk work (a publish, an import, the demo) make hundreds of thousands of
objects and keep them while they work. None of them needs the cyclic collector (reference
counting frees them), but each time enough have been made it walks all the live ones
again: a sixth of opening the store, a third of publishing 10,000 parties. So it is paused
for that work; what start-up made stays for the whole session and is frozen out of its way.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause() -> None:
    """Until ``resume_after_start_up``: the window's start-up, which spans event loops."""
    gc.disable()


def resume_after_start_up() -> None:
    """Start-up is over: collect the little it left unreachable (some hundreds of objects;
    a freeze would keep them for good), freeze the rest (later full collections skip it)
    and resume. Idempotent, so every way start-up can end may call it."""
    if not gc.isenabled():
        gc.collect()
        gc.freeze()
        gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """Bulk work in one block. Nests, and leaves the collector as it found it, whatever
    happens inside."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
