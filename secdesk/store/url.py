"""Which store to open, and how to name it for people.

Precedence: the ``--store`` option, then ``SECDESK_STORE``, then the settings file, then the
embedded SQLite file in the user data dir.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from secdesk.errors import ConfigurationError
from secdesk.store import paths
from secdesk.store.settings import Settings

ENV_VAR = "SECDESK_STORE"
_DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def parse_store_url(text: str, option: str = "--store") -> URL:
    """Parse and normalise a store URL; PostgreSQL always goes through psycopg 3."""
    try:
        url = make_url(text.strip())
    except ValueError:  # a port that is not a number
        raise ConfigurationError(
            f"{option}: the port in {text!r} is not a number (postgresql://USER@HOST:5432/DATABASE)"
        ) from None
    except ArgumentError:
        raise ConfigurationError(
            f"{option}: {text!r} is not a store URL "
            "(use sqlite:///PATH or postgresql://USER@HOST/DATABASE)"
        ) from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise ConfigurationError(
            f"{option}: {url.drivername!r} stores are not supported (use sqlite or postgresql)"
        )
    url = url.set(drivername=driver)
    if driver == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ConfigurationError(f"{option}: a SQLite store needs a file path (sqlite:///PATH)")
        if is_network_path(url.database):
            raise ConfigurationError(
                f"{option}: {url.database} is on a network share, where SQLite cannot lock "
                "safely; use a shared PostgreSQL store for team work"
            )
        folder = Path(url.database).expanduser().parent
        if not folder.is_dir():
            # A typing slip must not make an empty store in a new folder without a word.
            raise ConfigurationError(
                f"{option}: the folder {folder} does not exist; check the path (a new store "
                "is made only in a folder that exists)"
            )
    elif not url.database:
        raise ConfigurationError(f"{option}: a PostgreSQL store URL needs a database name")
    return url


def default_store_url() -> URL:
    return URL.create("sqlite", database=str(paths.default_database_path()))


def resolve_store_url(option_value: str | None = None) -> URL:
    if option_value:
        return parse_store_url(option_value, "--store")
    env = os.environ.get(ENV_VAR)
    if env:
        return parse_store_url(env, ENV_VAR)
    configured = Settings.load().store_url
    if configured:
        return parse_store_url(configured, f"store_url in {Settings.path()}")
    return default_store_url()


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def describe(url: URL) -> str:
    """How the status bar and messages name the store: never with a password."""
    if is_sqlite(url):
        return f"SQLite file {url.database}"
    port = f":{url.port}" if url.port else ""
    return f"PostgreSQL {url.database} on {url.host or 'localhost'}{port}"


def is_network_path(path: str) -> bool:
    """SQLite's locking (and WAL) does not work over network filesystems."""
    if path.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = Path(path).resolve().drive
        if drive:
            drive_remote = 4
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
    return False
