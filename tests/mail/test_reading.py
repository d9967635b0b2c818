"""Reading one e-mail for the inbox: whatever the message, what logging needs and nothing
more (never an attachment's contents), and never a crash."""

from __future__ import annotations

from datetime import UTC, datetime

from secdesk.mail.reading import read_message
from tests.mail.messages import message


def test_a_plain_message_gives_what_logging_needs():
    made = message(headers={"In-Reply-To": "<1@x>", "References": "<0@x> <1@x>"})
    read = read_message(made.as_bytes())
    assert (read.from_name, read.from_address) == ("Jo Bloggs", "jo.bloggs@albion.example")
    assert read.subject == "Where can I find the SEC?"
    assert read.message_id == made["Message-ID"]
    assert read.received_at == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert (read.in_reply_to, read.references) == ("<1@x>", "<0@x> <1@x>")
    assert read.body == "Hello,\n\nWhere is the latest SEC?\n\nJo"
    assert read.auto_reason is None


def test_the_servers_time_outranks_the_headers():
    arrived = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the night the clocks go back
    assert read_message(message().as_bytes(), received=arrived).received_at == arrived


def test_a_non_ascii_subject_and_sender_are_decoded():
    made = message(sender="Siân Ó Dónaill <sian@bramble.example>", subject="Ymholiad — SEC ✓")
    read = read_message(made.as_bytes())
    assert b"=?utf-8?" in made.as_bytes()  # RFC 2047 on the wire
    assert (read.from_name, read.subject) == ("Siân Ó Dónaill", "Ymholiad — SEC ✓")


PRICED = "Costs \u00a350 \u2013 \u201cquoted\u201d"  # a pound sign, an en dash, curly quotes


def test_a_cp1252_body_that_says_so_and_one_that_does_not():
    made = message(body="placeholder")
    made.set_content(PRICED, charset="cp1252", cte="quoted-printable")
    assert read_message(made.as_bytes()).body == PRICED
    unlabelled = (
        b"From: a@b.example\r\nSubject: x\r\nMessage-ID: <u@b>\r\n"
        b"Content-Type: text/plain\r\n\r\nCosts \xa350 \x96 \x93quoted\x94\r\n"
    )
    assert read_message(unlabelled).body == PRICED


def test_an_html_only_message_becomes_text():
    html = (
        "<html><head><style>p{}</style></head><body><p>Dear SECAS,</p>"
        "<p>Please <b>add</b> us.<br>Thanks</p></body></html>"
    )
    read = read_message(message(body="", html=html).as_bytes())
    assert read.body == "Dear SECAS,\n\nPlease add us.\nThanks"


def test_attachments_are_named_never_kept():
    made = message()
    made.add_attachment(b"x" * 5_000_000, maintype="application", subtype="pdf", filename="big.pdf")
    read = read_message(made.as_bytes())
    assert read.attachments == ("big.pdf",)
    assert len(read.body) < 100


def test_automatic_messages_are_recognised():
    cases = {
        "an automatic reply": {"Auto-Submitted": "auto-replied"},
        "bulk mail": {"Precedence": "bulk"},
        "a mailing list or newsletter": {"List-Unsubscribe": "<mailto:u@list.example>"},
    }
    for reason, headers in cases.items():
        assert read_message(message(headers=headers).as_bytes()).auto_reason == reason
    out_of_office = message(subject="Automatic reply: Where can I find the SEC?")
    assert read_message(out_of_office.as_bytes()).auto_reason == "an automatic reply"
    bounce = message(sender="Mail Delivery System <MAILER-DAEMON@mx.example>")
    assert read_message(bounce.as_bytes()).auto_reason == "a delivery failure (bounce)"
    assert read_message(message(headers={"Auto-Submitted": "no"}).as_bytes()).auto_reason is None


def test_a_malformed_message_is_read_as_far_as_it_can_be():
    broken = (
        b"From: =?utf-8?q?broken <not an address\r\nSubject: =?bogus-charset?q?hi?=\r\n"
        b'Date: yesterday-ish\r\nContent-Type: multipart/mixed; boundary="nope"\r\n\r\n'
        b"--nope\r\nContent-Type: text/plain; charset=klingon\r\n\r\nstill \xffreadable\r\n"
    )
    read = read_message(broken)
    assert read.message_id.endswith("@no-message-id.secdesk>")  # made from the content
    assert read_message(broken).message_id == read.message_id  # the same each time
    assert "readable" in read.body
    assert read.received_at.tzinfo is not None
    assert read_message(b"").subject == ""
