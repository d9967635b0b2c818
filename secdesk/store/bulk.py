"""Many rows into one table at once, the quickest way each store takes them: PostgreSQL's
COPY (several times quicker than an INSERT of many values over a network), an executemany
of the driver's own statement on SQLite. Values are converted once by the columns' own
types, as SQLAlchemy would bind them, so the rows read back exactly as if inserted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table

COPY_FROM = 200  # rows; fewer go in one INSERT, which costs one round trip too


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in the order of ``columns``, as Python values) into ``table``."""
    if not rows:
        return
    dialect = connection.dialect
    processors = {
        index: process
        for index, name in enumerate(columns)
        if (process := table.c[name].type.bind_processor(dialect)) is not None
    }
    if processors:
        memo: dict[int, dict[Any, Any]] = {index: {} for index in processors}
        rows = [_bound(row, processors, memo) for row in rows]
    names = ", ".join(columns)
    if dialect.name == "postgresql" and len(rows) >= COPY_FROM:
        raw = connection.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([mark] * len(columns))})",
        [tuple(row) for row in rows],
    )


def _bound(
    row: Sequence[Any], processors: dict[int, Any], memo: dict[int, dict[Any, Any]]
) -> list[Any]:
    """The row with each value a column type converts converted, once per distinct value
    (a column's values repeat: one timestamp a flush, a few actions)."""
    out = list(row)
    for index, process in processors.items():
        value = out[index]
        if value is None:
            continue
        seen = memo[index]
        try:
            out[index] = seen[value]
        except KeyError:
            out[index] = seen[value] = process(value)
        except TypeError:  # not hashable
            out[index] = process(value)
    return out
