"""Whether a SQLite file is a secdesk store: a secdesk store says so in its header
("SDK1", SQLite's application_id), so a store URL that points at someone else's database is
refused rather than given secdesk's tables. Kept apart from the migrations: start-up checks
this on every opening, and should not load Alembic to do it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from secdesk.errors import StoreError

SQLITE_APPLICATION_ID = 0x53444B31
TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"


def refuse(application_id: int, tables: set[str], store_name: str) -> None:
    if application_id == SQLITE_APPLICATION_ID or not tables:
        return
    if application_id == 0 and {"alembic_version", "party"} <= tables:
        return  # a secdesk store made before stores said so in their header
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    raise StoreError(
        f"{store_name} is not a secdesk store: it is another program's database (tables "
        f"{shown}). secdesk will not add its tables to it; choose another file, or a new "
        "one (`secdesk store use sqlite:///PATH`)"
    )


def refuse_foreign_file(path: Path, store_name: str) -> None:
    """Refuse an existing SQLite file that is not a secdesk store, before secdesk opens it
    in its own way (which would switch the file to write-ahead logging)."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # the store's own opening says what is wrong
    try:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {name for (name,) in db.execute(TABLES)}
    except sqlite3.DatabaseError:
        raise StoreError(
            f"{store_name} is not a SQLite database (it may be damaged, or another kind of "
            "file): choose another file, or a new one"
        ) from None
    finally:
        db.close()
    refuse(application_id, tables, store_name)
