"""Serialise a rule across connections (see secdesk.domain.lock for why an UPDATE)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from secdesk.domain.lock import StoreLock
from secdesk.services.session_cache import cache


def take(session: Session, name: str) -> None:
    """Hold the named lock until the session's transaction ends. Take it before reading
    what the rule depends on, so the read sees every committed competitor."""
    held = cache(session, "locks held")
    if name in held:
        return  # taken already in this transaction (an import allocates thousands)
    # No session synchronisation: a lock row is never held as an object in the session,
    # and working out whether one is cost 30 ms on the first publish of a session.
    result = session.execute(
        update(StoreLock)
        .where(StoreLock.name == name)
        .values(taken=StoreLock.taken + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.add(StoreLock(name=name, taken=1))
        session.flush()
    held[name] = True
