"""Opening the store: which one (url), how (engine), its schema (migrate), and the user's
settings and credentials.

``open_store`` and ``Store`` load SQLAlchemy and Alembic on first use, so light modules of
this package (paths, settings) can be imported without them: the GUI paints first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secdesk.store.engine import Store

# The newest schema revision this secdesk knows (the last file in migrations/versions;
# tests/store holds the two to each other). Checking it with one query lets a current
# store open without loading Alembic.
HEAD_REVISION = "0011"


def open_store(option_value: str | None = None, *, upgrade: bool | None = None) -> Store:
    """Open the configured store with its schema current.

    A SQLite store is upgraded on opening; a shared PostgreSQL store must already be
    current (``upgrade=True`` is the admin's ``secdesk db upgrade``).
    """
    from secdesk.store import dberrors
    from secdesk.store.engine import Store
    from secdesk.store.url import describe, resolve_store_url

    url = resolve_store_url(option_value)
    if url.get_backend_name() == "sqlite" and url.database:
        from pathlib import Path

        from secdesk.store.sqlite_identity import refuse_foreign_file

        refuse_foreign_file(Path(url.database), describe(url))
    store = Store(url)
    may_upgrade = store.is_sqlite if upgrade is None else upgrade
    try:
        with dberrors.translated():
            if upgrade and not store.is_sqlite:
                _refuse_non_owner(store)
            if store.schema_revision(roleless=not may_upgrade) != HEAD_REVISION:
                from secdesk.store import migrate

                migrate.ensure_current(
                    store.engine, may_upgrade=may_upgrade, store_name=describe(url)
                )
                store.forget_identity()  # the upgrade may have made its roles
            _refuse_roleless(store)
    except BaseException:
        store.dispose()
        raise
    return store


def _refuse_non_owner(store: Store) -> None:
    if store.identity.owner:
        return
    from secdesk.errors import PermissionRefused

    raise PermissionRefused(
        f"upgrading {store.describe()} changes its schema, so it runs as the store's owner, "
        f"not as {store.identity.login}: connect with the owner's login (or ask your DBA)"
    )


def _refuse_roleless(store: Store) -> None:
    if store.is_sqlite or store.identity.role is not None:
        return
    from secdesk.errors import StoreError

    login = store.identity.login
    raise StoreError(
        f"your login {login} has no secdesk role on {store.describe()}; ask an admin to "
        f"give it one (`secdesk users set-role {login} helpdesk`)"
    )


def __getattr__(name: str) -> Any:
    if name == "Store":
        from secdesk.store.engine import Store

        return Store
    raise AttributeError(f"module 'secdesk.store' has no attribute {name!r}")


__all__ = ["Store", "open_store"]
