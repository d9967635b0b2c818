"""Reading a real IMAP server (Dovecot), on both stores: new messages only, never twice,
and the mailbox exactly as it was — the same messages, the same flags."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from secdesk.domain import MailMessage
from secdesk.errors import ConfigurationError, ValidationError
from secdesk.mail import accounts, mailbox
from secdesk.mail.address import Mailbox
from secdesk.services import inbox
from tests.mail.conftest import server_client
from tests.mail.dovecot import PASSWORD, USER
from tests.mail.messages import message


def _url(server, folder, *, starttls=False):
    if starttls:
        return f"imap://{USER}@localhost:{server.imap_port}/{folder}"
    return f"imaps://{USER}@127.0.0.1:{server.imaps_port}/{folder}"


def _put(server, folder, count, start=0, when=None):
    """Messages delivered to the folder; every third already read in Outlook (\\Seen)."""
    client = server_client(server)
    try:
        for n in range(start, start + count):
            made = message(subject=f"Question {n}", body=f"Question number {n}")
            flags = [b"\\Seen"] if n % 3 == 0 else []
            client.append(folder, made.as_bytes(), flags=flags, msg_time=when)
    finally:
        client.logout()


def _server_state(server, folder):
    client = server_client(server)
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search()
        flags = client.get_flags(uids) if uids else {}
        return len(uids), {uid: sorted(f) for uid, f in flags.items()}
    finally:
        client.logout()


def _stored_count(store):
    with store.session() as session:
        return len(session.scalars(select(MailMessage)).all())


def test_fetching_reads_what_is_new_once_and_changes_nothing_on_the_server(store, trusted, folder):
    _put(trusted, folder, 200)
    before = _server_state(trusted, folder)
    accounts.add_account(
        store, "helpdesk", _url(trusted, folder), accounts.SignIn(password=PASSWORD)
    )
    [first] = mailbox.fetch(store)
    assert (first.read, first.stored.added) == (200, 200)
    [again] = mailbox.fetch(store, "helpdesk")
    assert (again.read, again.stored.added) == (0, 0)
    _put(trusted, folder, 5, start=200)
    [more] = mailbox.fetch(store)
    assert (more.read, more.stored.added) == (5, 5)
    assert _stored_count(store) == 205
    # The mailbox as Outlook left it: the same messages, the same flags (nothing \Seen).
    count, flags = _server_state(trusted, folder)
    assert count == 205
    assert {uid: f for uid, f in flags.items() if uid in before[1]} == before[1]


def test_two_people_fetching_at_once_store_each_message_once(store, other_store, trusted, folder):
    _put(trusted, folder, 60)
    accounts.add_account(
        store, "helpdesk", _url(trusted, folder), accounts.SignIn(password=PASSWORD)
    )
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def fetch(which):
        start.wait()
        try:
            mailbox.fetch(which)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=fetch, args=(s,)) for s in (store, other_store)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert _stored_count(store) == 60


def test_the_received_time_is_the_servers_across_a_clock_change(store, trusted, folder):
    bst = timezone(timedelta(hours=1))
    _put(trusted, folder, 1, when=datetime(2026, 10, 25, 1, 30, tzinfo=bst))  # before 02:00 BST
    _put(trusted, folder, 1, start=1, when=datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # after
    accounts.add_account(
        store, "helpdesk", _url(trusted, folder), accounts.SignIn(password=PASSWORD)
    )
    mailbox.fetch(store)
    with store.session() as session:
        times = sorted(r.received_at for r in inbox.inbox(session))
    assert times == [
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    ]


def test_starttls_and_the_problems_said_in_words(store, trusted, folder, monkeypatch):
    _put(trusted, folder, 2)
    accounts.add_account(
        store, "starttls", _url(trusted, folder, starttls=True), accounts.SignIn(password=PASSWORD)
    )
    [fetched] = mailbox.fetch(store, "starttls")
    assert fetched.stored.added == 2
    accounts.add_account(
        store, "wrong", _url(trusted, folder), accounts.SignIn(password="not the password")
    )
    with pytest.raises(ConfigurationError, match="refused the user name or password"):
        mailbox.fetch(store, "wrong")
    monkeypatch.delenv("SSL_CERT_FILE")  # the test authority is not trusted now
    with pytest.raises(ConfigurationError, match=r"did not prove who it is.*SSL_CERT_FILE"):
        mailbox.fetch(store, "starttls")
    with pytest.raises(ValidationError, match="no mailbox called nonesuch"):
        mailbox.fetch(store, "nonesuch")


def test_a_mailbox_url_is_checked():
    for bad, words in [
        ("http://x/INBOX", "imaps://"),
        ("imaps://host/INBOX", "name the user"),
        ("imaps://u:secret@host/INBOX", "leave the password out"),
    ]:
        with pytest.raises(ValidationError, match=words):
            Mailbox.parse(bad)
    parsed = Mailbox.parse("imaps://helpdesk%40secas.example@outlook.office365.com/INBOX")
    assert (parsed.user, parsed.host, parsed.port, parsed.folder) == (
        "helpdesk@secas.example",
        "outlook.office365.com",
        993,
        "INBOX",
    )
