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
from secdesk.services import enquiries, inbox
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


def test_a_reply_is_shown_under_its_enquiry_and_enter_logs_it_there(qtbot, window, waiting):
    with waiting.unit_of_work() as session:
        first = inbox.inbox(session)[0]
        other = enquiries.category_by_name(session, "Other")
        [enquiry_id] = inbox.log_messages(session, [first.id], category_id=other.id)
        reply = message(
            subject=f"RE: {first.subject}",
            body="Thank you — one more question.",
            headers={"In-Reply-To": first.message_id, "References": first.message_id},
        )
        inbox.store_messages(session, [read_message(reply.as_bytes())], "test")
    page = window.go_to("inbox")
    load(qtbot, page)
    row = next(r for r in page.rows if r.subject.startswith("RE:"))
    column = [c.header for c in page.model.columns].index("Category")
    shown = page.model.index(page.model.find(row.id), column).data()
    assert shown == f"Reply to enquiry {enquiry_id}"
    page._choose([row.id])
    page.table.setFocus()
    with qtbot.wait_signal(page.logged, timeout=10_000) as logged:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert logged.args == [[enquiry_id]]
    with waiting.session() as session:
        enquiry = session.get(Enquiry, enquiry_id)
        assert "one more question" in (enquiry.notes or "")


def test_a_message_dragged_out_of_outlook_goes_into_the_inbox(qtbot, window, waiting):
    from PySide6.QtCore import QMimeData

    from secdesk.gui.kit.mail_drop import mail_in
    from secdesk.mail.outlook_drag import CONTENTS_FORMAT, DESCRIPTOR_FORMAT, descriptor_for
    from tests.mail.outlook_messages import outlook_message

    page = window.go_to("inbox")
    load(qtbot, page)
    # What Outlook hands Windows for two selected messages (Qt gives the first's bytes).
    mime = QMimeData()
    mime.setData(DESCRIPTOR_FORMAT, descriptor_for(["Meter query.msg", "Second.msg"]))
    mime.setData(CONTENTS_FORMAT, outlook_message(subject="Meter query from Outlook"))
    dropped = mail_in(mime)
    assert dropped is not None and dropped.left_in_outlook == ["Second.msg"]
    text_only = QMimeData()
    text_only.setText("not an e-mail")
    assert mail_in(text_only) is None
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.import_mail(dropped)
    assert any(r.subject == "Meter query from Outlook" for r in page.rows)
    assert "drag the other 1 one at a time" in page.status.text()


def test_the_mailboxes_dialog_keeps_the_retention_period(qtbot, window, waiting):
    from secdesk.gui.screens.mailboxes import MailboxesDialog
    from secdesk.services import store_settings

    page = window.go_to("inbox")
    dialog = MailboxesDialog(waiting, page)
    qtbot.addWidget(dialog)
    qtbot.wait_until(lambda: dialog.retention.value() == 90, timeout=5_000)
    assert dialog.table.rowCount() == 0 and not dialog.sign_in_button.isEnabled()
    dialog.retention.setValue(30)
    dialog.keep_for()

    def kept() -> bool:
        with waiting.session() as session:
            return store_settings.get(session, store_settings.MAIL_RETENTION_DAYS) == 30

    qtbot.wait_until(kept, timeout=5_000)
