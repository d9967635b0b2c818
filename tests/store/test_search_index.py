"""A bulk load takes the search index out of the way and leaves every new row searchable,
with the index kept row by row again afterwards; a failed load leaves it as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select, text

from secdesk.domain import Enquiry
from secdesk.domain.base import utcnow
from secdesk.services import enquiries
from secdesk.services.enquiry_log import EnquiryFilter, count_enquiries
from secdesk.store import search_index
from secdesk.store.search_index import deferred_search_index


def index_present(connection) -> bool:
    if connection.dialect.name == "sqlite":
        sql = "SELECT count(*) FROM sqlite_master WHERE name = 'enquiry_text_insert'"
    else:
        sql = "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_enquiry_text'"
    return connection.scalar(text(sql)) == 1


def rows(first: int, count: int, word: str) -> list[dict]:
    return [
        {
            "received_at": utcnow(),
            "channel": "Email",
            "category_id": 1,
            "subject": f"{word} number {first + i}",
            "status": "Open",
            "version": 1,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
        for i in range(count)
    ]


@pytest.fixture
def rebuild_always(monkeypatch):
    """Take PostgreSQL's rebuild path with a small load, as a million-row load would."""
    monkeypatch.setattr(search_index, "POSTGRESQL_REBUILD_FROM", 1)


def test_rows_loaded_with_the_index_deferred_are_found(store, rebuild_always):
    with store.unit_of_work() as session:
        enquiries.log_enquiry(session, {"category_id": 1, "subject": "Wombat before"})
    with store.unit_of_work() as session:
        connection = session.connection()
        with deferred_search_index(connection, 300):
            connection.execute(insert(Enquiry), rows(0, 300, "Platypus"))
        assert index_present(connection)
    with store.unit_of_work() as session:  # row-by-row indexing works again afterwards
        enquiries.log_enquiry(session, {"category_id": 1, "subject": "Platypus after"})
    with store.session() as session:
        assert count_enquiries(session, EnquiryFilter(search="platypus")) == 301
        assert count_enquiries(session, EnquiryFilter(search="wombat")) == 1
        assert count_enquiries(session, EnquiryFilter(search="number 299")) == 1
        if store.engine.dialect.name == "sqlite":  # the FTS table holds each row once
            indexed = session.scalar(text("SELECT count(*) FROM enquiry_text"))
            assert indexed == session.scalar(select(func.count()).select_from(Enquiry))


def test_a_failed_load_leaves_the_index_as_it_was(store, rebuild_always):
    with pytest.raises(RuntimeError), store.unit_of_work() as session:
        connection = session.connection()
        with deferred_search_index(connection, 50):
            connection.execute(insert(Enquiry), rows(0, 50, "Echidna"))
            raise RuntimeError("the load broke")
    with store.session() as session:
        assert index_present(session.connection())
        assert count_enquiries(session, EnquiryFilter(search="echidna")) == 0
    with store.unit_of_work() as session:
        enquiries.log_enquiry(session, {"category_id": 1, "subject": "Echidna later"})
    with store.session() as session:
        assert count_enquiries(session, EnquiryFilter(search="echidna")) == 1
