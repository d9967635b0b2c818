"""Reading a mailbox over IMAP without changing it: the folder is EXAMINEd (opened
read-only) and each message fetched with BODY.PEEK, so no flag, folder or message on the
server ever changes — Outlook users see their mailbox exactly as they left it. Only what is
new since the last fetch is read (UIDVALIDITY and the last UID are remembered), and each
message is stored once by its Message-ID, however many people fetch at once.

TLS always: ``imaps://`` from the first byte, or ``imap://`` upgraded with STARTTLS before
the password is sent; certificates are checked against the operating system's trust store
(and SSL_CERT_FILE, for an organisation's own authority), never switched off. A mailbox
signs in with a password kept in the OS keyring, or — Microsoft 365, where passwords are
retired — with an OAuth 2.0 token (``?auth=microsoft``: secdesk.mail.microsoft).
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from secdesk.domain import MailAccount
from secdesk.domain.base import utcnow
from secdesk.domain.roles import Action
from secdesk.errors import ConfigurationError, ValidationError
from secdesk.mail.accounts import secret_for
from secdesk.mail.address import Mailbox
from secdesk.mail.reading import read_message
from secdesk.services import inbox
from secdesk.store.engine import Store

BATCH = 50  # messages a FETCH asks for
# A message is read up to this size: a huge attachment is cut off (attachments are never
# kept), the headers and the text that comes first are not.
LARGEST = 8 * 1024 * 1024
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Fetched:
    account: str
    stored: inbox.Stored
    read: int  # messages read from the server this time


def tls_context() -> ssl.SSLContext:
    """The operating system's trust store (SSL_CERT_FILE too, where it is set), hostname
    checked: never switched off."""
    return ssl.create_default_context()


def connect(mailbox: Mailbox, secret: str) -> Any:
    """Connected and signed in: ``secret`` is the password, or for Microsoft 365 the
    access token."""
    from imapclient import IMAPClient  # only when a mailbox is read

    client = IMAPClient(
        mailbox.host,
        port=mailbox.port,
        ssl=mailbox.tls,
        ssl_context=tls_context(),
        timeout=TIMEOUT_SECONDS,
    )
    client.normalise_times = False  # INTERNALDATE as the server says it, with its offset
    try:
        if not mailbox.tls:
            client.starttls(tls_context())
        if mailbox.microsoft:
            client.oauth2_login(mailbox.user, secret)
        else:
            client.login(mailbox.user, secret)
    except BaseException:
        with contextlib.suppress(Exception):
            client.shutdown()  # no session to log out of: close the connection
        raise
    return client


def fetch(store: Store, name: str | None = None) -> list[Fetched]:
    """Read what is new in each mailbox (or the one named) into the inbox."""
    store.require(Action.LOG_ENQUIRY)
    with store.reading() as session:
        accounts = [
            (a.id, a.name, a.url, a.uid_validity, a.last_uid)
            for a in session.scalars(select(MailAccount).order_by(MailAccount.name))
            if name is None or a.name == name
        ]
    if name is not None and not accounts:
        raise ValidationError("Mailbox", f"there is no mailbox called {name}")
    return [_fetch_one(store, *account) for account in accounts]


def _fetch_one(
    store: Store, account_id: int, name: str, url: str, validity: int | None, last_uid: int
) -> Fetched:
    mailbox = Mailbox.parse(url)
    try:
        client = connect(mailbox, secret_for(mailbox, name))
        try:
            return _read_new(store, client, account_id, name, mailbox, validity, last_uid)
        finally:
            with contextlib.suppress(Exception):  # the session is over either way
                client.logout()
    except ssl.SSLCertVerificationError as exc:
        raise ConfigurationError(
            f"the mailbox {name} ({mailbox.host}) did not prove who it is: {exc.verify_message}. "
            "If your organisation uses its own certificate authority, set SSL_CERT_FILE to "
            "its certificate"
        ) from exc
    except (TimeoutError, OSError) as exc:
        raise ConfigurationError(
            f"the mailbox {name} could not be reached at {mailbox.host}:{mailbox.port} "
            f"({exc}); check the network and the address"
        ) from exc
    except imaplib.IMAP4.error as exc:  # imapclient's errors are these too
        if "LoginError" in type(exc).__name__ or "AUTHENTICATIONFAILED" in str(exc):
            what = "the sign-in" if mailbox.microsoft else "the user name or password"
            raise ConfigurationError(
                f"the mailbox {name} refused {what}; sign in again with "
                f"secdesk mail signin {name} (or Inbox → Mailboxes… → Sign in)"
            ) from exc
        raise ConfigurationError(f"the mailbox {name} refused: {exc}") from exc


def _read_new(
    store: Store,
    client: Any,
    account_id: int,
    name: str,
    mailbox: Mailbox,
    validity: int | None,
    last_uid: int,
) -> Fetched:
    info = client.select_folder(mailbox.folder, readonly=True)
    now_validity = int(info[b"UIDVALIDITY"])
    if now_validity != validity:
        last_uid = 0  # the mailbox was rebuilt: its UIDs start again
    uids = [u for u in client.search(["UID", f"{last_uid + 1}:*"]) if u > last_uid]
    stored = inbox.Stored(0, 0, 0)
    for batch in _batches(sorted(uids)):
        found = client.fetch(batch, [f"BODY.PEEK[]<0.{LARGEST}>", "INTERNALDATE"])
        messages = []
        for uid in batch:
            data = found.get(uid, {})
            raw = next((v for k, v in data.items() if k.startswith(b"BODY[")), b"") or b""
            arrived = data.get(b"INTERNALDATE")
            messages.append(read_message(raw, received=_aware(arrived)))
        with store.unit_of_work() as session:
            now = inbox.store_messages(session, messages, f"imap {name}")
            session.execute(
                update(MailAccount)
                .where(MailAccount.id == account_id)
                .values(uid_validity=now_validity, last_uid=max(batch), fetched_at=utcnow())
            )
        stored = inbox.Stored(
            stored.added + now.added, stored.already + now.already, stored.set_aside + now.set_aside
        )
    if not uids:
        with store.unit_of_work() as session:
            session.execute(
                update(MailAccount)
                .where(MailAccount.id == account_id)
                .values(uid_validity=now_validity, fetched_at=utcnow())
            )
    with store.unit_of_work() as session:
        inbox.purge(session)
    return Fetched(name, stored, len(uids))


def _batches(uids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(uids), BATCH):
        yield uids[start : start + BATCH]


def _aware(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
