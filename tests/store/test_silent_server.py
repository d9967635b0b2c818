"""A command never waits forever on the PostgreSQL store: through a proxy on 127.0.0.1 that
stops forwarding (keeping the connection) or drops the connection, every command ends
within seconds with "cannot reach the PostgreSQL store" and saves nothing; a server that is
merely busy is not cut off. (The deadlines are shortened here; see secdesk.store.watchdog.)
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text

from secdesk.domain import Party, PublicationState
from secdesk.errors import StoreError
from secdesk.services import parties
from secdesk.sheets import publication_ledger as ledger
from secdesk.sheets.publish import publish
from secdesk.store import engine as store_engine
from secdesk.store import watchdog
from secdesk.store.engine import Store
from tests.store.tcp_proxy import Proxy

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_url(postgres, postgres_template) -> Iterator:
    name = f"secdesk_silent_{uuid.uuid4().hex[:10]}"
    url = postgres.create(name, template=postgres_template)
    yield url
    postgres.drop(name)


@pytest.fixture
def proxy(pg_url) -> Iterator[Proxy]:
    proxy = Proxy(pg_url.host or "127.0.0.1", pg_url.port or 5432)
    yield proxy
    proxy.close()


@pytest.fixture
def quick_deadlines(monkeypatch):
    monkeypatch.setattr(watchdog, "SILENT_AFTER_SECONDS", 2.0)
    monkeypatch.setattr(watchdog, "PROBE_SECONDS", 2.0)
    monkeypatch.setattr(watchdog, "PROBE_EVERY_SECONDS", 1.0)
    quick = dict(store_engine.PG_CONNECTION, connect_timeout=3)
    monkeypatch.setattr(store_engine, "PG_CONNECTION", quick)


def through(proxy: Proxy, url) -> Store:
    return Store(url.set(host="127.0.0.1", port=proxy.port), user="tester")


def party_count(url) -> int:
    direct = Store(url, user="checker")
    try:
        with direct.session() as session:
            return session.scalar(select(func.count()).select_from(Party))
    finally:
        direct.dispose()


@pytest.mark.parametrize("fault", ["stall", "drop"])
def test_a_link_that_stops_ends_the_command_in_plain_words(pg_url, proxy, quick_deadlines, fault):
    store = through(proxy, pg_url)
    started = time.monotonic()
    with (
        pytest.raises(StoreError, match="cannot reach the PostgreSQL store"),
        store.unit_of_work() as session,
    ):
        parties.create_party(session, {"name": "Acme Ltd", "category": "Other"})
        getattr(proxy, fault)()
        parties.create_party(session, {"name": "Beta Ltd", "category": "Other"})
    assert time.monotonic() - started < 30
    store.dispose()
    assert party_count(pg_url) == 0  # nothing half-saved


def test_a_server_that_cannot_be_reached_at_all_is_said_quickly(pg_url, proxy, quick_deadlines):
    proxy.stall()  # accepts the connection, never answers
    store = through(proxy, pg_url)
    started = time.monotonic()
    with (
        pytest.raises(StoreError, match="cannot reach the PostgreSQL store"),
        store.unit_of_work() as session,
    ):
        session.execute(text("SELECT 1"))
    assert time.monotonic() - started < 30
    store.dispose()


def test_a_busy_server_is_not_cut_off(pg_url, proxy, quick_deadlines):
    """A statement working on the server for longer than the deadline goes on: the
    watchdog asks the server and finds it working."""
    store = through(proxy, pg_url)
    with store.unit_of_work() as session:
        assert session.execute(text("SELECT pg_sleep(5), 42")).one()[1] == 42
    store.dispose()


def test_a_publish_whose_link_stops_after_the_swap_puts_the_previous_set_back(
    pg_url, proxy, quick_deadlines, tmp_path, monkeypatch
):
    from tests.sheets.conftest import build_register
    from tests.sheets.test_publish_crash import assert_settled, spreadsheets

    direct = Store(pg_url, user="tester")
    build_register(direct)
    folder = tmp_path / "Published"
    publish(direct, folder)
    first = spreadsheets(folder)
    with direct.unit_of_work() as session:
        parties.create_party(session, {"name": "Late Arrival Ltd", "category": "Other"})

    real_mark = ledger.mark

    def mark_then_the_link_stops(store, number, state):
        if state is PublicationState.PUBLISHED:
            proxy.stall()
        return real_mark(store, number, state)

    monkeypatch.setattr(ledger, "mark", mark_then_the_link_stops)
    store = through(proxy, pg_url)
    started = time.monotonic()
    with pytest.raises(StoreError, match="cannot reach the PostgreSQL store"):
        publish(store, folder)
    assert time.monotonic() - started < 60
    assert spreadsheets(folder) == first  # the previous set is back at once
    store.dispose()
    monkeypatch.undo()
    ledger.settle_folder(direct, folder)  # the next start, with the network back
    assert assert_settled(direct, folder).number == 1
    direct.dispose()


def test_the_watchdog_stops_when_nothing_is_under_way(pg_url, proxy, quick_deadlines):
    store = through(proxy, pg_url)
    with store.unit_of_work() as session:
        session.execute(text("SELECT 1"))
    time.sleep(1)
    assert "secdesk-watchdog" not in {t.name for t in threading.enumerate()}
    store.dispose()
