"""Statements sent as written: function bodies are full of ``%I`` and ``%L`` (PostgreSQL's
format()), which the driver would otherwise read as its own placeholders."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def run(connection: Connection, statement: str) -> None:
    """Run ``statement`` (no parameters) in the connection's transaction."""
    driver: Any = connection.connection.driver_connection
    driver.execute(statement)


def drop_trigger(connection: Connection, name: str, table: str) -> None:
    run(connection, f'DROP TRIGGER IF EXISTS {name} ON "{table}"')


def replace_trigger(connection: Connection, name: str, table: str, timing: str, rest: str) -> None:
    """(Re)make trigger ``name``: CREATE TRIGGER name <timing> ON table <rest>."""
    drop_trigger(connection, name, table)
    run(connection, f'CREATE TRIGGER {name} {timing} ON "{table}" {rest}')


def trigger_function(name: str, schema: str, body: str, *, definer: bool = False) -> str:
    """CREATE OR REPLACE a PL/pgSQL trigger function with a fixed search_path (so a login's
    own schema cannot stand in for the store's) and, where it writes times, UTC.
    ``body``: its DECLARE … END; ``definer``: it runs with its owner's rights."""
    security = "SECURITY DEFINER SET TimeZone = 'UTC'" if definer else ""
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql {security} "
        f'SET search_path = pg_catalog, "{schema}" AS $fn$\n{body}\n$fn$'
    )
