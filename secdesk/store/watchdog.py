"""No command waits forever on a PostgreSQL server that has gone silent.

Two kinds of silence. A link that drops packets (a VPN, a laptop asleep, Wi-Fi) is found by
the operating system: TCP keepalives and ``tcp_user_timeout`` (set on every connection,
secdesk.store.engine). But a server that keeps the connection open and stops answering —
or a proxy or VPN gateway that stops forwarding while it holds the connection — acknowledges
everything at the TCP level, and a statement would wait forever.

So every round trip to the server (a statement, a COPY, a commit or rollback) is watched.
One that takes longer than SILENT_AFTER_SECONDS is looked into through a new, separate
connection — the test that tells a busy server from a silent one:

- the server answers and shows our session still working on it (running, or waiting for a
  lock): it is busy, not silent, and we go on waiting (a big import is not cut off; the
  server's statement_timeout is the last line);
- the server cannot be reached within PROBE_SECONDS, or it shows our session idle (our
  statement finished and its answer was lost), or gone: the link is dead, and the socket is
  shut down, so the waiting call fails at once and the command reports "cannot reach the
  PostgreSQL store".
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

SILENT_AFTER_SECONDS = 15.0  # a round trip this long is looked into
PROBE_SECONDS = 5.0  # how long the look may take before the server counts as unreachable
PROBE_EVERY_SECONDS = 5.0  # how often a busy server's statement is looked at again
_TICK = 0.25


@dataclass
class _InFlight:
    pid: int
    fileno: int
    started: float
    look_at: float
    idle_looks: int = 0
    thread: threading.Thread = field(default_factory=threading.current_thread)


WORKING, IDLE, GONE = "working", "idle", "gone"


class Watchdog:
    """Watches the round trips of one engine's connections. ``probe(pid)`` asks the server
    about that session through a new connection: WORKING (running our statement, or
    waiting for a lock), IDLE (it finished, so its answer to us was lost) or GONE; it
    raises if the server cannot be asked."""

    def __init__(self, probe: Callable[[int], str]) -> None:
        self._probe = probe
        self._lock = threading.Lock()
        self._in_flight: dict[int, _InFlight] = {}
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, connection: Any) -> Iterator[None]:
        """Around one blocking call on a psycopg connection."""
        now = time.monotonic()
        try:
            flight = _InFlight(
                connection.info.backend_pid, connection.fileno(), now, now + SILENT_AFTER_SECONDS
            )
        except Exception:  # a closed connection: the call itself will say so
            yield
            return
        key = id(flight)
        with self._lock:
            self._in_flight[key] = flight
            self._start()
        try:
            yield
        finally:
            with self._lock:
                self._in_flight.pop(key, None)

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="secdesk-watchdog", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(_TICK)
            now = time.monotonic()
            with self._lock:
                if not self._in_flight:
                    self._thread = None
                    return
                due = [(k, f) for k, f in self._in_flight.items() if f.look_at <= now]
            for key, flight in due:
                if self._silent(flight):
                    with self._lock:
                        still = self._in_flight.pop(key, None)
                    if still is not None:
                        log.warning("PostgreSQL went silent on session %s: cut off", flight.pid)
                        _shut(flight.fileno)
                else:
                    flight.look_at = time.monotonic() + PROBE_EVERY_SECONDS

    def _silent(self, flight: _InFlight) -> bool:
        answer: list[str] = []

        def ask() -> None:
            try:
                answer.append(self._probe(flight.pid))
            except Exception:
                answer.append(GONE)  # the server cannot be reached

        asker = threading.Thread(target=ask, daemon=True)
        asker.start()
        asker.join(PROBE_SECONDS + 1)
        state = answer[0] if answer else GONE
        if state == WORKING:
            flight.idle_looks = 0
            return False
        if state == IDLE:
            # Finished on the server: its answer is lost, or just now arriving. Twice in a
            # row, PROBE_EVERY_SECONDS apart, it is lost.
            flight.idle_looks += 1
            return flight.idle_looks >= 2
        return True


def _shut(fileno: int) -> None:
    """Shut the socket down under the blocked call, which then fails with a closed
    connection (the descriptor itself stays psycopg's to close)."""
    try:
        sock = socket.socket(fileno=fileno)
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.detach()
