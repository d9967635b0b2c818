"""Look-ups a unit of work makes again and again (a Voting Group by name while an import
creates hundreds of Parties), kept for that session's transaction only: a commit forgets them,
and so does a rollback, even of a savepoint, since the records they hold may be gone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

_CACHES = "session caches"


def cache(session: Session, name: str) -> dict[Any, Any]:
    """The session's cache called ``name`` (made empty on first use)."""
    caches: dict[str, dict[Any, Any]] = session.info.setdefault(_CACHES, {})
    return caches.setdefault(name, {})


def complete(session: Session, name: str) -> bool:
    """Whether the cache called ``name`` holds every record there is (a miss is then an
    answer, not a reason to ask the store)."""
    return bool(cache(session, "complete caches").get(name))


def mark_complete(session: Session, name: str) -> None:
    cache(session, "complete caches")[name] = True


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, _previous: SessionTransaction) -> None:
    session.info.pop(_CACHES, None)


@event.listens_for(Session, "after_commit")
def _forget_at_commit(session: Session) -> None:
    session.info.pop(_CACHES, None)
