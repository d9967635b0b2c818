"""Enquiry text search and the report's covering index.

Search covers subject, enquirer name, enquirer e-mail and notes, matched as case-insensitive
substrings, with an index in each store so a million-row log answers at once:
SQLite: an external-content FTS5 table with the trigram tokenizer, kept by triggers;
PostgreSQL: a pg_trgm GIN index on the four fields joined by spaces (ILIKE uses it).
The monthly report counts by (received_at, channel, category_id) from an index alone.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FIELDS = ("subject", "enquirer_name", "enquirer_email", "notes")

SQLITE_UP = [
    f"CREATE VIRTUAL TABLE enquiry_text USING fts5({', '.join(FIELDS)}, "
    "content='enquiry', content_rowid='id', tokenize='trigram')",
    f"""CREATE TRIGGER enquiry_text_insert AFTER INSERT ON enquiry BEGIN
        INSERT INTO enquiry_text(rowid, {', '.join(FIELDS)})
        VALUES (new.id, {', '.join('new.' + f for f in FIELDS)});
    END""",
    f"""CREATE TRIGGER enquiry_text_delete AFTER DELETE ON enquiry BEGIN
        INSERT INTO enquiry_text(enquiry_text, rowid, {', '.join(FIELDS)})
        VALUES ('delete', old.id, {', '.join('old.' + f for f in FIELDS)});
    END""",
    f"""CREATE TRIGGER enquiry_text_update AFTER UPDATE OF {', '.join(FIELDS)} ON enquiry BEGIN
        INSERT INTO enquiry_text(enquiry_text, rowid, {', '.join(FIELDS)})
        VALUES ('delete', old.id, {', '.join('old.' + f for f in FIELDS)});
        INSERT INTO enquiry_text(rowid, {', '.join(FIELDS)})
        VALUES (new.id, {', '.join('new.' + f for f in FIELDS)});
    END""",
    "INSERT INTO enquiry_text(enquiry_text) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS enquiry_text_update",
    "DROP TRIGGER IF EXISTS enquiry_text_delete",
    "DROP TRIGGER IF EXISTS enquiry_text_insert",
    "DROP TABLE IF EXISTS enquiry_text",
]
TEXT = " || ' ' || ".join(f"coalesce({f}, '')" for f in FIELDS)
POSTGRESQL_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX ix_enquiry_text ON enquiry USING gin (({TEXT}) gin_trgm_ops)",
]
POSTGRESQL_DOWN = ["DROP INDEX IF EXISTS ix_enquiry_text"]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else POSTGRESQL_UP:
        op.execute(statement)
    op.create_index(
        "ix_enquiry_received_at_channel_category_id",
        "enquiry",
        ["received_at", "channel", "category_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_enquiry_received_at_channel_category_id", table_name="enquiry")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRESQL_DOWN:
        op.execute(statement)
