"""The Change Requests screen (review and approve with the keyboard, a conflict on action,
notifications), the intake form, membership events from the Parties screen, and the
Audit trail screen with restore."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from secdesk.domain import ChangeDecision, ChangeRequestStatus, Party, PartyStatus
from secdesk.services import change_requests as cr
from secdesk.services import change_review, parties
from tests.gui.conftest import load, party_id

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def quiet(monkeypatch):
    """Message boxes answer at once (and say what they would have shown)."""
    said: list[str] = []

    def box(answer):
        return lambda _parent, title, text, *a, **k: (said.append(f"{title}: {text}"), answer)[1]

    monkeypatch.setattr(QMessageBox, "information", box(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", box(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", box(QMessageBox.StandardButton.Yes))
    return said


def new_request(store, name, changes, **over):
    with store.unit_of_work() as session:
        request = cr.record_request(
            session,
            {
                "party_id": party_id(store, name),
                "received_on": date(2026, 11, 2),
                "requester_name": "Jo Bloggs",
                "requester_email": "jo@albion.example",
                "notify_dcc": True,
            }
            | over,
            changes,
        )
        return request.id


def open_page(qtbot, window):
    page = window.go_to("changes")
    qtbot.wait_until(lambda: page.review is not None, timeout=10_000)
    return page


def decisions(store, request_id):
    with store.session() as session:
        return {line.key: line.decision for line in change_review.review(session, request_id).lines}


def test_review_and_approve_with_the_keyboard(qtbot, window, register, store, quiet, monkeypatch):
    request_id = new_request(
        store,
        "Albion Power plc",
        {"notices_email": "notices@albion.example", "invoice_email": "ap@albion.example"},
    )
    page = open_page(qtbot, window)
    assert page.review.request_id == request_id
    assert page.line_table.rowCount() == 2
    assert page.line_table.item(0, 2).font().bold()  # differs from the current (blank) value
    page.line_table.setFocus()
    page.line_table.selectRow(0)
    with qtbot.wait_signal(page.reviewed, timeout=10_000):
        qtbot.keyClick(page.line_table, Qt.Key.Key_A)
    monkeypatch.setattr(type(page), "ask_reason", staticmethod(lambda _p, _label: "No proof"))
    qtbot.wait_until(lambda: page.line_table.currentRow() == 1, timeout=5_000)
    with qtbot.wait_signal(page.reviewed, timeout=10_000):
        qtbot.keyClick(page.line_table, Qt.Key.Key_R)
    assert decisions(store, request_id) == {
        "notices_email": ChangeDecision.APPROVED,
        "invoice_email": ChangeDecision.REJECTED,
    }
    with qtbot.wait_signal(page.actioned, timeout=10_000) as done:
        qtbot.keyClick(page.line_table, Qt.Key.Key_Return, CTRL)
    assert done.args[0].status is ChangeRequestStatus.ACTIONED
    with store.session() as session:
        albion = session.get(Party, party_id(store, "Albion Power plc"))
        assert albion.notices_email == "notices@albion.example" and albion.invoice_email is None
    qtbot.wait_until(lambda: len(page.notices.unsent) == 1, timeout=10_000)
    assert page.notices.title() == "Unsent notifications (1)"
    assert page.notices.unsent[0].changes == (("Notices e-mail", "", "notices@albion.example"),)


def test_a_change_meanwhile_is_shown_and_nothing_applied(qtbot, window, register, store, quiet):
    request_id = new_request(store, "Albion Power plc", {"notices_email": "n@albion.example"})
    with store.unit_of_work() as session:
        review = change_review.review(session, request_id)
        cr.decide(session, request_id, review.lines[0].item_id, "Approved", None, review.version)
    page = open_page(qtbot, window)
    with store.unit_of_work() as session:  # a colleague edits the Party after the review
        albion = session.get(Party, party_id(store, "Albion Power plc"))
        parties.update_party(
            session, albion.id, {"invoice_email": "x@albion.example"}, albion.version
        )
    with qtbot.wait_signal(page.reviewed, timeout=10_000):
        page.action_request()
    assert any(s.startswith("Changed meanwhile") for s in quiet)
    with store.session() as session:
        assert session.get(Party, party_id(store, "Albion Power plc")).notices_email is None
        assert change_review.review(session, request_id).status is ChangeRequestStatus.OPEN
    with qtbot.wait_signal(page.actioned, timeout=10_000):  # with the fresh review it goes
        page.action_request()


def test_notifications_save_copy_and_mark_sent(qtbot, window, register, store, quiet, tmp_path):
    request_id = new_request(
        store, "Albion Power plc", {"notices_email": "n@albion.example"}, notify_alt_han=True
    )
    with store.unit_of_work() as session:
        review = change_review.review(session, request_id)
        cr.decide(session, request_id, review.lines[0].item_id, "Approved", None, review.version)
        review = change_review.review(session, request_id)
        cr.action_request(session, request_id, review.version, review.seen)
    window.count_unsent()  # the status bar tells, whichever screen is on
    qtbot.wait_until(lambda: window.unsent_button.text().startswith("2 notifications"))
    assert not window.unsent_button.isHidden()
    page = window.go_to("changes")
    qtbot.wait_until(lambda: len(page.notices.unsent) == 2, timeout=10_000)
    page.notices.copy_email_text()
    text = QApplication.clipboard().text()
    assert "To: DCC" in text and "To: Alt HAN Co" in text
    assert "Notices e-mail: (blank) -> n@albion.example" in text
    page.notices.save_workbook(tmp_path / "notes.xlsx")
    sheet = load_workbook(tmp_path / "notes.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Recipient", "SEC Party", "Change request", "Actioned", "Field")
    assert [(r[0], r[4], r[5], r[6]) for r in rows[1:]] == [
        ("DCC", "Notices e-mail", None, "n@albion.example"),
        ("Alt HAN Co", "Notices e-mail", None, "n@albion.example"),
    ]
    page.notices.table.selectRow(0)
    page.notices.mark_sent()
    qtbot.wait_until(lambda: len(page.notices.unsent) == 1, timeout=10_000)
    assert [n.recipient.value for n in page.notices.unsent] == ["Alt HAN Co"]
    qtbot.wait_until(lambda: window.unsent_button.text().startswith("1 notification to send"))


def test_record_a_request_in_the_intake_form(qtbot, window, register, store, quiet):
    page = window.go_to("changes")
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, CTRL)
    intake = page.intake
    qtbot.wait_until(lambda: intake.party_box.count() == 3, timeout=10_000)
    cedar = party_id(store, "Cedar Metering Ltd")
    with qtbot.wait_signal(intake.fields_loaded, timeout=10_000):
        intake.choose_party(cedar)
    assert not intake.notify_alt_han.isEnabled()  # not a Supplier Party
    qtbot.keyClicks(intake.requester, "Jo Bloggs")
    qtbot.keyClicks(intake.email, "jo@cedar.example")
    field = intake.changes.cellWidget(0, 0)
    field.setCurrentIndex(field.findData("registered_postcode"))
    qtbot.keyClicks(intake.changes.cellWidget(0, 1), "nowhere")
    assert "postcode" in intake.changes.cellWidget(0, 2).text().lower()  # checked as typed
    with qtbot.wait_signal(page.reviewed, timeout=10_000):
        intake.record()
    [line] = page.review.lines
    assert line.problem and line.requested == "nowhere"
    assert page.review.party_name == "Cedar Metering Ltd"


def test_membership_event_from_the_parties_screen(qtbot, window, register, store):
    view = window.parties
    load(qtbot, view)
    bramble = party_id(store, "Bramble Energy Ltd")
    view.table.selectRow(view.model.find(bramble))
    qtbot.keyClick(view.table, Qt.Key.Key_M, CTRL)
    dialog = view.event_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findText("Withdrawal"))
    dialog.record()  # without a reason: refused, named
    qtbot.wait_until(lambda: "Reason" in dialog.error.text(), timeout=10_000)
    qtbot.keyClicks(dialog.reason, "Ceased trading")
    with qtbot.wait_signal(view.loaded, timeout=10_000):
        dialog.record()
    row = view.model.row(view.model.find(bramble))
    assert row.status is PartyStatus.WITHDRAWN


def test_audit_trail_filters_and_restores(qtbot, window, register, store, quiet):
    albion = party_id(store, "Albion Power plc")
    with store.unit_of_work() as session:
        party = session.get(Party, albion)
        parties.update_party(
            session, albion, {"invoice_email": "one@albion.example"}, party.version
        )
    with store.unit_of_work() as session:
        party = session.get(Party, albion)
        parties.update_party(
            session, albion, {"invoice_email": "two@albion.example"}, party.version
        )
    audit = window.go_to("audit")
    qtbot.wait_until(lambda: audit.filter_boxes["table"].findData("party") >= 0, timeout=10_000)
    load(
        qtbot,
        audit,
        lambda: audit.filter_boxes["table"].setCurrentIndex(
            audit.filter_boxes["table"].findData("party")
        ),
    )
    load(qtbot, audit, lambda: audit.search.setText(str(albion)))
    rows = [audit.model.row(i) for i in range(audit.model.rowCount())]
    assert rows and all(r.owner_id == albion for r in rows)
    newest = next(i for i, r in enumerate(rows) if r.field == "Invoice e-mail")
    assert rows[newest].new == "two@albion.example"
    audit.table.selectRow(newest)
    assert audit.open_button.isEnabled()
    window.activateWindow()
    audit.table.setFocus()
    with qtbot.wait_signal(audit.loaded, timeout=10_000):
        qtbot.keyClick(audit.table, Qt.Key.Key_Return)  # Enter restores, after asking
    with store.session() as session:
        assert session.get(Party, albion).invoice_email == "one@albion.example"
    top = audit.model.row(0)
    assert (top.field, top.old, top.new) == (
        "Invoice e-mail",
        "two@albion.example",
        "one@albion.example",
    )
    assert any(s.startswith("Restore old value") for s in quiet)
