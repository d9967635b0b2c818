"""Who else has a record open in an editor, on a shared store.

Nothing is written for it: each secdesk keeps one connection of its own whose
``application_name`` names the record its editor has open, and since when ("secdesk
editing party/12 @2026-11-30T10:02:00Z": the server shows another login's application name
but not its other session details);
the server's ``pg_stat_activity`` then says who has it open, and forgets them the moment
their secdesk closes, crashes or loses the network — no row is ever left behind saying
someone is editing who is not. A local (SQLite) store has one user: nobody else to show.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from secdesk.store.engine import Store

PREFIX = "secdesk editing "


SINCE = " @"


def _name(table: str, record_id: int) -> str:
    return f"{PREFIX}{table}/{record_id}"


def _announcement(table: str, record_id: int) -> str:
    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{_name(table, record_id)}{SINCE}{since}"[:63]  # the server keeps 63 characters


def _since(announcement: str) -> datetime | None:
    try:
        stamp = announcement.rpartition(SINCE)[2]
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


@dataclass(frozen=True)
class Editing:
    """Someone else with the record open: their login, and since when."""

    login: str
    since: datetime | None
    elsewhere_by_me: bool  # the same login, in another secdesk


class Presence:
    """This secdesk's editing announcement on a shared store (one connection, held)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._connection: Connection | None = None
        self._pid = -1  # the server's process for that connection
        self._closed = False  # once closed (the window went), nothing opens it again

    @property
    def shared(self) -> bool:
        return not self.store.is_sqlite

    def _set(self, name: str) -> None:
        with self._lock:
            if self._closed:
                return  # an editor's last word, arriving after its window closed
            if self._connection is None:
                self._connection = self.store.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT"
                )
                self._pid = int(self._connection.scalar(text("SELECT pg_backend_pid()")) or -1)
            self._connection.execute(
                text("SELECT set_config('application_name', :name, false)"), {"name": name}
            )

    def editing(self, table: str, record_id: int) -> None:
        """Say that this secdesk's editor has the record open (from a worker thread)."""
        if self.shared:
            self._set(_announcement(table, record_id))

    def done(self) -> None:
        """The editor closed."""
        if self.shared and self._connection is not None:
            self._set("secdesk")

    def others(self, table: str, record_id: int) -> list[Editing]:
        """Everyone else with the record open now (this secdesk's own editor aside),
        earliest first; the same login in another secdesk is marked so."""
        if not self.shared or self._closed:
            return []
        query = text(
            "SELECT usename, application_name, usename = session_user FROM pg_stat_activity "
            "WHERE split_part(application_name, :since, 1) = :name AND pid <> :own "
            "AND datname = current_database() ORDER BY application_name"
        )
        with self.store.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            rows = connection.execute(
                query, {"name": _name(table, record_id), "own": self._pid, "since": SINCE}
            )
            return [Editing(login, _since(name), same) for login, name, same in rows]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._connection is not None:
                self._connection.close()
                self._connection = None
