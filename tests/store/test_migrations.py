"""The migrations build exactly the schema the models describe, on both backends, and seed
what every store starts with."""

from __future__ import annotations

import warnings

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from secdesk.domain import (
    DEFAULT_CATEGORIES,
    Base,
    EnquiryCategory,
    SpreadsheetSetting,
    load_all,
)
from secdesk.domain.enquiry import SEARCH_OBJECTS
from secdesk.store import migrate
from secdesk.store.engine import create_store_engine

# Indexes on an expression (lower(enquirer_email)): SQLite's reflection skips them, so they
# are compared by test_expression_indexes_are_built instead.
EXPRESSION_INDEXES = ("ix_enquiry_enquirer_email_lower",)


def _not_search_index(name, type_, parent_names):
    """The text-search index is built by migration 0003 in each store's own way (FTS5 or
    pg_trgm) and has no model to compare with."""
    name = name or ""
    return not name.startswith(SEARCH_OBJECTS) and name not in EXPRESSION_INDEXES


def schema_diff(engine):
    load_all()  # every model, not only those this test imported
    with warnings.catch_warnings(), engine.connect() as connection:
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_name": _not_search_index,
                "include_object": lambda obj, name, type_, *_: name not in EXPRESSION_INDEXES,
            },
        )
        return compare_metadata(context, Base.metadata)


def test_migrated_schema_equals_the_models(empty_url):
    engine = create_store_engine(empty_url)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert schema_diff(engine) == []
    engine.dispose()


def test_expression_indexes_are_built(empty_url):
    engine = create_store_engine(empty_url)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            found = connection.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
            ).all()
        else:
            found = connection.execute(text("SELECT indexname, indexdef FROM pg_indexes")).all()
    engine.dispose()
    built = {name: (definition or "").lower() for name, definition in found}
    assert "lower(" in built["ix_enquiry_enquirer_email_lower"]
    assert "enquirer_email" in built["ix_enquiry_enquirer_email_lower"]


def test_downgrade_to_empty_and_up_again(empty_url):
    engine = create_store_engine(empty_url)
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    migrate.upgrade(engine)
    assert schema_diff(engine) == []
    engine.dispose()


def test_first_revision_seeds_categories_and_classifications(store):
    with store.session() as session:
        names = session.scalars(select(EnquiryCategory.name).order_by(EnquiryCategory.position))
        assert tuple(names) == DEFAULT_CATEGORIES
        settings = dict(
            session.execute(
                select(SpreadsheetSetting.spreadsheet, SpreadsheetSetting.classification)
            ).all()
        )
    assert {k: c.value for k, c in settings.items()} == {
        "SEC Parties List": "WHITE",
        "SEC Party Details List": "GREEN",
        "Operations Contact List": "GREEN",
        "ID Allocation": "GREEN",
    }


@pytest.mark.parametrize(
    ("statement", "rule"),
    [
        # A range that ends before it starts.
        (
            "INSERT INTO id_allocation (organisation_id, organisation_number, range_start, "
            "range_end, signifier, is_current, version, created_at, updated_at) VALUES "
            "(:org, 9, '0000000000000002', '0000000000000001', 'ZZ', true, 1, :now, :now)",
            "range_ordered",
        ),
        # A category that is not one of the five.
        (
            "INSERT INTO party (name, category, status, version, created_at, updated_at) "
            "VALUES ('X', 'Big Supplier', 'Party', 1, :now, :now)",
            "category",
        ),
    ],
)
def test_the_database_itself_refuses_what_breaks_a_rule(store, statement, rule):
    """Constraints stand behind the validators, for anything that bypasses the services."""
    from secdesk.domain.base import utcnow

    with store.engine.begin() as connection:
        org = connection.execute(
            text(
                "INSERT INTO organisation (kind, name, version, created_at, updated_at) "
                "VALUES ('DCC', 'DCC', 1, :now, :now) RETURNING id"
            ),
            {"now": utcnow()},
        ).scalar_one()
    with pytest.raises(IntegrityError) as caught, store.engine.begin() as connection:
        connection.execute(text(statement), {"org": org, "now": utcnow()})
    assert rule in str(caught.value.orig).lower() or "check" in str(caught.value.orig).lower()


def test_every_earlier_revision_upgrades_to_the_models(empty_url):
    engine = create_store_engine(empty_url)
    for revision in migrate.revisions():
        if migrate.current_revision(engine):
            migrate.downgrade(engine, "base")
        migrate.upgrade(engine, revision)
        migrate.upgrade(engine)
        assert schema_diff(engine) == [], f"upgrading from {revision}"
    engine.dispose()


def test_0002_numbers_existing_publications_in_order(empty_url):
    engine = create_store_engine(empty_url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        for publication_id in (3, 7, 12):
            connection.execute(
                text(
                    "INSERT INTO publication (id, published_at, published_by, folder, changes) "
                    "VALUES (:id, CURRENT_TIMESTAMP, 'secas', 'P', '')"
                ),
                {"id": publication_id},
            )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, number FROM publication ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(3, 1), (7, 2), (12, 3)]
    engine.dispose()


def test_the_quick_schema_check_knows_the_newest_revision(store):
    """open_store skips Alembic when the store records HEAD_REVISION: it must be the head."""
    from secdesk.store import HEAD_REVISION

    assert migrate.head_revision() == HEAD_REVISION
    assert store.schema_revision() == HEAD_REVISION
