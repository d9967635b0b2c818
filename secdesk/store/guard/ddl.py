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
