"""The helpdesk inbox on both stores: each message stored once however often (or by
however many) it is read; the Party suggested only when there is one; logging makes the
enquiry the e-mail describes; set-aside messages keep headers only; unlogged messages go
after the retention period; the trail says who logged or set aside what."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from secdesk.domain import Enquiry, MailMessage, MailState
from secdesk.domain.enums import Channel, EnquiryStatus
from secdesk.errors import ValidationError
from secdesk.mail.reading import read_message
from secdesk.services import contacts, enquiries, inbox, store_settings
from secdesk.services.audit_trail import record_history
from tests.mail.messages import message
from tests.services.conftest import new_party


def _incoming(**kinds):
    return read_message(message(**kinds).as_bytes())


def _store(store, *messages):
    with store.unit_of_work() as session:
        return inbox.store_messages(session, messages, "file test.eml")


def test_a_message_is_stored_once_however_often_it_is_read(store, other_store):
    first, second = _incoming(), _incoming(subject="Second")
    assert _store(store, first, second) == inbox.Stored(2, 0, 0)
    assert _store(store, first, second) == inbox.Stored(0, 2, 0)
    assert _store(other_store, second) == inbox.Stored(0, 1, 0)  # a colleague's read
    with store.session() as session:
        assert len(inbox.inbox(session)) == 2


def test_two_readers_at_once_store_each_message_once(store, other_store):
    messages = [_incoming(subject=f"Question {n}") for n in range(30)]
    results: list[inbox.Stored] = []
    start = threading.Barrier(2)

    def read(which) -> None:
        start.wait()
        results.append(_store(which, *messages))

    threads = [threading.Thread(target=read, args=(s,)) for s in (store, other_store)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(r.added for r in results) == 30 and sum(r.already for r in results) == 30
    with store.session() as session:
        assert len(session.scalars(select(MailMessage)).all()) == 30


def test_automatic_messages_are_set_aside_with_headers_only(store):
    reply = _incoming(subject="Automatic reply: SEC query", body="I am out until Monday.")
    assert _store(store, reply, _incoming()) == inbox.Stored(2, 0, 1)
    with store.session() as session:
        waiting = inbox.inbox(session)
        everything = inbox.inbox(session, everything=True)
        aside = session.scalar(select(MailMessage).where(MailMessage.auto_reason.is_not(None)))
        assert aside is not None and aside.body is None
        assert aside.state is MailState.NOT_AN_ENQUIRY
    assert len(waiting) == 1 and len(everything) == 2
    with store.unit_of_work() as session:
        assert inbox.bring_back(session, [aside.id]) == 1
    with store.session() as session:
        assert len(inbox.inbox(session)) == 2


def test_the_party_is_suggested_only_when_there_is_one(store):
    albion, _ = new_party(store, name="Albion Power plc", notices_email="notices@albion.example")
    bramble, _ = new_party(store, name="Bramble Energy Ltd")
    cedar, _ = new_party(store, name="Cedar Gas Ltd", notices_email="notices@shared.example")
    new_party(store, name="Damson Gas Ltd", notices_email="info@shared.example")
    with store.unit_of_work() as session:
        contacts.create_contact(
            session,
            {
                "party_id": bramble,
                "name": "Kim Lee",
                "email": "kim@ops.example",
                "priority": "Main",
                "is_24x7": False,
            },
        )
    with store.session() as session:
        found = inbox.suggest_parties(
            session,
            [
                "Notices@Albion.example",  # a Party's notices address, any case
                "someone.else@albion.example",  # the domain of one Party's addresses
                "kim@ops.example",  # an operations contact's address
                "notices@shared.example",  # exactly Cedar's, though the domain is shared
                "other@shared.example",  # two Parties share the domain: no guess
                "stranger@nowhere.example",
            ],
        )
    assert found == {
        "notices@albion.example": (albion, "Albion Power plc"),
        "someone.else@albion.example": (albion, "Albion Power plc"),
        "kim@ops.example": (bramble, "Bramble Energy Ltd"),
        "notices@shared.example": (cedar, "Cedar Gas Ltd"),
        "other@shared.example": None,
        "stranger@nowhere.example": None,
    }


def test_logging_makes_the_enquiry_the_email_describes(store):
    albion, _ = new_party(store, name="Albion Power plc", notices_email="jo@albion.example")
    arrived = datetime(2026, 10, 31, 23, 50, tzinfo=UTC)  # 23:50 GMT: still October
    _store(
        store,
        read_message(message(sender="Jo Bloggs <jo@albion.example>").as_bytes(), received=arrived),
    )
    with store.unit_of_work() as session:
        [row] = inbox.inbox(session)
        category = enquiries.category_by_name(session, "General Queries")
        [enquiry_id] = inbox.log_messages(session, [row.id], category_id=category.id)
    with store.session() as session:
        enquiry = session.get(Enquiry, enquiry_id)
        assert enquiry is not None
        assert enquiry.received_at == arrived and enquiry.channel is Channel.EMAIL
        assert (enquiry.enquirer_name, enquiry.enquirer_email) == ("Jo Bloggs", "jo@albion.example")
        assert enquiry.subject == "Where can I find the SEC?"
        assert enquiry.notes == "Hello,\nWhere is the latest SEC?\nJo"  # as notes keep text
        assert enquiry.status is EnquiryStatus.OPEN and enquiry.assigned_to == "tester"
        assert enquiry.party_id == albion  # the suggestion, taken
        stored = session.get(MailMessage, row.id)
        assert stored.state is MailState.LOGGED and stored.enquiry_id == enquiry_id
        assert inbox.inbox(session) == []
        # The trail says who logged it, and never holds the message's words.
        history = record_history(session, "mail_message", row.id)
        assert any(line.user == "tester" and line.new == "logged" for line in history)
        assert not any("Where is the latest SEC" in (line.new or "") for line in history)


def test_a_dismissed_message_keeps_its_headers_only(store):
    _store(store, _incoming())
    with store.unit_of_work() as session:
        [row] = inbox.inbox(session)
        assert inbox.dismiss(session, [row.id]) == 1
    with store.session() as session:
        kept = session.get(MailMessage, row.id)
        assert kept.state is MailState.NOT_AN_ENQUIRY and kept.body is None
        assert kept.subject == "Where can I find the SEC?"


def test_unlogged_messages_go_after_the_retention_period(store):
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    with store.session() as session:
        assert store_settings.get(session, store_settings.MAIL_RETENTION_DAYS) == 90
    old = now - timedelta(days=91)
    _store(
        store,
        read_message(message(subject="Old, never logged").as_bytes(), received=old),
        read_message(message(subject="Old, logged").as_bytes(), received=old),
        read_message(message(subject="Recent").as_bytes(), received=now - timedelta(days=3)),
    )
    with store.unit_of_work() as session:
        logged = next(r for r in inbox.inbox(session) if r.subject == "Old, logged")
        category = enquiries.category_by_name(session, "Other")
        inbox.log_messages(session, [logged.id], category_id=category.id)
        assert inbox.purge(session, now=now) == 1
    with store.session() as session:
        subjects = sorted(r.subject for r in inbox.inbox(session, everything=True))
    assert subjects == ["Old, logged", "Recent"]


def test_the_retention_period_is_the_stores_setting(store):
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    _store(
        store,
        read_message(message(subject="Ten days old").as_bytes(), received=now - timedelta(days=10)),
        read_message(message(subject="Two days old").as_bytes(), received=now - timedelta(days=2)),
    )
    with store.unit_of_work() as session:
        assert inbox.purge(session, now=now) == 0  # 90 days unless an admin says otherwise
        for wrong, words in (("0", "from 1 to 3,650"), ("a week", "whole number")):
            try:
                store_settings.put(session, store_settings.MAIL_RETENTION_DAYS, wrong)
            except ValidationError as exc:
                assert words in str(exc) and "Keep unlogged e-mails" in str(exc)
            else:
                raise AssertionError(f"{wrong!r} was accepted")
        store_settings.put(session, store_settings.MAIL_RETENTION_DAYS, "7")
    with store.unit_of_work() as session:
        assert store_settings.get(session, store_settings.MAIL_RETENTION_DAYS) == 7
        assert inbox.purge(session, now=now) == 1
    with store.session() as session:
        assert [r.subject for r in inbox.inbox(session, everything=True)] == ["Two days old"]
        trail = record_history(session, "store_setting", 1)
    assert any("7" in str(entry) for entry in trail)


def _log_first(store, subject):
    with store.unit_of_work() as session:
        row = next(r for r in inbox.inbox(session) if r.subject == subject)
        category = enquiries.category_by_name(session, "Other")
        [enquiry_id] = inbox.log_messages(session, [row.id], category_id=category.id)
    return row, enquiry_id


def test_a_reply_in_the_thread_is_logged_into_its_enquiry(store):
    first = message(subject="Smart meter query", message_id="<first@albion.example>")
    _store(store, read_message(first.as_bytes()))
    _, enquiry_id = _log_first(store, "Smart meter query")
    with store.unit_of_work() as session:
        enquiry = enquiries.get_enquiry(session, enquiry_id)
        enquiries.update_enquiry(
            session, enquiry_id, {"status": EnquiryStatus.WAITING_ON_PARTY}, enquiry.version
        )
    # Their reply quotes SECAS's answer (never in the inbox) and, in References, the first.
    reply = message(
        subject="RE: Smart meter query",
        body="Thanks, that answers it.\n\nJo",
        headers={
            "In-Reply-To": "<answer@secas.example>",
            "References": "<first@albion.example> <answer@secas.example>",
        },
        date=datetime(2026, 11, 3, 10, tzinfo=UTC),
    )
    _store(store, read_message(reply.as_bytes()))
    with store.unit_of_work() as session:
        [row] = inbox.inbox(session)
        assert row.thread is not None and row.thread.enquiry_id == enquiry_id
        assert row.thread.subject == "Smart meter query"
        assert inbox.log_messages(session, [row.id], category_id=None) == [enquiry_id]
    with store.session() as session:
        enquiry = enquiries.get_enquiry(session, enquiry_id)
        assert "Reply from Jo Bloggs, 03/11/2026 10:00" in (enquiry.notes or "")
        assert "Thanks, that answers it." in (enquiry.notes or "")
        assert enquiry.status is EnquiryStatus.OPEN  # the Party has answered
        assert len(session.scalars(select(Enquiry)).all()) == 1  # not a second enquiry
        assert session.get(MailMessage, row.id).enquiry_id == enquiry_id


def test_re_the_same_subject_from_the_same_sender_joins_the_enquiry(store):
    _store(store, _incoming(subject="Query about UEP"))
    _, enquiry_id = _log_first(store, "Query about UEP")
    _store(
        store,
        # No thread headers (a reply from a phone): the subject and the sender say it.
        read_message(
            message(
                subject="Re: RE: query about  UEP", sender="JO.BLOGGS@albion.example"
            ).as_bytes()
        ),
        # The same subject from someone else is theirs, not Jo's.
        read_message(message(subject="RE: Query about UEP", sender="sam@cedar.example").as_bytes()),
        # Jo's own new question, not a reply.
        read_message(message(subject="Query about UEP").as_bytes()),
    )
    with store.session() as session:
        rows = inbox.inbox(session)
    threaded = {r.from_address: r.thread for r in rows if r.subject.lower().startswith("re")}
    assert threaded["jo.bloggs@albion.example"].enquiry_id == enquiry_id
    assert threaded["sam@cedar.example"] is None
    assert [r.thread for r in rows if r.subject == "Query about UEP"] == [None]


def test_a_reply_can_be_logged_as_a_new_enquiry_when_the_user_says_so(store):
    _store(store, _incoming(subject="Query about UEP"))
    _, enquiry_id = _log_first(store, "Query about UEP")
    _store(store, read_message(message(subject="RE: Query about UEP").as_bytes()))
    with store.unit_of_work() as session:
        [row] = inbox.inbox(session)
        assert row.thread is not None
        category = enquiries.category_by_name(session, "Other")
        [new] = inbox.log_messages(session, [row.id], category_id=category.id, as_new=True)
    assert new != enquiry_id
    with store.session() as session:
        assert len(session.scalars(select(Enquiry)).all()) == 2
