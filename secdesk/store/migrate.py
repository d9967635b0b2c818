"""Schema migrations (Alembic), run from code rather than an alembic.ini.

SQLite stores are upgraded on start-up (one local user owns the file). A shared PostgreSQL
store is upgraded only by an admin (`secdesk db upgrade`); a client whose schema is behind
refuses to open it rather than write to a schema it does not know.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

from secdesk.errors import StoreError
from secdesk.store import guard, sqlite_identity

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _refuse_foreign(connection: Connection, store_name: str) -> None:
    if connection.dialect.name == "sqlite":
        application_id = connection.exec_driver_sql("PRAGMA application_id").scalar() or 0
        tables = {name for (name,) in connection.exec_driver_sql(sqlite_identity.TABLES)}
        sqlite_identity.refuse(application_id, tables, store_name)


def upgrade(engine: Engine, revision: str = "head", *, store_name: str | None = None) -> None:
    config = _config()
    with engine.begin() as connection:
        _refuse_foreign(connection, store_name or str(engine.url.database))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if revision == "head":
            # Grants and triggers follow the schema as it now is, so that a table a later
            # migration added cannot be left without them.
            guard.install(connection)
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(
                f"PRAGMA application_id = {sqlite_identity.SQLITE_APPLICATION_ID}"
            )


def downgrade(engine: Engine, revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _is_known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except CommandError:
        return False


def ensure_current(engine: Engine, *, may_upgrade: bool, store_name: str) -> None:
    """Bring the schema to head, or refuse with a message that says what to do."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is not None and not _is_known(current):
        raise StoreError(
            f"{store_name} was upgraded by a newer secdesk (schema {current}); "
            "upgrade secdesk to use it"
        )
    if may_upgrade:
        upgrade(engine, store_name=store_name)
        return
    if current is None:
        raise StoreError(
            f"{store_name} has no secdesk tables yet; an admin sets it up with "
            "`secdesk --store URL db upgrade`"
        )
    raise StoreError(
        f"{store_name} uses schema {current} but this secdesk needs {head}; "
        "an admin upgrades it with `secdesk --store URL db upgrade`"
    )
