"""Bulk loads and the enquiry text-search index.

Kept row by row, the index is what makes a bulk load slow: SQLite's FTS5 trigger tokenises
each new enquiry on its own, PostgreSQL's GIN index takes every new row's trigrams one insert
at a time. For a large load, `deferred_search_index` takes the index out of the way and, in
the same transaction, indexes the new rows in one statement at the end. The definitions are
read back from the store itself (sqlite_master, pg_indexes), so migration 0003 stays the one
place they are written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from secdesk.domain.enquiry import SEARCH_FIELDS

SQLITE_TRIGGER = "enquiry_text_insert"
POSTGRESQL_INDEX = "ix_enquiry_text"
# Below this many new rows on PostgreSQL, keeping the GIN index is cheaper than rebuilding it
# (and does not lock the table against colleagues for the rebuild).
POSTGRESQL_REBUILD_FROM = 100_000


@contextmanager
def deferred_search_index(connection: Connection, rows: int) -> Iterator[None]:
    """Insert about ``rows`` enquiries inside the block; they are searchable when it ends.
    Everything happens in the connection's transaction: if the load fails, the index is as
    it was."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        trigger = connection.scalar(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
            {"name": SQLITE_TRIGGER},
        )
        if trigger is None:  # a store before migration 0003
            yield
            return
        first_new = connection.scalar(text("SELECT coalesce(max(id), 0) FROM enquiry"))
        connection.execute(text(f"DROP TRIGGER {SQLITE_TRIGGER}"))
        yield
        fields = ", ".join(SEARCH_FIELDS)
        connection.execute(
            text(
                f"INSERT INTO enquiry_text(rowid, {fields}) "
                f"SELECT id, {fields} FROM enquiry WHERE id > :first ORDER BY id"
            ),
            {"first": first_new},
        )
        connection.execute(text(trigger))
    elif dialect == "postgresql" and rows >= POSTGRESQL_REBUILD_FROM:
        # Only the table's owner may drop and rebuild its index; anyone else's rows go in
        # with the index kept up to date as they do.
        definition = connection.scalar(
            text(
                "SELECT indexdef FROM pg_indexes WHERE indexname = :name "
                "AND pg_has_role(current_user, (SELECT tableowner FROM pg_tables "
                "WHERE tablename = pg_indexes.tablename "
                "AND schemaname = pg_indexes.schemaname), 'USAGE')"
            ),
            {"name": POSTGRESQL_INDEX},
        )
        if definition is None:
            yield
            return
        connection.execute(text(f"DROP INDEX {POSTGRESQL_INDEX}"))
        yield
        connection.execute(text(definition))
    else:
        yield
