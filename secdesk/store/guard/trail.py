"""On PostgreSQL the database writes the audit trail: a trigger on every audited table.

Whoever changes a row — secdesk, psql, a script, Excel over ODBC — the same transaction gets
one audit entry per changed field, naming ``session_user`` (the login the server
authenticated; ``SET ROLE`` cannot change it) and stamped with the server's clock. The
function is SECURITY DEFINER and owned by the schema owner, who alone may write to
``audit_entry``: it is the only way a row reaches the trail.

The entries are those secdesk.audit writes on SQLite, word for word: the same fields (every
column but the id, the owner's id, version and timestamps), the same values in words (yes/no,
ISO dates, times in UTC), the same owner (an MPID's entry belongs to its Party), in column
order. Statement-level triggers read the statement's rows from transition tables, so an import
of ten thousand rows is one set-based INSERT into the trail, not ten thousand calls.

A bulk load of the enquiry log says where its rows came from (``secdesk.imported_from``, a
setting local to the transaction): its creations are then one entry a row naming the file,
as on SQLite. That setting can only make the entry shorter, never change who made it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from secdesk.domain.base import Audited, Base
from secdesk.store.guard import ddl

FUNCTION = "secdesk_trail"
TRIGGERS = {  # trigger name suffix → (event, transition tables)
    "insert": ("INSERT", "REFERENCING NEW TABLE AS new_rows"),
    "update": ("UPDATE", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    "delete": ("DELETE", "REFERENCING OLD TABLE AS old_rows"),
}
IMPORTED_FROM = "secdesk.imported_from"

# A value as secdesk.audit.to_text writes it: booleans as yes/no, the rest as their text
# (json renders timestamps in ISO 8601 in the function's time zone, UTC).
_VALUE = """CASE json_typeof({v})
        WHEN 'null' THEN NULL
        WHEN 'boolean' THEN CASE WHEN {v}::text = 'true' THEN 'yes' ELSE 'no' END
        ELSE {v} #>> '{{}}' END"""

_COLUMNS = (
    "at, user_name, action, table_name, record_id, owner_table, owner_id, field, "
    "old_value, new_value"
)


def function_sql(schema: str) -> str:
    new = _VALUE.format(v="f.value")
    old_of_field = _VALUE.format(v="(s.o -> f.key)")
    return f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, "{schema}"
SET TimeZone = 'UTC'
AS $fn$
DECLARE
  owner_table text := TG_ARGV[0];
  owner_column text := TG_ARGV[1];
  skipped text[] := TG_ARGV[2]::text[];
  source text := nullif(current_setting('{IMPORTED_FROM}', true), '');
BEGIN
  IF TG_OP = 'INSERT' AND source IS NOT NULL THEN
    INSERT INTO audit_entry ({_COLUMNS})
    SELECT now(), session_user, 'create', TG_TABLE_NAME, (s.r ->> 'id')::int,
           owner_table, (s.r ->> owner_column)::int, 'imported from', NULL, source
    FROM (SELECT row_to_json(n) AS r FROM new_rows n) s
    ORDER BY 5;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO audit_entry ({_COLUMNS})
    SELECT now(), session_user, 'create', TG_TABLE_NAME, (s.r ->> 'id')::int,
           owner_table, (s.r ->> owner_column)::int, f.key, NULL, {new}
    FROM (SELECT row_to_json(n) AS r FROM new_rows n) s,
         json_each(s.r) WITH ORDINALITY AS f(key, value, position)
    WHERE f.key <> ALL (skipped) AND json_typeof(f.value) <> 'null'
    ORDER BY (s.r ->> 'id')::int, f.position;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO audit_entry ({_COLUMNS})
    SELECT now(), session_user, 'delete', TG_TABLE_NAME, (s.r ->> 'id')::int,
           owner_table, (s.r ->> owner_column)::int, f.key, {new}, NULL
    FROM (SELECT row_to_json(o) AS r FROM old_rows o) s,
         json_each(s.r) WITH ORDINALITY AS f(key, value, position)
    WHERE f.key <> ALL (skipped) AND json_typeof(f.value) <> 'null'
    ORDER BY (s.r ->> 'id')::int, f.position;
  ELSE
    INSERT INTO audit_entry ({_COLUMNS})
    SELECT now(), session_user, 'update', TG_TABLE_NAME, (s.n ->> 'id')::int,
           owner_table, (s.n ->> owner_column)::int, f.key, old_value, new_value
    FROM (SELECT row_to_json(o) AS o, row_to_json(n) AS n
          FROM old_rows o JOIN new_rows n USING (id)) s,
         json_each(s.n) WITH ORDINALITY AS f(key, value, position),
         LATERAL (SELECT {old_of_field} AS old_value, {new} AS new_value) v
    WHERE f.key <> ALL (skipped) AND v.old_value IS DISTINCT FROM v.new_value
    ORDER BY (s.n ->> 'id')::int, f.position;
  END IF;
  RETURN NULL;
END
$fn$"""


def audited_tables() -> dict[str, tuple[str, str, list[str]]]:
    """table → (owner table, owner column, columns left out of the trail), as
    secdesk.audit reads them from the same classes."""
    from secdesk.domain import load_all

    load_all()
    tables: dict[str, tuple[str, str, list[str]]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, Audited):
            continue
        table = str(mapper.persist_selectable.name)  # type: ignore[attr-defined]
        owner_table, owner_column = cls.__audit_owner__ or (table, "id")
        skipped = {"id", owner_column, *cls.__audit_exclude__}
        tables[table] = (owner_table, owner_column, sorted(skipped))
    return tables


def install(connection: Connection, schema: str, existing: set[str]) -> None:
    """The function and each audited table's three triggers, replaced so that they follow
    the classes as they are now (run by every ``secdesk db upgrade``)."""
    ddl.run(connection, function_sql(schema))
    ddl.run(connection, f"REVOKE ALL ON FUNCTION {FUNCTION}() FROM PUBLIC")
    for table, (owner_table, owner_column, skipped) in sorted(audited_tables().items()):
        if table not in existing:
            continue  # made by a later migration; the upgrade's last step comes back to it
        arguments = ", ".join(
            _literal(a) for a in (owner_table, owner_column, "{" + ",".join(skipped) + "}")
        )
        for suffix, (event, transition) in TRIGGERS.items():
            name = f"{table}_trail_{suffix}"
            ddl.run(connection, f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            connection.exec_driver_sql(
                f'CREATE TRIGGER {name} AFTER {event} ON "{table}" {transition} '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}({arguments})"
            )


def uninstall(connection: Connection, existing: set[str]) -> None:
    for table in sorted(audited_tables()):
        if table in existing:
            for suffix in TRIGGERS:
                connection.exec_driver_sql(
                    f'DROP TRIGGER IF EXISTS {table}_trail_{suffix} ON "{table}"'
                )
    ddl.run(connection, f"DROP FUNCTION IF EXISTS {FUNCTION}()")


@contextmanager
def imported_from(connection: Connection, source: str | None) -> Iterator[None]:
    """Rows inserted inside the block were loaded from ``source`` (a file's name): the
    trigger records each creation as one entry naming it. Nothing happens for None."""
    if source is None or connection.dialect.name != "postgresql":
        yield
        return
    setting = text("SELECT set_config(:name, :value, true)")
    connection.execute(setting, {"name": IMPORTED_FROM, "value": source})
    try:
        yield
    finally:
        connection.execute(setting, {"name": IMPORTED_FROM, "value": ""})


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
