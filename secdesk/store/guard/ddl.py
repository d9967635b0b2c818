"""Statements sent as written: function bodies are full of ``%I`` and ``%L`` (PostgreSQL's
format()), which the driver would otherwise read as its own placeholders."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def run(connection: Connection, statement: str) -> None:
    """Run ``statement`` (no parameters) in the connection's transaction."""
    driver: Any = connection.connection.driver_connection
    driver.execute(statement)
