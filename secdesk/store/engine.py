"""Engines and sessions for both backends, and the Store that opens one.

SQLite (one local user): WAL journal, foreign keys on, a busy timeout, and transactions that
really begin at BEGIN (pysqlite otherwise defers them, which breaks savepoints and locks) and
begin as the writer, so that two writers queue rather than fail.
PostgreSQL (the team's shared store): psycopg 3, the password from the OS keyring.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from secdesk import audit
from secdesk.domain.roles import Action, may, refusal
from secdesk.errors import PermissionRefused
from secdesk.store import dberrors
from secdesk.store.identity import Identity, local, who
from secdesk.store.url import describe, is_sqlite

SQLITE_BUSY_TIMEOUT_MS = 10_000
# The execution option that marks a connection's transactions as writes (on SQLite they then
# begin as the writer); Store.unit_of_work and Store.session(writing=True) set it.
WRITER = "secdesk_writer"


def create_store_engine(url: URL, **options: Any) -> Engine:
    if is_sqlite(url):
        return _sqlite_engine(url, **options)
    return _postgresql_engine(url, **options)


def _sqlite_engine(url: URL, **options: Any) -> Engine:
    assert url.database
    Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if not connection.get_execution_options().get(WRITER):
            connection.exec_driver_sql("BEGIN")  # a reader: WAL lets it read beside a writer
            return
        # A unit of work begins as the writer (IMMEDIATE): a second one then waits its turn
        # under the busy timeout. Begun as a reader, a transaction that writes after
        # another has committed fails at once ("busy"), whatever the timeout.
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as exc:
            if "readonly" not in str(exc.orig).replace(" ", "").lower():
                raise
            connection.exec_driver_sql("BEGIN")  # a store on read-only media is still read

    return engine


# A link that drops packets is found by TCP itself: keepalives on an idle connection, and
# tcp_user_timeout for data sent and never acknowledged; each about 20 to 25 s.
PG_CONNECTION = {
    "connect_timeout": 10,
    "application_name": "secdesk",
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 20_000,
    # The server's own last lines: no statement runs for more than five minutes, and a
    # session left idle inside a transaction (its client gone) lets go of its locks.
    "options": "-c statement_timeout=300000 -c idle_in_transaction_session_timeout=600000",
}


def _postgresql_engine(url: URL, **options: Any) -> Engine:
    if url.username and url.password is None:
        from secdesk.store import credentials  # the keyring (20 ms): only a server needs it

        password = credentials.get_password(url)
        if password is not None:
            url = url.set(password=password)
    engine = create_engine(url, connect_args=dict(PG_CONNECTION), **options)
    _ping_when_idle(engine)
    _watch(engine)
    return engine


# A pooled connection unused for longer than this is pinged before it is handed out (the
# server may have restarted, or a firewall forgotten it); one used recently is not. A ping
# on every checkout (SQLAlchemy's pool_pre_ping) is a round trip per unit of work, and
# with a server 30 ms away that is a screen's budget.
IDLE_PING_SECONDS = 30.0


def _ping_when_idle(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            dbapi_connection.execute("SELECT 1")
            dbapi_connection.rollback()
        except Exception as exc:  # any failure: the pool replaces the connection
            raise DisconnectionError(f"the pooled connection is gone: {exc}") from exc


def _watch(engine: Engine) -> None:
    """Every round trip of the engine's connections is watched for a silent server
    (secdesk.store.watchdog), which a keepalive cannot see."""
    from psycopg.conninfo import make_conninfo

    from secdesk.store import pg_watched, watchdog

    _cargs, cparams = engine.dialect.create_connect_args(engine.url)
    where = {k: v for k, v in cparams.items() if isinstance(v, str | int) and k != "options"}
    where["connect_timeout"] = max(1, round(watchdog.PROBE_SECONDS))
    where["application_name"] = "secdesk watchdog"
    conninfo = make_conninfo("", **where)
    dog = watchdog.Watchdog(pg_watched.prober(conninfo, watchdog.PROBE_SECONDS))

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return pg_watched.connect(dog, *cargs, **cparams)


class Store:
    """One open store: its engine, a session factory, and the user acting on it.

    ``user`` names the local user of a SQLite store (default: the desktop login). On
    PostgreSQL the user is whoever the server authenticated, asked of the server once."""

    def __init__(self, url: URL, engine: Engine | None = None, user: str | None = None) -> None:
        self.url = url
        self.engine = engine or create_store_engine(url)
        self._local_user = user
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writers = sessionmaker(
            self.engine.execution_options(**{WRITER: True}), expire_on_commit=False
        )
        # What a screen reads runs without a transaction on PostgreSQL: each statement sees
        # what was committed when it ran, and there is no BEGIN and COMMIT to wait for (two
        # of a screen's three round trips to a distant server). SQLite reads in a (local,
        # free) transaction as before.
        readers = (
            self.engine
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._readers = sessionmaker(readers, expire_on_commit=False, autoflush=False)
        audit.install()
        # The connections lent out now, so that closing the store closes them all — also
        # one a background read still holds when the window goes or another store is opened
        # (the pool itself lets go only of those returned to it).
        self._lent: dict[int, Any] = {}
        self._lending = threading.Lock()
        event.listen(self.engine, "checkout", self._lend)
        event.listen(self.engine, "checkin", self._returned)

    def _lend(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        with self._lending:
            self._lent[id(dbapi_connection)] = dbapi_connection

    def _returned(self, dbapi_connection: Any, _record: Any) -> None:
        with self._lending:
            self._lent.pop(id(dbapi_connection), None)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    def describe(self) -> str:
        return describe(self.url)

    @cached_property
    def identity(self) -> Identity:
        """Who acts on the store, and in what role (secdesk.store.identity)."""
        if self.is_sqlite:
            return local(self._local_user)
        with dberrors.translated(), self.engine.connect() as connection:
            return who(connection)

    def forget_identity(self) -> None:
        """Ask the server again next time (an admin may have changed the role)."""
        self.__dict__.pop("identity", None)

    @property
    def user(self) -> str:
        return self.identity.login

    def may(self, action: Action) -> bool:
        """Whether the user's role may take ``action`` (secdesk.domain.roles)."""
        return may(self.identity.role, action)

    def require(self, action: Action) -> None:
        """Refuse, in words, what the user's role may not do, before trying it (the
        database would refuse it anyway, less helpfully)."""
        if not self.may(action):
            raise PermissionRefused(
                f"{refusal(action)}; you are signed in as {self.identity.describe()}"
            )

    def schema_revision(self, *, roleless: bool = False) -> str | None:
        """The schema revision the store records (None for a store with no tables yet).
        ``roleless``: a login with no secdesk role, which a guarded store lets read
        nothing, is answered "the head" (so that it is told about its role, not the schema)."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            if roleless and not self.is_sqlite and self.identity.role is None:
                readable = connection.scalar(
                    text("SELECT has_table_privilege('alembic_version', 'SELECT')")
                )
                if not readable:
                    from secdesk.store import HEAD_REVISION

                    return HEAD_REVISION
            return connection.scalar(text("SELECT version_num FROM alembic_version"))

    def session(self, *, writing: bool = False) -> Session:
        """A session; ``writing``: its transactions will write (see WRITER)."""
        session = (self._writers if writing else self._sessions)()
        session.info["user"] = self.user
        session.info[audit.BY_DATABASE] = self.identity.trail_by_database
        return session

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed if the block succeeds, rolled back whole otherwise.
        Database errors leave as SecdeskErrors in plain words."""
        session = self.session(writing=True)
        try:
            with dberrors.translated():
                yield session
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading what a screen or an editor shows; nothing it holds may be
        saved (a flush is refused: writes go through unit_of_work). Database errors leave
        as SecdeskErrors in plain words."""
        session = self._readers()
        session.info["user"] = self.user
        session.info[audit.BY_DATABASE] = self.identity.trail_by_database
        event.listen(session, "before_flush", _refuse_flush)
        try:
            with dberrors.translated():
                yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        """Close the store: every connection, those still lent out too."""
        with self._lending:
            lent, self._lent = list(self._lent.values()), {}
        for connection in lent:
            with contextlib.suppress(Exception):  # closing what is going anyway
                connection.close()
        self.engine.dispose()


def _refuse_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a reading session was asked to save; use Store.unit_of_work")
