"""Outlook's .msg files — saved from Outlook, or handed over when a message is dragged out
of it — read like any e-mail: sender (an Exchange sender by their real address), subject,
arrival, thread, text (HTML turned to text), attachment names; Outlook's own automatic
messages set aside; a damaged or wrong file refused by name, never a crash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from secdesk.errors import ValidationError
from secdesk.mail.files import import_files, read_bytes, read_files
from secdesk.mail.outlook_drag import described_names, descriptor_for
from secdesk.services import inbox
from tests.mail.outlook_messages import outlook_message


def test_an_outlook_message_is_read_like_any_email():
    data = outlook_message(
        subject="Café opening hours - DCC User Role query",
        sender_name="Zoë Smith",
        sender_address="Zoe.Smith@Albion.example",
        received=datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
        attachments=(("Meter readings.xlsx", b"PK\x03\x04" + bytes(5000)),),
    )
    message = read_bytes("query.msg", data)
    assert message.subject == "Café opening hours - DCC User Role query"
    assert (message.from_name, message.from_address) == ("Zoë Smith", "zoe.smith@albion.example")
    assert message.received_at == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert message.message_id == "<outlook-1@albion.example>"
    assert message.body == "Hello,\n\nWhere is the latest SEC?\n\nJo"
    assert message.attachments == ("Meter readings.xlsx",)
    assert message.auto_reason is None


def test_an_exchange_sender_is_known_by_their_address_and_html_becomes_text():
    data = outlook_message(
        exchange_sender=True,
        body=None,
        html="<html><body><p>Dear SECAS,</p><p>Please update our <b>contact</b>.</p></body></html>",
    )
    message = read_bytes("internal.msg", data)
    assert message.from_address == "jo.bloggs@albion.example"
    assert message.body == "Dear SECAS,\n\nPlease update our contact."


def test_the_internet_headers_outlook_kept_are_read():
    headers = (
        "Received: from mail.albion.example by outlook.office365.com; "
        "Mon, 2 Nov 2026 09:31:00 +0000\r\n"
        "From: Jo Bloggs <jo.bloggs@albion.example>\r\n"
        "Subject: RE: Smart meter query\r\n"
        "Message-ID: <reply-7@albion.example>\r\n"
        "In-Reply-To: <answer@secas.example>\r\n"
        "References: <first@albion.example> <answer@secas.example>\r\n"
        "Auto-Submitted: no\r\n"
    )
    message = read_bytes(
        "reply.msg",
        outlook_message(subject="RE: Smart meter query", headers=headers, message_id=None),
    )
    assert message.message_id == "<reply-7@albion.example>"
    assert message.in_reply_to == "<answer@secas.example>"
    assert message.references == "<first@albion.example> <answer@secas.example>"
    assert message.auto_reason is None


@pytest.mark.parametrize(
    ("message_class", "reason"),
    [
        ("IPM.Note.Rules.OofTemplate.Microsoft", "an automatic reply"),
        ("REPORT.IPM.Note.NDR", "a delivery failure (bounce)"),
    ],
)
def test_outlooks_own_automatic_messages_are_set_aside(message_class, reason):
    message = read_bytes("auto.msg", outlook_message(message_class=message_class))
    assert message.auto_reason == reason


def test_a_message_without_an_id_is_still_stored_once(store, tmp_path):
    path = tmp_path / "no id.msg"
    path.write_bytes(outlook_message(message_id=None))
    assert import_files(store, [path]) == inbox.Stored(1, 0, 0)
    assert import_files(store, [path]) == inbox.Stored(0, 1, 0)


def test_a_damaged_or_wrong_file_is_refused_by_name(store, tmp_path):
    good = outlook_message()
    cut = tmp_path / "cut.msg"
    cut.write_bytes(good[: len(good) // 2])
    text = tmp_path / "notes.msg"
    text.write_bytes(b"just some words, no headers at all")
    for path, words in (
        (cut, "not an Outlook message that can be read"),
        (text, "no e-mail headers"),
    ):
        with pytest.raises(ValidationError, match=words) as caught:
            read_files([path])
        assert str(path) in str(caught.value)
    with pytest.raises(ValidationError, match=r"cut.msg"):
        import_files(store, [cut])
    with store.session() as session:
        assert inbox.inbox(session, everything=True) == []


def test_outlooks_drag_descriptor_names_each_message():
    names = ["RE: Smart meter query.msg", "Café - opening.msg"]
    descriptor = descriptor_for(names)
    assert described_names(descriptor) == names
    assert described_names(descriptor[:-10]) == names[:1]  # cut short: what it holds
    assert described_names(b"") == []
