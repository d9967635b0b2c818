"""The IMAP server the mail tests read: Dovecot, started once for the session (see
dovecot.py). Without it the tests skip, saying why; under CI=true that is a failure."""

from __future__ import annotations

import os
import shutil
import ssl
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mail import dovecot
from tests.mail.microsoft_fake import FakeMicrosoft


@pytest.fixture(scope="session")
def microsoft_fake() -> Iterator[FakeMicrosoft]:
    fake = FakeMicrosoft(dovecot.USER)
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def imap_server(microsoft_fake) -> Iterator[dovecot.Dovecot]:
    if not dovecot.available():
        message = "Dovecot is not installed (Debian: apt install dovecot-imapd)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's own temporary folder: Dovecot's users must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="secdesk-dovecot-"))
    folder.chmod(0o755)
    server = dovecot.Dovecot(folder, microsoft_fake.introspection_url).start()
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def trusted(imap_server, monkeypatch):
    """The test authority trusted as an organisation's own would be: SSL_CERT_FILE."""
    monkeypatch.setenv("SSL_CERT_FILE", str(imap_server.ca))
    return imap_server


@pytest.fixture
def folder(trusted) -> Iterator[str]:
    """A fresh folder on the server for one test."""
    from imapclient import IMAPClient

    name = f"Test{uuid.uuid4().hex[:10]}"
    context = ssl.create_default_context(cafile=str(trusted.ca))
    with IMAPClient("127.0.0.1", port=trusted.imaps_port, ssl_context=context) as client:
        client.login(dovecot.USER, dovecot.PASSWORD)
        client.create_folder(name)
    yield name


def server_client(server):
    from imapclient import IMAPClient

    context = ssl.create_default_context(cafile=str(server.ca))
    client = IMAPClient("127.0.0.1", port=server.imaps_port, ssl_context=context)
    client.login(dovecot.USER, dovecot.PASSWORD)
    return client


@pytest.fixture
def microsoft(microsoft_fake, monkeypatch) -> FakeMicrosoft:
    """Microsoft's sign-in, played: MSAL talks to the fake, which approves the device code
    at once; each test starts with no tokens issued."""
    from secdesk.mail import microsoft as signing_in

    microsoft_fake.revoke_everything()
    microsoft_fake.approved = True
    microsoft_fake.lifetime = 3600
    microsoft_fake.token_requests.clear()
    monkeypatch.setattr(signing_in, "http_client", microsoft_fake)
    return microsoft_fake
