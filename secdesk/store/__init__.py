"""Opening the store: which one (url), how (engine), its schema (migrate), and the user's
settings and credentials."""

from __future__ import annotations

from secdesk.store import dberrors, migrate
from secdesk.store.engine import Store
from secdesk.store.url import describe, resolve_store_url


def open_store(option_value: str | None = None, *, upgrade: bool | None = None) -> Store:
    """Open the configured store with its schema current.

    A SQLite store is upgraded on opening; a shared PostgreSQL store must already be
    current (``upgrade=True`` is the admin's ``secdesk db upgrade``).
    """
    url = resolve_store_url(option_value)
    store = Store(url)
    may_upgrade = store.is_sqlite if upgrade is None else upgrade
    try:
        with dberrors.translated():
            migrate.ensure_current(store.engine, may_upgrade=may_upgrade, store_name=describe(url))
    except BaseException:
        store.dispose()
        raise
    return store


__all__ = ["Store", "open_store"]
