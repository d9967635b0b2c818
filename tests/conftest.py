"""Shared fixtures. Every store test runs on SQLite and on PostgreSQL, each in a fresh store
copied from a migrated template (a file copy, or CREATE DATABASE … TEMPLATE)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

# Set once, before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the suite away from the real user's settings, data and keyring.
os.environ["SECDESK_HOME"] = tempfile.mkdtemp(prefix="secdesk-tests-")
os.environ.pop("SECDESK_STORE", None)

import keyring
import keyring.backend
import keyring.errors
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from secdesk.store import migrate
from secdesk.store.engine import Store, create_store_engine

POSTGRES_ENV = "SECDESK_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    if _in_ci() and not os.environ.get(POSTGRES_ENV):
        raise pytest.UsageError(
            f"CI=true but {POSTGRES_ENV} is not set: in CI the PostgreSQL half of the suite "
            "must run, not skip"
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that needs a QApplication carries the gui marker, so
    ``pytest -m "not gui"`` is a fast run without Qt."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures or "/gui/" in item.nodeid:
            item.add_marker(pytest.mark.gui)


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def secdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own settings and data folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("SECDESK_HOME", str(home))
    monkeypatch.delenv("SECDESK_STORE", raising=False)
    return home


# ---- PostgreSQL -------------------------------------------------------------------------


class PostgresServer:
    """Makes and drops throwaway databases on the test server."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")

    def database_url(self, name: str) -> URL:
        return self.url.set(database=name)

    def create(self, name: str, template: str | None = None) -> URL:
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return self.database_url(name)

    def drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    raw = os.environ.get(POSTGRES_ENV)
    if not raw:
        message = (
            f"PostgreSQL tests need {POSTGRES_ENV} "
            "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    url = make_url(raw).set(drivername="postgresql+psycopg")
    server = PostgresServer(url)
    try:
        with server.admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        pytest.fail(f"{POSTGRES_ENV} is set but PostgreSQL does not answer: {exc}")
    yield server
    server.admin.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> Iterator[str]:
    name = f"secdesk_template_{uuid.uuid4().hex[:8]}"
    postgres.drop(name)
    engine = create_store_engine(postgres.create(name))
    migrate.upgrade(engine)
    engine.dispose()
    yield name
    postgres.drop(name)


# The people of the PostgreSQL half: real logins, admins of secdesk (so the suite runs
# through the grants, as a team's admin would), named as the SQLite stores' local users are.
# The role-by-role tests (tests/store/test_roles.py) make logins of each role of their own.
TEST_LOGINS = ("tester", "colleague")


@pytest.fixture(scope="session")
def postgres_logins(postgres: PostgresServer, postgres_template: str) -> None:
    """Made once on the server and left there: roles belong to the whole server, and a
    second test run (CI beside a developer's run) must not lose them when the first ends."""
    from psycopg.errors import DuplicateObject
    from sqlalchemy.exc import ProgrammingError

    with postgres.admin.connect() as connection:
        for login in TEST_LOGINS:
            try:
                connection.execute(text(f'CREATE ROLE "{login}" LOGIN IN ROLE secdesk_admin'))
            except ProgrammingError as exc:
                if not isinstance(exc.orig, DuplicateObject):
                    raise
            connection.execute(text(f'GRANT secdesk_admin TO "{login}"'))


def as_login(url: URL, login: str, request: pytest.FixtureRequest) -> URL:
    """``url`` logged in as one of TEST_LOGINS (PostgreSQL), or as it is (SQLite)."""
    if url.get_backend_name() == "sqlite":
        return url
    request.getfixturevalue("postgres_logins")
    return url.set(username=login)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_store_engine(URL.create("sqlite", database=str(path)))
    migrate.upgrade(engine)
    engine.dispose()
    with closing(sqlite3.connect(path)) as db:  # outside any transaction, as a checkpoint must be
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


# ---- stores -----------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    """A fresh, migrated store on the backend under test."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "store.sqlite3"
        shutil.copyfile(template, path)
        yield URL.create("sqlite", database=str(path))
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"secdesk_test_{uuid.uuid4().hex[:12]}"
    url = server.create(name, template=request.getfixturevalue("postgres_template"))
    yield url
    server.drop(name)


@pytest.fixture
def empty_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    """A fresh store with no schema at all, for migration tests."""
    if backend == "sqlite":
        yield URL.create("sqlite", database=str(tmp_path / "empty.sqlite3"))
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"secdesk_empty_{uuid.uuid4().hex[:12]}"
    url = server.create(name)
    yield url
    server.drop(name)


@pytest.fixture
def store(store_url: URL, request: pytest.FixtureRequest) -> Iterator[Store]:
    store = Store(as_login(store_url, "tester", request), user="tester")
    yield store
    store.dispose()


@pytest.fixture
def other_store(store_url: URL, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A second client on the same store (another user's secdesk)."""
    store = Store(as_login(store_url, "colleague", request), user="colleague")
    yield store
    store.dispose()


@pytest.fixture
def store_factory(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """Makes further fresh stores on the backend under test (for tests that need several,
    such as a round trip from one store into an empty one)."""
    made: list[tuple[Store, str | None]] = []

    def make() -> Store:
        if backend == "sqlite":
            path = tmp_path / f"extra-{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            store = Store(URL.create("sqlite", database=str(path)), user="tester")
            made.append((store, None))
            return store
        server: PostgresServer = request.getfixturevalue("postgres")
        name = f"secdesk_extra_{uuid.uuid4().hex[:12]}"
        url = server.create(name, template=request.getfixturevalue("postgres_template"))
        store = Store(as_login(url, "tester", request), user="tester")
        made.append((store, name))
        return store

    yield make
    for store, name in made:
        store.dispose()
        if name:
            request.getfixturevalue("postgres").drop(name)


@pytest.fixture
def people(store_url: URL, store: Store, postgres: PostgresServer) -> Iterator[Any]:
    """Makes logins of each role on the store under test (PostgreSQL); ``store`` is the
    suite's admin, "tester", who makes them through the admin's own service."""
    from tests.people import People

    made = People(store_url, store, postgres)
    yield made
    made.close()
