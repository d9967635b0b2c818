"""Real PostgreSQL logins in each role, made for one test and dropped after it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from secdesk.domain.roles import Role
from secdesk.services import users
from secdesk.store.engine import Store


class People:
    """Logins made for one test, one per role, through the admin's own service; dropped at
    the end with every store opened on them."""

    def __init__(self, url: URL, admin: Store, postgres) -> None:
        self.url, self.admin, self.postgres = url, admin, postgres
        self.logins: list[str] = []
        self.stores: list[Store] = []
        # What must end before the stores close: a window reading them, say.
        self.before_close: list[Callable[[], None]] = []

    def add(self, role: Role, password: str | None = None) -> str:
        login = f"t{uuid.uuid4().hex[:10]}_{role.word}"
        with self.admin.unit_of_work() as session:
            users.add_user(session, login, role, password)
        self.logins.append(login)
        return login

    def store(self, login: str, **options) -> Store:
        store = Store(self.url.set(username=login), **options)
        self.stores.append(store)
        return store

    def raw(self, login: str, statement: str, **params) -> None:
        """One statement by raw SQL, outside secdesk, logged in as ``login``."""
        engine = create_engine(self.url.set(username=login))
        try:
            with engine.begin() as connection:
                connection.execute(text(statement), params)
        finally:
            engine.dispose()

    def close(self) -> None:
        for finish in self.before_close:
            finish()
        for store in self.stores:
            store.dispose()
        with self.postgres.admin.connect() as connection:
            for login in self.logins:
                connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
