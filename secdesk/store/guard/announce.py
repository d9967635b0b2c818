"""Every change is announced by the database, so that every open secdesk can show it within
a second or two: a statement that changes a table sends ``NOTIFY secdesk_changes`` with the
table's name and the login that changed it, delivered when (and only if) its transaction
commits. Identical announcements of one transaction are sent once (PostgreSQL folds them),
so a save of many rows is one message a table. secdesk.store.watching listens.
"""

from __future__ import annotations

from sqlalchemy import Connection

from secdesk.store.guard import ddl

CHANNEL = "secdesk_changes"
FUNCTION = "secdesk_announce"
# Tables whose changes no screen shows by themselves.
QUIET = {"audit_entry", "alembic_version", "store_lock"}


BODY = f"""BEGIN
  PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ' ' || session_user);
  RETURN NULL;
END"""


def install(connection: Connection, schema: str, existing: set[str]) -> None:
    ddl.run(connection, ddl.trigger_function(FUNCTION, schema, BODY))
    for table in sorted(existing - QUIET):
        ddl.replace_trigger(
            connection,
            f"{table}_announce",
            table,
            "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE",
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        )


def uninstall(connection: Connection, existing: set[str]) -> None:
    for table in sorted(existing - QUIET):
        ddl.drop_trigger(connection, f"{table}_announce", table)
    ddl.run(connection, f"DROP FUNCTION IF EXISTS {FUNCTION}()")
