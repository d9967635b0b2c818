"""Watching a store for changes made by anyone — this secdesk, a colleague's, a script — so
that every open screen can show them within a second or two.

PostgreSQL announces each committed change itself (secdesk.store.guard.announce): one
dedicated connection LISTENs, off the window's thread. SQLite has no announcements; its
``PRAGMA data_version`` moves whenever another connection (another process, or this one's
pool) commits, and the audit trail written since says which tables and who. A watcher that
loses its server keeps trying, quietly; the screens stay as they were meanwhile.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from secdesk.store.engine import Store
from secdesk.store.guard.announce import CHANNEL

POLL_SECONDS = 0.5  # SQLite: how often data_version is read
RETRY_SECONDS = 5.0  # after losing the server


@dataclass(frozen=True)
class Change:
    """What changed: the tables (none: it cannot be told, anything may have) and who."""

    tables: frozenset[str]
    by: frozenset[str] = frozenset()


class Watcher:
    """Calls ``tell`` with each Change, from its own thread, until stopped."""

    def __init__(self, store: Store, tell: Callable[[Change], None]) -> None:
        self.store = store
        self.tell = tell
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="secdesk watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)

    def _tell(self, change: Change) -> None:
        try:
            self.tell(change)
        except RuntimeError:  # whoever listened is gone (its window closed): stop watching
            self._stop.set()

    def _run(self) -> None:
        watch = self._watch_sqlite if self.store.is_sqlite else self._watch_postgresql
        while not self._stop.is_set():
            try:
                watch()
            except Exception:  # the server went away or the file is busy: try again later
                self._stop.wait(RETRY_SECONDS)

    # ---- PostgreSQL -----------------------------------------------------------------------

    def _watch_postgresql(self) -> None:
        import psycopg

        engine = self.store.engine
        _args, params = engine.dialect.create_connect_args(engine.url)
        params = dict(params) | {"autocommit": True, "application_name": "secdesk watcher"}
        with psycopg.connect(**params) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            while not self._stop.is_set():
                tables: set[str] = set()
                by: set[str] = set()
                for note in connection.notifies(timeout=POLL_SECONDS):
                    table, _, login = note.payload.partition(" ")
                    tables.add(table)
                    by.add(login)
                if tables:
                    self._tell(Change(frozenset(tables), frozenset(by)))

    # ---- SQLite ---------------------------------------------------------------------------

    def _watch_sqlite(self) -> None:
        path = self.store.url.database
        assert path is not None
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            version = _scalar(connection, "PRAGMA data_version")
            last_entry = _scalar(connection, "SELECT coalesce(max(id), 0) FROM audit_entry")
            last_publication = _latest_publication(connection)
            while not self._stop.wait(POLL_SECONDS):
                now = _scalar(connection, "PRAGMA data_version")
                if now == version:
                    continue
                version = now
                rows = connection.execute(
                    "SELECT DISTINCT table_name, user_name FROM audit_entry WHERE id > ?",
                    (last_entry,),
                ).fetchall()
                last_entry = _scalar(connection, "SELECT coalesce(max(id), 0) FROM audit_entry")
                tables = {table for table, _user in rows}
                publication = _latest_publication(connection)
                if publication != last_publication:
                    last_publication = publication
                    tables.add("publication")
                # Nothing in the trail (a bulk load the trail does not record): anything.
                self._tell(Change(frozenset(tables), frozenset(user for _t, user in rows)))
        finally:
            connection.close()


def _latest_publication(connection: sqlite3.Connection) -> tuple[Any, ...] | None:
    """The newest publication and its state (a publish is recorded Pending, then
    Published), which the trail does not record."""
    row = connection.execute("SELECT id, state FROM publication ORDER BY id DESC LIMIT 1")
    found = row.fetchone()
    return tuple(found) if found else None


def _scalar(connection: sqlite3.Connection, statement: str) -> Any:
    return connection.execute(statement).fetchone()[0]
