"""Where benchmarks run: a throwaway SQLite file, and a scratch PostgreSQL database when
SECDESK_BENCH_POSTGRES_URL names a server (created, migrated, and dropped afterwards);
and how they time a step."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from secdesk.store import migrate
from secdesk.store.engine import Store


def on_each_store(bench: Callable[[Store], None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(
            URL.create("sqlite", database=str(Path(folder) / "bench.sqlite3")), user="bench"
        )
        migrate.upgrade(store.engine)
        bench(store)
        store.dispose()
    raw_pg = os.environ.get("SECDESK_BENCH_POSTGRES_URL")
    if not raw_pg:
        return
    with scratch_database(raw_pg) as url:
        store = Store(url, user="bench")
        migrate.upgrade(store.engine)
        bench(store)
        store.dispose()


@contextmanager
def scratch_database(raw_server_url: str) -> Iterator[URL]:
    """A new, empty database on the server (its URL), dropped afterwards whatever happens."""
    server = make_url(raw_server_url).set(drivername="postgresql+psycopg")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"secdesk_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def median_ms(action: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time in milliseconds of ``repeat`` runs, after one warm-up run."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
