"""Opening a store: which one, how it is set up, and the refusals people can meet."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from secdesk.errors import ConfigurationError, StoreError
from secdesk.store import migrate, open_store
from secdesk.store.engine import create_store_engine
from secdesk.store.settings import Settings
from secdesk.store.url import describe, parse_store_url, resolve_store_url


def test_default_store_is_a_sqlite_file_in_the_user_data_dir(secdesk_home):
    url = resolve_store_url()
    assert url.get_backend_name() == "sqlite"
    assert url.database == str(secdesk_home / "data" / "secdesk.sqlite3")


def test_option_beats_environment_beats_settings(monkeypatch, tmp_path):
    Settings(store_url=f"sqlite:///{tmp_path / 'settings.db'}").save()
    assert resolve_store_url().database.endswith("settings.db")
    monkeypatch.setenv("SECDESK_STORE", f"sqlite:///{tmp_path / 'env.db'}")
    assert resolve_store_url().database.endswith("env.db")
    assert resolve_store_url(f"sqlite:///{tmp_path / 'option.db'}").database.endswith("option.db")


@pytest.mark.parametrize(
    ("text_url", "message"),
    [
        ("mysql://root@localhost/secdesk", "not supported"),
        ("not a url", "is not a store URL"),
        ("sqlite://", "needs a file path"),
        ("postgresql://user@host", "needs a database name"),
        ("sqlite://///fileserver/share/secdesk.db", "network share"),
    ],
)
def test_unusable_store_urls_are_refused_in_words(text_url, message):
    with pytest.raises(ConfigurationError) as caught:
        parse_store_url(text_url)
    assert message in str(caught.value)
    assert str(caught.value).startswith("--store:")


def test_postgres_urls_use_psycopg_and_are_described_without_password():
    url = parse_store_url("postgresql://alice:secret@db.example:5433/secdesk")
    assert url.drivername == "postgresql+psycopg"
    assert describe(url) == "PostgreSQL secdesk on db.example:5433"
    assert "secret" not in describe(url)


def test_sqlite_store_is_created_and_upgraded_on_opening(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'secdesk.sqlite3'}")  # a new file, in a folder
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    store.dispose()


def test_shared_postgres_store_without_schema_is_refused(postgres):
    name = "secdesk_unmigrated_probe"
    postgres.drop(name)
    url = postgres.create(name)
    try:
        with pytest.raises(StoreError) as caught:
            open_store(url.render_as_string(hide_password=False))
        assert "db upgrade" in str(caught.value)
    finally:
        postgres.drop(name)


def test_shared_store_from_a_newer_secdesk_is_refused(postgres):
    name = "secdesk_newer_probe"
    postgres.drop(name)
    url = postgres.create(name)
    engine = create_store_engine(url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as connection:  # as if a later secdesk had upgraded it
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(StoreError) as caught:
            open_store(url.render_as_string(hide_password=False))
        assert "newer secdesk" in str(caught.value)
    finally:
        engine.dispose()
        postgres.drop(name)


def test_admin_upgrade_makes_a_shared_store_usable(postgres):
    name = "secdesk_admin_probe"
    postgres.drop(name)
    url = postgres.create(name).render_as_string(hide_password=False)
    try:
        open_store(url, upgrade=True).dispose()
        store = open_store(url)
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        store.dispose()
    finally:
        postgres.drop(name)


def test_unreachable_postgres_is_reported_in_plain_words():
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://nobody@127.0.0.1:1/secdesk")
    message = str(caught.value)
    assert "cannot reach the PostgreSQL store" in message
    assert "Traceback" not in message


def test_password_comes_from_the_keyring(memory_keyring):
    from secdesk.store import credentials
    from secdesk.store.engine import create_store_engine

    url = make_url("postgresql+psycopg://alice@127.0.0.1:1/secdesk")
    credentials.set_password(url, "s3cret")
    engine = create_store_engine(url)
    assert engine.url.password == "s3cret"
    assert ("secdesk", "alice@127.0.0.1:1/secdesk") in memory_keyring.passwords
    engine.dispose()


def test_settings_never_hold_a_password(tmp_path):
    Settings(store_url="postgresql+psycopg://alice@db/secdesk").save()
    assert "password" not in Settings.path().read_text()


def test_broken_settings_file_is_reported_not_crashed(secdesk_home):
    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_text("{not json")
    with pytest.raises(ConfigurationError) as caught:
        resolve_store_url()
    assert "settings file" in str(caught.value)


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path):
    import sqlite3

    from secdesk.errors import StoreError
    from secdesk.store import open_store

    path = tmp_path / "accounts.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError) as raised:
        open_store(f"sqlite:///{path}")
    assert "is not a secdesk store" in str(raised.value) and str(path) in str(raised.value)
    assert "customers" in str(raised.value)
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["customers"]
    assert path.read_bytes() == before


def test_a_new_store_says_it_is_a_secdesk_store_and_an_older_one_is_stamped(tmp_path):
    import sqlite3

    from secdesk.store import open_store
    from secdesk.store.sqlite_identity import SQLITE_APPLICATION_ID

    new = tmp_path / "new.sqlite3"
    open_store(f"sqlite:///{new}").dispose()
    with sqlite3.connect(new) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == SQLITE_APPLICATION_ID
        db.execute("PRAGMA application_id = 0")  # as stores were made before
        db.execute("UPDATE alembic_version SET version_num = '0004'")
    open_store(f"sqlite:///{new}").dispose()  # still a secdesk store: upgraded and stamped
    with sqlite3.connect(new) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == SQLITE_APPLICATION_ID


def test_a_file_that_is_not_a_database_is_said_to_be_so(tmp_path):
    from secdesk.errors import StoreError
    from secdesk.store import open_store

    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(StoreError, match="is not a SQLite database"):
        open_store(f"sqlite:///{path}")
    assert path.read_text() == "shopping list\n" * 100
