"""What makes a shared PostgreSQL store guard itself: the group roles and their grants
(who may change what), the trigger that writes the audit trail (every change recorded, under
the login that made it, whoever made it), the "who" columns the database fills in itself,
the announcement of every change to every open secdesk, and the functions admins manage
logins with.

``install`` is idempotent and follows the schema as it is now: migration 0007 runs it, and so
does every ``secdesk db upgrade`` after its migrations, so a table a later migration adds
gets its grants and its trigger without anyone remembering to. SQLite stores have one local
user and none of this; secdesk.audit writes their trail.
"""

from __future__ import annotations

from sqlalchemy import Connection

from secdesk.store.guard import announce, grants, people, stamps, trail


def _tables(connection: Connection, schema: str) -> set[str]:
    rows = connection.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = %(s)s", {"s": schema}
    )
    return {name for (name,) in rows}


def install(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    tables = _tables(connection, schema)
    people.ensure_groups(connection)
    trail.install(connection, schema, tables)
    stamps.install(connection, schema, tables)
    announce.install(connection, schema, tables)
    people.install(connection, schema)
    grants.apply(connection, tables, schema)


def uninstall(connection: Connection) -> None:
    """Back to a store secdesk.audit records, without the groups' grants (migration 0007's
    downgrade). The group roles stay: they belong to the server, and may have members."""
    if connection.dialect.name != "postgresql":
        return
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    tables = _tables(connection, schema)
    trail.uninstall(connection, tables)
    stamps.uninstall(connection, tables)
    announce.uninstall(connection, tables)
    people.uninstall(connection)
    grants.revoke(connection, tables, schema)
