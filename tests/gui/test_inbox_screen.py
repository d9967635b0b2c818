"""The Inbox with the keyboard alone: Enter logs the message with its suggestions and goes
on to the next, Delete sets one aside, Ctrl+Enter opens the form filled from the message."""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from secdesk.demo.email_text import email_text
from secdesk.demo.enquiries import load_enquiries
from secdesk.domain import Enquiry, MailMessage, MailState
from secdesk.mail.reading import read_message
from secdesk.services import inbox
from tests.gui.conftest import load
from tests.mail.messages import message

pytestmark = pytest.mark.gui


@pytest.fixture
def waiting(store):
    """A store with a log to learn categories from, and four e-mails in the inbox."""
    load_enquiries(store, 600, today=date(2026, 11, 30))
    rng = random.Random(4)
    made = []
    for n, category in enumerate(
        ["Modifications", "User CIO Assessments", "Contact Info", "Training Days/Seminars"]
    ):
        subject, body = email_text(category, rng, "Sam Jones")
        made.append(read_message(message(subject=f"{subject} ({n})", body=body).as_bytes()))
    with store.unit_of_work() as session:
        inbox.store_messages(session, made, "test")
    inbox._SUGGESTER.clear()
    return store


def _states(store):
    with store.session() as session:
        return [m.state for m in session.scalars(select(MailMessage).order_by(MailMessage.id))]


def test_a_morning_of_email_logged_with_the_keyboard(qtbot, window, waiting):
    page = window.go_to("inbox")
    load(qtbot, page)
    assert page.selected()[0].subject.endswith("(0)")  # the oldest, ready
    assert page.selected()[0].categories[0].name == "Modifications"
    page.table.setFocus()
    keys = 0
    with qtbot.wait_signal(page.logged, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        keys += 1
    qtbot.wait_until(lambda: page.selected() and page.selected()[0].subject.endswith("(1)"))
    with qtbot.wait_signal(page.logged, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        keys += 1
    qtbot.wait_until(lambda: page.selected() and page.selected()[0].subject.endswith("(2)"))
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # not an enquiry
        keys += 1
    assert _states(waiting) == [
        MailState.LOGGED,
        MailState.LOGGED,
        MailState.NOT_AN_ENQUIRY,
        MailState.NEW,
    ]
    assert keys == 3  # one keystroke a message
    with waiting.session() as session:
        logged = session.scalars(select(Enquiry).order_by(Enquiry.id.desc()).limit(2)).all()
        assert sorted(e.category.name for e in logged) == ["Modifications", "User CIO Assessments"]


def test_ctrl_enter_opens_the_form_filled_from_the_email(qtbot, window, waiting):
    page = window.go_to("inbox")
    load(qtbot, page)
    qtbot.wait_until(lambda: bool(page.selected()), timeout=3_000)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    assert editor is not None, ([r.message.state for r in page.selected()], page.may_log)
    qtbot.wait_until(lambda: not editor.loading, timeout=10_000)
    assert editor.bindings["subject"].raw().endswith("(0)")
    assert editor.bindings["enquirer_name"].raw() == "Jo Bloggs"
    editor.bindings["subject"].widget.setText("Modification MP123: timetable")
    with qtbot.wait_signal(page.logged, timeout=10_000):
        editor.save()
    assert _states(waiting)[0] is MailState.LOGGED
    with waiting.session() as session:
        newest = session.scalars(select(Enquiry).order_by(Enquiry.id.desc())).first()
        assert newest.subject == "Modification MP123: timetable"
