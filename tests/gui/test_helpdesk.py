"""The Helpdesk screen: quick log with the keyboard only, the lazy list, filters and
search, changing several enquiries at once, categories; and the Reports screen."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from secdesk.demo.enquiries import load_enquiries
from secdesk.domain import Channel, Enquiry, EnquiryStatus
from secdesk.months import Month
from secdesk.services import enquiries
from tests.gui.conftest import choose, load

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def type_and_tab(qtbot, text):
    if text:
        qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def test_log_two_enquiries_with_the_keyboard_only(qtbot, window, register):
    # From another screen: Ctrl+Shift+N opens the quick-log form.
    window.activateWindow()
    qtbot.keyClick(window.parties.table, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    helpdesk = window.page("helpdesk")
    qtbot.wait_until(lambda: helpdesk.editor is not None, timeout=5_000)
    form = helpdesk.editor
    qtbot.wait_until(lambda: not form._loading and focused() is not None, timeout=10_000)
    assert focused() is form.bindings["category_id"].widget
    type_and_tab(qtbot, "general q")  # category by type-ahead
    type_and_tab(qtbot, "ALBP")  # Party by its MPID
    type_and_tab(qtbot, "Jo Bloggs")
    type_and_tab(qtbot, "jo@albion.example")
    type_and_tab(qtbot, "")  # no phone
    type_and_tab(qtbot, "Where is the SEC?")
    type_and_tab(qtbot, "Sent the link.")
    assert focused() is form.bindings["status"].widget
    assert form.next_button.isEnabled(), form.errors
    with qtbot.wait_signal(form.saved, timeout=10_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    # Saved and cleared for the next one, with the defaults again.
    qtbot.wait_until(lambda: not form._loading, timeout=10_000)
    assert form.isVisible() and focused() is form.bindings["category_id"].widget
    assert form.bindings["subject"].raw() == ""
    assert form.bindings["channel"].raw() == Channel.EMAIL
    type_and_tab(qtbot, "Modifications")
    type_and_tab(qtbot, "")
    type_and_tab(qtbot, "")
    type_and_tab(qtbot, "")
    type_and_tab(qtbot, "")
    type_and_tab(qtbot, "Raising a modification")
    with qtbot.wait_signal(form.saved, timeout=10_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.wait_until(lambda: not form._loading, timeout=10_000)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not form.isVisible()
    with window.store.session() as session:
        logged = session.scalars(select(Enquiry).order_by(Enquiry.id)).all()
        assert [(e.category.name, e.subject) for e in logged] == [
            ("General Queries", "Where is the SEC?"),
            ("Modifications", "Raising a modification"),
        ]
        first = logged[0]
        assert first.party.name == "Albion Power plc"
        assert first.enquirer_email == "jo@albion.example"
        assert first.notes == "Sent the link."
        assert (first.channel, first.status, first.assigned_to) == (
            Channel.EMAIL,
            EnquiryStatus.OPEN,
            "tester",
        )


def test_a_category_that_matches_nothing_blocks_save(qtbot, window, register):
    helpdesk = window.go_to("helpdesk")
    helpdesk.new_record()
    form = helpdesk.editor
    qtbot.wait_until(lambda: not form._loading, timeout=10_000)
    form.bindings["category_id"].widget.setEditText("Gossip")
    form.bindings["subject"].widget.setText("Hello")
    assert "nothing in the list matches 'Gossip'" in form.bindings["category_id"].error_label.text()
    assert not form.save_button.isEnabled()
    form.done(0)


@pytest.fixture
def log(store, register):
    load_enquiries(store, 450, seed=3, today=date(2024, 6, 15))


def ids_shown(view):
    return [view.model.row(i).id for i in range(view.model.rowCount())]


def test_the_list_reads_a_page_at_a_time(qtbot, window, log):
    helpdesk = window.go_to("helpdesk")
    assert load(qtbot, helpdesk) == 200
    assert helpdesk.model.canFetchMore()
    qtbot.wait_until(lambda: helpdesk.count.text() == "450 enquiries", timeout=10_000)
    while helpdesk.model.canFetchMore():
        before = helpdesk.model.rowCount()
        helpdesk.model.fetchMore()
        qtbot.wait_until(lambda b=before: helpdesk.model.rowCount() > b, timeout=10_000)
    shown = ids_shown(helpdesk)
    assert len(shown) == len(set(shown)) == 450


def test_filters_and_search_narrow_the_list(qtbot, window, log):
    helpdesk = window.go_to("helpdesk")
    load(qtbot, helpdesk)
    choose(qtbot, helpdesk, "month", "March 2024")
    choose(qtbot, helpdesk, "channel", "Telephone")
    month = Month(2024, 3)
    with window.store.session() as session:
        expected = set(
            session.scalars(
                select(Enquiry.id).where(
                    Enquiry.received_at >= month.start,
                    Enquiry.received_at < month.end,
                    Enquiry.channel == Channel.TELEPHONE,
                )
            )
        )
    assert set(ids_shown(helpdesk)) == expected
    choose(qtbot, helpdesk, "channel", "Any channel")
    choose(qtbot, helpdesk, "month", "Any month")
    load(qtbot, helpdesk, lambda: helpdesk.search.setText("FUSA"))
    with window.store.session() as session:
        expected = set(session.scalars(select(Enquiry.id).where(Enquiry.subject.ilike("%fusa%"))))
    assert expected and set(ids_shown(helpdesk)) == expected


def test_change_and_resolve_several_at_once(qtbot, window, log):
    helpdesk = window.go_to("helpdesk")
    load(qtbot, helpdesk)
    choose(qtbot, helpdesk, "status", "Not resolved")
    assert helpdesk.model.rowCount() >= 2
    helpdesk.table.setFocus()
    helpdesk.table.selectRow(0)
    helpdesk.table.selectionModel().select(
        helpdesk.model.index(1, 0),
        helpdesk.table.selectionModel().SelectionFlag.Select
        | helpdesk.table.selectionModel().SelectionFlag.Rows,
    )
    chosen = helpdesk.chosen_ids()
    assert len(chosen) == 2
    with qtbot.wait_signal(helpdesk.loaded, timeout=10_000):
        qtbot.keyClick(helpdesk.table, Qt.Key.Key_R, CTRL)
    assert not set(chosen) & set(ids_shown(helpdesk))  # resolved: gone from "not resolved"
    with window.store.session() as session:
        assert {session.get(Enquiry, i).status for i in chosen} == {EnquiryStatus.RESOLVED}
    assert window.statusBar().currentMessage() == "Status changed on 2 enquiries"


def test_a_bulk_change_keeps_the_enquiries_selected(qtbot, window, log, monkeypatch):
    helpdesk = window.go_to("helpdesk")
    load(qtbot, helpdesk)
    helpdesk.table.selectRow(0)
    helpdesk.table.selectionModel().select(
        helpdesk.model.index(2, 0),
        helpdesk.table.selectionModel().SelectionFlag.Select
        | helpdesk.table.selectionModel().SelectionFlag.Rows,
    )
    chosen = helpdesk.chosen_ids()
    monkeypatch.setattr(
        "secdesk.gui.screens.helpdesk.QInputDialog.getItem", lambda *args: ("Alex Smith", True)
    )
    with qtbot.wait_signal(helpdesk.loaded, timeout=10_000):
        helpdesk.change_selected("assigned_to")
    qtbot.wait_until(lambda: sorted(helpdesk.chosen_ids()) == sorted(chosen), timeout=10_000)
    assert window.statusBar().currentMessage() == "Assigned to changed on 2 enquiries"


def test_categories_can_be_added_and_retired(qtbot, window, register, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    helpdesk = window.go_to("helpdesk")
    load(qtbot, helpdesk)
    helpdesk.edit_categories()
    dialog = helpdesk.categories_dialog
    qtbot.wait_until(lambda: dialog.list.count() == 11, timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Smart Meter Queries", True))
    with qtbot.wait_signal(dialog.loaded, timeout=10_000):
        dialog.add()
    assert dialog.list.item(11).text() == "Smart Meter Queries"
    assert dialog.list.currentRow() == 11
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.wait_signal(dialog.loaded, timeout=10_000):
        dialog.retire()
    assert dialog.list.item(11).text() == "Smart Meter Queries (retired)"
    assert not dialog.retire_button.isEnabled()
    with window.store.session() as session:
        assert "Smart Meter Queries" not in [c.name for c in enquiries.list_categories(session)]
    dialog.done(0)


def test_reports_screen_shows_the_table_and_saves_the_workbook(qtbot, window, log, tmp_path):
    reports = window.go_to("reports")
    with qtbot.wait_signal(reports.loaded, timeout=10_000):
        reports.choose("helpdesk", Month(2024, 5))
    assert reports.table.horizontalHeaderItem(12).text() == "May-24"
    assert reports.table.item(11, 0).text() == "Total"
    assert reports.chart.series()[0].count() == 11  # one bar set per category
    with qtbot.wait_signal(reports.saved, timeout=10_000):
        reports.save_to(tmp_path / "helpdesk")
    sheet = load_workbook(tmp_path / "helpdesk.xlsx").worksheets[0]
    assert sheet["M1"].value == "May-24"
    assert sheet["M13"].value == int(reports.table.item(11, 12).text())
    with qtbot.wait_signal(reports.loaded, timeout=10_000):
        reports.choose("uep")
    assert reports.since_edit.isVisible() and reports.chart_view.isHidden()
