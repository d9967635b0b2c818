"""psycopg connections whose every blocking round trip is watched (secdesk.store.watchdog):
statements, COPY, commit and rollback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql

from secdesk.store.watchdog import GONE, IDLE, WORKING, Watchdog


class WatchedCursor(psycopg.Cursor[Any]):
    def execute(self, *args: Any, **kwargs: Any) -> Any:
        with _watching(self.connection):
            return super().execute(*args, **kwargs)

    def executemany(self, *args: Any, **kwargs: Any) -> None:
        with _watching(self.connection):
            super().executemany(*args, **kwargs)

    @contextmanager
    def copy(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with _watching(self.connection), super().copy(*args, **kwargs) as copy:
            yield copy


class WatchedConnection(psycopg.Connection[Any]):
    watchdog: Watchdog | None = None

    def commit(self) -> None:
        with _watching(self):
            super().commit()

    def rollback(self) -> None:
        with _watching(self):
            super().rollback()


@contextmanager
def _watching(connection: Any) -> Iterator[None]:
    watchdog = getattr(connection, "watchdog", None)
    if watchdog is None:
        yield
        return
    with watchdog.watching(connection):
        yield


def connect(watchdog: Watchdog, *args: Any, **kwargs: Any) -> WatchedConnection:
    kwargs.setdefault("cursor_factory", WatchedCursor)
    connection = WatchedConnection.connect(*args, **kwargs)
    connection.watchdog = watchdog
    return connection


def prober(conninfo: str, timeout: float) -> Any:
    """The question the watchdog asks about a session, through a new connection (whose
    conninfo carries a connect timeout of ``timeout``)."""

    def probe(pid: int) -> str:
        with psycopg.connect(conninfo) as probe_conn:
            row = probe_conn.execute(
                sql.SQL("SELECT state, wait_event FROM pg_stat_activity WHERE pid = {}").format(
                    sql.Literal(pid)
                )
            ).fetchone()
        if row is None:
            return GONE
        state, wait_event = row
        if state == "active" and wait_event != "ClientWrite":
            return WORKING  # running, or waiting for a lock: busy, not silent
        # Finished, or stuck sending us its answer: the link, or our end, has stopped.
        return IDLE

    return probe
