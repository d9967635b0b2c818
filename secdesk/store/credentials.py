"""Passwords for shared PostgreSQL stores, kept in the OS keyring (Windows Credential
Manager, macOS Keychain, Secret Service) and never written to a file."""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors
from sqlalchemy.engine import URL

from secdesk.errors import ConfigurationError

SERVICE = "secdesk"


def account_for(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def get_password(url: URL) -> str | None:
    try:
        return keyring.get_password(SERVICE, account_for(url))
    except keyring.errors.KeyringError:
        # No usable keyring (a server without a desktop session): connect without one and
        # let libpq use PGPASSWORD / .pgpass or trust authentication.
        return None


def set_password(url: URL, password: str) -> None:
    try:
        keyring.set_password(SERVICE, account_for(url), password)
    except keyring.errors.KeyringError as exc:
        raise ConfigurationError(
            f"the password could not be saved in the system keyring ({exc}); "
            "secdesk never stores passwords in a file"
        ) from None


def delete_password(url: URL) -> None:
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, account_for(url))
