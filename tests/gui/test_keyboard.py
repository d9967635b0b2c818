"""One keyboard model across the window: the same type-ahead in every Party picker, Down
from a search box into its list, Tab from the last field to Save, a mnemonic on every
button, required fields and the reason Save waits shown, problems marked on the editor's
tabs, and Help → Keyboard shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QTabWidget

from secdesk.gui.kit.editor_guide import label_of, last_stop
from secdesk.gui.screen_list import SCREENS
from tests.gui.conftest import load, open_editor, party_id

pytestmark = pytest.mark.gui


def _tab_out_of(qtbot, box: QComboBox, typed: str) -> None:
    box.window().activateWindow()
    box.setFocus()
    box.lineEdit().clear()
    qtbot.keyClicks(QApplication.focusWidget(), typed)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


@pytest.mark.parametrize(
    ("screen", "field"),
    [("contacts", "party_id"), ("helpdesk", "party_id"), ("allocations", "organisation_id")],
)
def test_every_party_picker_takes_a_single_match_on_tab(qtbot, window, register, screen, field):
    view = window.go_to(screen)
    load(qtbot, view)
    editor = open_editor(qtbot, view)
    box = editor.bindings[field].widget
    assert isinstance(box, QComboBox)
    qtbot.wait_until(lambda: box.count() >= 2, timeout=10_000)  # current Parties
    _tab_out_of(qtbot, box, "bramble")  # part of one name, any case
    assert box.currentText() == box.itemText(box.currentIndex())
    assert box.currentText().startswith("Bramble Energy Ltd")
    editor.done(0)


def test_the_change_request_intake_takes_a_single_match_on_tab(qtbot, window, register):
    page = window.go_to("changes")
    page.new_record()
    intake = page.intake
    qtbot.wait_until(lambda: intake.party_box.count() == 3, timeout=10_000)
    _tab_out_of(qtbot, intake.party_box, "bramble")
    assert intake.party_id() == party_id(window.store, "Bramble Energy Ltd")
    assert intake.party_box.currentText().startswith("Bramble Energy Ltd")
    intake.done(0)


def test_down_from_the_search_box_goes_to_the_first_row(qtbot, window, register):
    view = window.parties
    load(qtbot, view)
    view.table.clearSelection()
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.table
    assert view.selected() is not None and view.table.currentIndex().row() == 0


def test_tab_from_the_last_field_lands_on_save(qtbot, window, register):
    view = window.parties
    load(qtbot, view)
    editor = open_editor(qtbot, view, party_id(window.store, "Bramble Energy Ltd"))
    editor.bindings["company_number"].widget.setText("SC123456")  # Save is available
    last = last_stop(list(editor.bindings.values())[-1].widget)  # the MPID list's last button
    last.setFocus()
    assert editor.focusNextChild()
    now = QApplication.focusWidget()
    assert now is editor.save_button, (type(last).__name__, last.objectName(), now)
    editor.done(0)


def test_required_fields_and_why_save_waits_are_shown(qtbot, window, register):
    view = window.parties
    load(qtbot, view)
    editor = open_editor(qtbot, view, party_id(window.store, "Bramble Energy Ltd"))
    name_label = label_of(editor.bindings["name"].widget)
    assert name_label is not None
    assert name_label.text().endswith(" *")
    assert editor.reason.text() == "Nothing has changed yet."
    vat = editor.bindings["vat_number"].widget
    vat.setText("GB 123")
    assert editor.reason.text().startswith("Correct this field: VAT number")
    # The tab that holds the problem says so, in colour and in its tooltip.
    tabs = editor.form.findChild(QTabWidget)
    index = next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(vat))
    assert tabs.tabBar().tabTextColor(index).name() == "#a4262c"
    assert "VAT number" in tabs.tabToolTip(index)
    vat.setText("")
    assert tabs.tabToolTip(index) == ""
    editor.done(0)


def test_every_button_has_a_mnemonic(qtbot, window, register):
    for screen in SCREENS:
        if window.navigation.item(SCREENS.index(screen)).isHidden():
            continue
        page = window.go_to(screen.key)
        for button in page.findChildren(QAbstractButton):
            text = button.text()
            if text and button.isVisibleTo(page) and not button.isCheckable():
                assert "&" in text, f"{screen.title}: the button {text!r} has no mnemonic"


def test_help_lists_the_keyboard_shortcuts(qtbot, window):
    window.keys()
    table = window.keyboard_help.table
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["Log an enquiry"] == "Ctrl+Shift+N"
    assert "Down or Enter, in a search box" in rows.values()
    window.keyboard_help.done(0)
