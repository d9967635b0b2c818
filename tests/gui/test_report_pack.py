"""Reports → Operations Report pack…: the pack's pages shown before saving, the workbook
and PDF saved; Panel meetings… keeps the dates it counts since; the Party editor records
SREPT and UEPT completions."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from secdesk.domain import DccUserRole, EntryTest, PanelMeeting
from secdesk.domain import TestingCompletion as Completion
from secdesk.months import Month
from secdesk.services import panel_meetings, parties
from tests.services.conftest import new_party

pytestmark = pytest.mark.gui


def test_the_pack_is_shown_as_pages_then_saved(qtbot, window, store, tmp_path):
    from secdesk.gui.screens.report_pack import PackDialog

    party_id, version = new_party(store, name="Spark Energy Supply Ltd", category="Small Supplier")
    with store.unit_of_work() as session:
        parties.update_party(session, party_id, {"dcc_roles": {"IS": "23/02/2018"}}, version)
        panel_meetings.add_meeting(session, "09/02/2018")
    reports = window.go_to("reports")
    dialog = PackDialog(store, reports, Month(2018, 2))
    qtbot.addWidget(dialog)
    with qtbot.wait_signal(dialog.shown, timeout=20_000) as shown:
        dialog.show()
    assert shown.args[0] == 5  # a page a section
    assert "10/02/2018" in dialog.status.text()
    with qtbot.wait_signal(dialog.saved, timeout=20_000):
        dialog.save_to(tmp_path / "pack")
    book = load_workbook(tmp_path / "pack.xlsx")
    uep = [[c.value for c in row] for row in book["1.2 UEP completion"].iter_rows()]
    assert ["Spark Energy Supply Ltd", "Small Supplier", "Import Supplier"] in [r[:3] for r in uep]
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")
    # With no meeting before the month, it says what to do instead of showing pages.
    with qtbot.wait_signal(dialog.shown, timeout=20_000) as shown:
        dialog.choose_month(Month(2018, 1))
    assert shown.args[0] == 0 and "secdesk panel add" in dialog.status.text()
    dialog.since_edit.setDate(date(2018, 1, 1))
    with qtbot.wait_signal(dialog.shown, timeout=20_000) as shown:
        dialog.since_own.setChecked(True)
    assert shown.args[0] == 5


def test_panel_meetings_are_kept_in_the_window(qtbot, window, store):
    from secdesk.gui.screens.panel_meetings import PanelMeetingsDialog

    dialog = PanelMeetingsDialog(store, window)
    qtbot.addWidget(dialog)
    dialog.date_edit.setDate(date(2018, 2, 9))
    dialog.add()
    qtbot.wait_until(lambda: dialog.list.count() == 1, timeout=5_000)
    assert dialog.list.item(0).text() == "09/02/2018"
    with store.session() as session:
        assert session.scalars(select(PanelMeeting.held_on)).all() == [date(2018, 2, 9)]


def test_the_party_editor_records_testing_completions(qtbot, window, store):
    from secdesk.gui.kit.editor import RecordEditor
    from secdesk.gui.screens.parties import PARTY_EDITOR

    party_id, _ = new_party(store, name="Affect Energy Ltd", category="Small Supplier")
    editor = RecordEditor(PARTY_EDITOR, store, party_id, window)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.wait_until(lambda: not editor.loading, timeout=10_000)
    testing = editor.bindings["testing"].widget
    testing.set_value(
        [
            (EntryTest.SREPT, None, "15/02/2018"),
            (EntryTest.UEPT, DccUserRole.IMPORT_SUPPLIER, "20/02/2018"),
        ]
    )
    with qtbot.wait_signal(editor.saved, timeout=10_000):
        editor.save()
    with store.session() as session:
        found = session.execute(
            select(Completion.test, Completion.role, Completion.completed_on)
            .where(Completion.party_id == party_id)
            .order_by(Completion.completed_on)
        ).all()
    assert [tuple(row) for row in found] == [
        (EntryTest.SREPT, None, date(2018, 2, 15)),
        (EntryTest.UEPT, DccUserRole.IMPORT_SUPPLIER, date(2018, 2, 20)),
    ]
