"""Columns that say who did something (who recorded a membership event, published, closed a
request, marked a notification sent) are set by the database on PostgreSQL: whatever name
the statement gives, the row keeps the login the server authenticated. secdesk writes that
login anyway; psql, a script or another program cannot write anyone else's.
"""

from __future__ import annotations

from sqlalchemy import Connection

from secdesk.store.guard import ddl

FUNCTION = "secdesk_stamp"
# table → its "who" column
COLUMNS = {
    "membership_event": "recorded_by",
    "publication": "published_by",
    "change_request": "closed_by",
    "notification": "sent_by",
}


BODY = """DECLARE
  given text := to_jsonb(NEW) ->> TG_ARGV[0];
BEGIN
  IF given IS NOT NULL AND given <> session_user
     AND (TG_OP = 'INSERT' OR given IS DISTINCT FROM to_jsonb(OLD) ->> TG_ARGV[0]) THEN
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], session_user));
  END IF;
  RETURN NEW;
END"""


def install(connection: Connection, schema: str, existing: set[str]) -> None:
    ddl.run(connection, ddl.trigger_function(FUNCTION, schema, BODY))
    for table, column in sorted(COLUMNS.items()):
        if table in existing:
            ddl.replace_trigger(
                connection,
                f"{table}_stamp",
                table,
                "BEFORE INSERT OR UPDATE",
                f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}('{column}')",
            )


def uninstall(connection: Connection, existing: set[str]) -> None:
    for table in sorted(COLUMNS):
        if table in existing:
            ddl.drop_trigger(connection, f"{table}_stamp", table)
    ddl.run(connection, f"DROP FUNCTION IF EXISTS {FUNCTION}()")
