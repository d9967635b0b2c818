"""On PostgreSQL the database writes the audit trail: a trigger on every audited table.

Whoever changes a row — secdesk, psql, a script, Excel over ODBC — the same transaction gets
one audit entry per changed field, naming ``session_user`` (the login the server
authenticated; ``SET ROLE`` cannot change it) and stamped with the server's clock. The
function is SECURITY DEFINER and owned by the schema owner, who alone may write to
``audit_entry``: it is the only way a row reaches the trail.

The entries are those secdesk.audit writes on SQLite, word for word: the same fields (every
column but the id, the owner's id, version and timestamps), the same values in words (yes/no,
ISO dates, times in UTC), the same owner (an MPID's entry belongs to its Party), in column
order. Inserts and deletes are recorded once a statement, from its transition tables, so an
import's batch of a thousand rows is one set-based INSERT into the trail, not a thousand
calls; updates, nearly always one row (a save), once a row, which costs less for one.

A bulk load of the enquiry log says where its rows came from (``secdesk.imported_from``, a
setting local to the transaction): its creations are then one entry a row naming the file,
as on SQLite. That setting can only make the entry shorter, never change who made it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Boolean, Connection, text

from secdesk.domain.base import Audited, Base
from secdesk.store.guard import ddl

FUNCTION = "secdesk_trail"  # inserts and deletes, once a statement
ROW_FUNCTION = "secdesk_trail_row"  # updates, once a row
FUNCTIONS = (FUNCTION, ROW_FUNCTION)
# trigger name suffix → (event, how it fires, function). An update is nearly always of one
# row (a save), where a row trigger costs half a statement trigger's transition tables;
# inserts come in batches (an import's thousand rows a statement), where one set-based
# statement is far cheaper than a call a row (bench/bench_trail.py).
TRIGGERS = {
    "insert": ("INSERT", "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT", FUNCTION),
    "update": ("UPDATE", "FOR EACH ROW", ROW_FUNCTION),
    "delete": ("DELETE", "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT", FUNCTION),
}
IMPORTED_FROM = "secdesk.imported_from"

_COLUMNS = (
    "at, user_name, action, table_name, record_id, owner_table, owner_id, field, "
    "old_value, new_value"
)
# The trigger's arguments: owner table, owner column, columns left out, yes/no columns.
_ARGUMENTS = """
  owner_table text := TG_ARGV[0];
  owner_column text := TG_ARGV[1];
  skipped text[] := TG_ARGV[2]::text[];
  booleans text[] := TG_ARGV[3]::text[];"""


def _words(value: str) -> str:
    """A value as secdesk.audit.to_text writes it: yes/no for booleans, the rest as json
    renders it (timestamps in ISO 8601, in the function's time zone, UTC)."""
    return (
        f"CASE WHEN f.key = ANY (booleans) THEN CASE {value} WHEN 'true' THEN 'yes' "
        f"WHEN 'false' THEN 'no' END ELSE {value} END"
    )


def _function(name: str, schema: str, body: str) -> str:
    return ddl.trigger_function(name, schema, f"DECLARE{_ARGUMENTS}\n{body}", definer=True)


def function_sql(schema: str) -> list[str]:
    # Each row's id and owner's id are read once (the row's own column, or its jsonb), not
    # once a field: reading a key of json text parses the whole row again.
    owner = "CASE WHEN owner_column = 'id' THEN r.id ELSE (to_jsonb(r) ->> owner_column)::int END"
    rows = f"""FROM (SELECT r.id, {owner} AS owner_id, row_to_json(r) AS r FROM {{table}} r) s,
         json_each_text(s.r) WITH ORDINALITY AS f(key, value, position)
    WHERE f.key <> ALL (skipped) AND f.value IS NOT NULL
    ORDER BY s.id, f.position;"""
    statement = f"""  source text := nullif(current_setting('{IMPORTED_FROM}', true), '');
BEGIN
  IF TG_OP = 'INSERT' AND source IS NOT NULL THEN
    INSERT INTO audit_entry ({_COLUMNS})
    SELECT now(), session_user, 'create', TG_TABLE_NAME, r.id,
           owner_table, {owner}, 'imported from', NULL, source
    FROM new_rows r
    ORDER BY r.id;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO audit_entry ({_COLUMNS})
    SELECT now(), session_user, 'create', TG_TABLE_NAME, s.id,
           owner_table, s.owner_id, f.key, NULL, {_words("f.value")}
    {rows.format(table="new_rows")}
  ELSE
    INSERT INTO audit_entry ({_COLUMNS})
    SELECT now(), session_user, 'delete', TG_TABLE_NAME, s.id,
           owner_table, s.owner_id, f.key, {_words("f.value")}, NULL
    {rows.format(table="old_rows")}
  END IF;
  RETURN NULL;
END"""
    row = f"""  before jsonb := to_jsonb(OLD);
  after json := row_to_json(NEW);
  owner_id int := CASE WHEN owner_column = 'id' THEN NEW.id
                       ELSE (to_jsonb(NEW) ->> owner_column)::int END;
BEGIN
  INSERT INTO audit_entry ({_COLUMNS})
  SELECT now(), session_user, 'update', TG_TABLE_NAME, NEW.id, owner_table, owner_id, f.key,
         {_words("before ->> f.key")}, {_words("f.value")}
  FROM json_each_text(after) WITH ORDINALITY AS f(key, value, position)
  WHERE f.key <> ALL (skipped) AND (before ->> f.key) IS DISTINCT FROM f.value
  ORDER BY f.position;
  RETURN NULL;
END"""
    return [_function(FUNCTION, schema, statement), _function(ROW_FUNCTION, schema, row)]


def audited_tables() -> dict[str, tuple[str, str, list[str], list[str]]]:
    """table → (owner table, owner column, columns left out of the trail, yes/no columns),
    as secdesk.audit reads them from the same classes."""
    from secdesk.domain import load_all

    load_all()
    tables: dict[str, tuple[str, str, list[str], list[str]]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, Audited):
            continue
        table = str(mapper.persist_selectable.name)  # type: ignore[attr-defined]
        owner_table, owner_column = cls.__audit_owner__ or (table, "id")
        skipped = {"id", owner_column, *cls.__audit_exclude__}
        booleans = [
            attr.key
            for attr in mapper.column_attrs
            if isinstance(attr.columns[0].type, Boolean) and attr.key not in skipped
        ]
        tables[table] = (owner_table, owner_column, sorted(skipped), booleans)
    return tables


def install(connection: Connection, schema: str, existing: set[str]) -> None:
    """The functions and each audited table's three triggers, replaced so that they follow
    the classes as they are now (run by every ``secdesk db upgrade``)."""
    for statement in function_sql(schema):
        ddl.run(connection, statement)
    for function in FUNCTIONS:
        ddl.run(connection, f"REVOKE ALL ON FUNCTION {function}() FROM PUBLIC")
    for table, (owner_table, owner_column, skipped, booleans) in sorted(audited_tables().items()):
        if table not in existing:
            continue  # made by a later migration; the upgrade's last step comes back to it
        arguments = ", ".join(
            _literal(a) for a in (owner_table, owner_column, _array(skipped), _array(booleans))
        )
        for suffix, (event, fires, function) in TRIGGERS.items():
            ddl.replace_trigger(
                connection,
                f"{table}_trail_{suffix}",
                table,
                f"AFTER {event}",
                f"{fires} EXECUTE FUNCTION {function}({arguments})",
            )


def uninstall(connection: Connection, existing: set[str]) -> None:
    for table in sorted(audited_tables()):
        if table in existing:
            for suffix in TRIGGERS:
                ddl.drop_trigger(connection, f"{table}_trail_{suffix}", table)
    for function in FUNCTIONS:
        ddl.run(connection, f"DROP FUNCTION IF EXISTS {function}()")


def _array(values: list[str]) -> str:
    return "{" + ",".join(values) + "}"


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
