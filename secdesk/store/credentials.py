"""Passwords for shared PostgreSQL stores, kept in the OS keyring (Windows Credential
Manager, macOS Keychain, Secret Service) and never written to a file."""

from __future__ import annotations

import contextlib

import keyring
import keyring.backend
import keyring.errors
from sqlalchemy.engine import URL

from secdesk.errors import ConfigurationError

SERVICE = "secdesk"


def account_for(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


# Backends that keep passwords in a file, in plain text or merely encoded (keyrings.alt's
# file backends, base64), or not at all: secdesk neither writes to nor reads from them.
_INSECURE_MODULES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")

NO_SECURE_KEYRING = (
    "no secure keyring is available to keep the password. On Windows secdesk uses the "
    "Credential Manager and on macOS the Keychain; on Linux, install and unlock a Secret "
    "Service keyring (GNOME Keyring or KWallet) in your desktop session. Where the "
    "organisation authenticates with Kerberos (SSPI on Windows), ask your administrator for "
    "a login that needs no password. secdesk never keeps a password in a file"
)


def _secure_backends() -> list[keyring.backend.KeyringBackend]:
    """The keyring's backends that keep passwords safely, most preferred first. (A chain of
    backends is taken apart: left to itself it falls back to a file when the Secret
    Service is locked.)"""
    backend = keyring.get_keyring()
    backends = list(getattr(backend, "backends", None) or [backend])
    secure = [b for b in backends if not type(b).__module__.startswith(_INSECURE_MODULES)]
    return sorted(secure, key=lambda b: b.priority, reverse=True)


def secure_keyring_available() -> bool:
    """Whether the keyring secdesk would use keeps passwords safely."""
    return bool(_secure_backends())


def get_password(url: URL) -> str | None:
    """The saved password, or None. Never read from a file keyring: without a secure one,
    libpq connects by Kerberos, trust authentication, or the administrator's arrangements."""
    return get_secret(account_for(url))


def get_secret(account: str) -> str | None:
    """The password saved for ``account`` (a store's, a mailbox's), or None."""
    for backend in _secure_backends():
        try:
            password = backend.get_password(SERVICE, account)
        except keyring.errors.KeyringError:
            continue  # a locked or absent keyring (a server without a desktop session)
        if password is not None:
            return password
    return None


def set_password(url: URL, password: str) -> None:
    set_secret(account_for(url), password)


def set_secret(account: str, password: str) -> None:
    for backend in _secure_backends():
        try:
            backend.set_password(SERVICE, account, password)
        except keyring.errors.KeyringError:
            continue
        return
    # Not keyring's own message: it recommends keyrings.alt, which keeps passwords in a file.
    raise ConfigurationError(f"the password was not saved: {NO_SECURE_KEYRING}")


def delete_password(url: URL) -> None:
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, account_for(url))


# Windows' Credential Manager keeps at most 2,560 bytes a credential (1,280 characters in
# its UTF-16); a Microsoft sign-in's token cache is several times that. A long secret is
# kept in parts, with the number of parts under the account's own name.
_PART = 1000


def set_long_secret(account: str, secret: str) -> None:
    parts = [secret[i : i + _PART] for i in range(0, len(secret), _PART)] or [""]
    for index, part in enumerate(parts):
        set_secret(f"{account}#{index}", part)
    set_secret(account, f"parts:{len(parts)}")


def _part_count(head: str | None) -> int:
    """How many parts a long secret's head says it has (0: not a long secret)."""
    count = (head or "").removeprefix("parts:")
    return int(count) if head and head.startswith("parts:") and count.isdigit() else 0


def get_long_secret(account: str) -> str | None:
    """What ``set_long_secret`` kept for ``account``, or None (also where a part is gone)."""
    count = _part_count(get_secret(account))
    if not count:
        return None
    parts = [get_secret(f"{account}#{index}") for index in range(count)]
    if any(part is None for part in parts):
        return None
    return "".join(part or "" for part in parts)


def delete_secret(account: str) -> None:
    """Forget the secret kept for ``account`` (and its parts, if it was long)."""
    count = _part_count(get_secret(account))
    for name in [account, *(f"{account}#{index}" for index in range(count))]:
        for backend in _secure_backends():
            with contextlib.suppress(keyring.errors.KeyringError):
                backend.delete_password(SERVICE, name)
