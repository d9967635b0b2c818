"""The Assessments screen with the keyboard: Ctrl+N books an assessment, typed field by
field, refused inside 12 weeks and saved at 84 days; the Due and overdue list shows what
is late first, in red, and the status bar counts it from any screen; Enter there opens
the assessment it follows from. The Party editor asks for a reason before recording a
UEP completion without an approved assessment."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from secdesk.domain import Assessment, PartyDccRole
from secdesk.services import assessments, security_profiles
from tests.gui.conftest import load
from tests.services.conftest import new_party

pytestmark = pytest.mark.gui


def test_an_assessment_is_booked_with_the_keyboard(qtbot, window, store):
    new_party(store, name="Albion Power plc", category="Small Supplier")
    page = window.go_to("assessments")
    load(qtbot, page)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    assert editor is not None
    qtbot.wait_until(lambda: not editor.loading, timeout=10_000)
    party = editor.bindings["party_id"].widget
    party.setFocus()
    qtbot.keyClicks(party, "Albion")
    for key, text in (
        ("application_received", "05/01/2026"),
        ("requested_for", "29/03/2026"),  # 83 days: refused, saying the earliest date
    ):
        editor.bindings[key].widget.setFocus()
        qtbot.keyClicks(editor.bindings[key].widget, text)
    editor.save()
    qtbot.wait_until(lambda: "30/03/2026" in editor.errors.get("requested_for", ""), timeout=10_000)
    requested = editor.bindings["requested_for"].widget
    requested.selectAll()
    qtbot.keyClicks(requested, "30/03/2026")
    with qtbot.wait_signal(editor.saved, timeout=10_000):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with store.session() as session:
        [booked] = session.scalars(select(Assessment)).all()
    assert booked.requested_for == date(2026, 3, 30) and booked.kind.short == "FUSA"


def test_the_due_list_shows_the_overdue_first_and_the_status_bar_counts_them(qtbot, window, store):
    party_id, _ = new_party(store, name="Bramble Energy Ltd", category="Small Supplier")
    today = date.today()
    with store.unit_of_work() as session:
        security_profiles.set_profile(
            session,
            party_id,
            {"shared_resource_provider": "Meter Hub Ltd", "srp_since": today - timedelta(days=200)},
        )
        fusa = assessments.create_assessment(
            session,
            {
                "party_id": party_id,
                "kind": "Verification User Security Assessment",
                "application_received": today - timedelta(days=400),
                "requested_for": today - timedelta(days=300),
                "fieldwork_end": today - timedelta(days=298),
                "outcome": "Approved, subject to",
                "outcome_on": today - timedelta(days=280),
                "remediation_due": today - timedelta(days=5),
            },
        )
    page = window.go_to("assessments")
    with qtbot.wait_signal(page.due_loaded, timeout=10_000):
        page.refresh()
    rows = [[page.due.item(r, c).text() for c in range(4)] for r in range(page.due.rowCount())]
    # Soonest first: the G5.27 return due six months after the SRP began, then the plan.
    assert rows[0][3] == "G5.27 return" and rows[0][1].startswith("overdue by")
    assert rows[1][1:] == ["overdue by 5 days", "Bramble Energy Ltd", "Remediation plan"]
    assert page.due.item(1, 1).foreground().color().name() == "#b00020"
    assert not rows[2][1].startswith("overdue")  # the next return, to come
    window.count_unsent()
    qtbot.wait_until(lambda: window.overdue_button.isVisible(), timeout=10_000)
    assert window.overdue_button.text().startswith("2 assessment obligations overdue")
    # Enter on the remediation plan opens the assessment it follows from.
    page.due.setFocus()
    page.due.selectRow(1)
    qtbot.keyClick(page.due, Qt.Key.Key_Return)
    assert page.editor is not None
    qtbot.wait_until(lambda: not page.editor.loading, timeout=10_000)
    assert page.editor.record_id == fusa.id
    page.editor.reject()


def test_the_party_editor_asks_why_before_recording_uep_without_an_assessment(
    qtbot, window, store, monkeypatch
):
    from secdesk.gui.kit import editor as editor_module
    from secdesk.gui.kit.editor import RecordEditor
    from secdesk.gui.screens.parties import PARTY_EDITOR

    party_id, _ = new_party(store, name="Cedar Energy Ltd", category="Small Supplier")
    asked: list[str] = []

    def answer(_parent, title, label, value=""):
        asked.append(label)
        return "The SSC agreed an exception on 01/06/2026"

    monkeypatch.setattr(editor_module, "ask_lines", answer)
    editor = RecordEditor(PARTY_EDITOR, store, party_id, window)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.wait_until(lambda: not editor.loading, timeout=10_000)
    editor.bindings["dcc_roles"].widget.set_value([("IS", "01/06/2026")])
    with qtbot.wait_signal(editor.saved, timeout=10_000):
        editor.save()
    assert "no Full User Security Assessment" in asked[0]
    with store.session() as session:
        role = session.scalar(select(PartyDccRole).where(PartyDccRole.party_id == party_id))
    assert role.gate_reason == "The SSC agreed an exception on 01/06/2026"
