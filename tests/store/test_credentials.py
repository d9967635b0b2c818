"""Passwords are kept only in a keyring that keeps them safely: never in a file keyring
(keyrings.alt keeps them in plain text or base64), and the message never recommends one."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.backends.chainer
import pytest
from sqlalchemy.engine import make_url

from secdesk.errors import ConfigurationError
from secdesk.store import credentials

URL = make_url("postgresql+psycopg://jo@db.example:5432/secdesk")


def file_keyring_class():
    """A stand-in for keyrings.alt.file.PlaintextKeyring: judged by where it comes from."""

    class PlaintextKeyring(keyring.backend.KeyringBackend):
        priority = 0.5  # type: ignore[assignment]
        stored: dict = {}

        def get_password(self, service, username):
            return self.stored.get((service, username))

        def set_password(self, service, username, password):
            self.stored[(service, username)] = password

        def delete_password(self, service, username):
            self.stored.pop((service, username), None)

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    return PlaintextKeyring


def test_a_file_keyring_is_neither_written_nor_read(memory_keyring):
    plaintext = file_keyring_class()()
    plaintext.stored[(credentials.SERVICE, credentials.account_for(URL))] = "from a file"
    keyring.set_keyring(plaintext)
    assert not credentials.secure_keyring_available()
    with pytest.raises(ConfigurationError) as raised:
        credentials.set_password(URL, "s3cret")
    message = str(raised.value)
    assert "keyrings.alt" not in message and "GNOME Keyring" in message
    assert "never keeps a password in a file" in message
    assert credentials.get_password(URL) is None
    assert list(plaintext.stored.values()) == ["from a file"]


def test_a_chain_uses_its_secure_keyring_and_skips_the_file(memory_keyring, monkeypatch):
    plaintext = file_keyring_class()()
    chain = keyring.backends.chainer.ChainerBackend()
    monkeypatch.setattr(
        keyring.backends.chainer.ChainerBackend,
        "backends",
        property(lambda self: [plaintext, memory_keyring]),
    )
    keyring.set_keyring(chain)
    credentials.set_password(URL, "s3cret")
    assert memory_keyring.passwords == {
        (credentials.SERVICE, credentials.account_for(URL)): "s3cret"
    }
    assert plaintext.stored == {}
    assert credentials.get_password(URL) == "s3cret"
