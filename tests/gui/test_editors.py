"""The record editors: keyboard-only creation, validation as the user types, duplicates,
Esc, and history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from secdesk.services import allocations, contacts, parties
from tests.gui.conftest import load, open_editor, party_id

pytestmark = pytest.mark.gui


def focused():
    return QApplication.focusWidget()


def test_create_a_party_with_the_keyboard_only(qtbot, window, register):
    load(qtbot, window.parties)
    window.activateWindow()
    qtbot.keyClick(window.parties.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait_until(lambda: window.parties.editor is not None, timeout=5_000)
    editor = window.parties.editor
    qtbot.wait_until(lambda: not editor._loading and focused() is not None, timeout=10_000)
    assert focused() is editor.bindings["name"].widget
    qtbot.keyClicks(focused(), "Dovetail Energy Ltd")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is editor.bindings["category"].widget
    qtbot.keyClicks(focused(), "Small")  # type-ahead in the drop-down
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "SC123456")  # company number
    assert editor.save_button.isEnabled()
    with qtbot.wait_signal(window.parties.loaded, timeout=10_000):
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    with window.store.session() as session:
        [created] = parties.list_parties(session, search="Dovetail")
    assert (created.category.value, created.company_number) == ("Small Supplier", "SC123456")
    # The new party is selected in the list.
    assert window.parties.selected().name == "Dovetail Energy Ltd"


PARTY_RULES = [
    ("vat_number", "GB 123", "VAT number"),
    ("company_number", "12-34-ABC", "Companies House"),
    ("registered_postcode", "LS1", "postcode"),
    ("invoice_email", "accounts.example.com", "e-mail"),
]


@pytest.mark.parametrize(("key", "bad", "words"), PARTY_RULES)
def test_each_party_rule_shows_its_message_and_blocks_save(
    qtbot, window, register, key, bad, words
):
    load(qtbot, window.parties)
    editor = open_editor(qtbot, window.parties, party_id(window.store, "Bramble Energy Ltd"))
    assert not editor.save_button.isEnabled()  # nothing changed yet
    widget = editor.bindings[key].widget
    widget.setText(bad)
    label = editor.bindings[key].error_label
    assert words.lower() in label.text().lower() or bad.lower() in label.text().lower()
    assert not label.isHidden()
    assert not editor.save_button.isEnabled()
    widget.setText("")  # optional: blank is fine again
    assert label.isHidden()
    assert key not in editor.errors


def test_a_bad_mpid_in_the_list_blocks_save(qtbot, window, register):
    load(qtbot, window.parties)
    editor = open_editor(qtbot, window.parties, party_id(window.store, "Albion Power plc"))
    mpids = editor.bindings["mpids"].widget
    mpids.add_row(("TOOLONG",))
    assert "TOOLONG" in editor.bindings["mpids"].error_label.text()
    assert not editor.save_button.isEnabled()
    mpids.remove_selected()
    assert "mpids" not in editor.errors
    assert not editor.save_button.isEnabled()  # back to what was loaded: nothing to save


def test_contact_rules_email_and_phone(qtbot, window, register):
    view = window.go_to("contacts")
    load(qtbot, view)
    editor = open_editor(qtbot, view)
    editor.bindings["party_id"].widget.setCurrentText("Albion Power plc")
    editor.bindings["name"].widget.setText("Jo Bloggs")
    editor.bindings["email"].widget.setText("jo.bloggs")
    assert "e-mail" in editor.bindings["email"].error_label.text().lower()
    assert not editor.save_button.isEnabled()
    editor.bindings["email"].widget.setText("jo@albion.example")
    editor.bindings["office_phone"].widget.setText("12345")
    assert editor.bindings["office_phone"].error_label.text()
    assert not editor.save_button.isEnabled()
    editor.bindings["office_phone"].widget.setText("020 7946 0018")
    assert editor.save_button.isEnabled()
    with qtbot.wait_signal(view.loaded, timeout=10_000):
        editor.save()
    with window.store.session() as session:
        [saved] = contacts.list_contacts(session)
    assert (saved.party_name, saved.office_phone) == ("Albion Power plc", "+442079460018")


def test_allocation_rules_eui64_and_a_proposed_block(qtbot, window, register):
    view = window.go_to("allocations")
    load(qtbot, view)
    editor = open_editor(qtbot, view)
    # A new allocation starts from the next free number and block.
    assert editor.bindings["organisation_number"].widget.text() == "1"
    assert editor.bindings["range_start"].widget.text() == "00-00-00-00-00-00-00-00"
    # No holder is chosen for the user (no Party has an organisation record yet).
    assert editor.bindings["organisation_id"].widget.currentText() == ""
    assert "organisation_id" in editor.errors
    editor.bindings["organisation_id"].widget.setCurrentText("Albion Power plc")
    editor.bindings["signifier"].widget.setText("ALBP")
    editor.bindings["range_start"].widget.setText("90-B3-D5-1F")
    assert "EUI-64" in editor.bindings["range_start"].error_label.text()
    assert not editor.save_button.isEnabled()
    editor.bindings["range_start"].widget.setText("0000000000000000")
    assert editor.save_button.isEnabled()
    with qtbot.wait_signal(view.loaded, timeout=10_000):
        editor.save()
    with window.store.session() as session:
        [saved] = allocations.list_allocations(session)
    assert (saved.organisation_name, saved.signifier) == ("Albion Power plc", "ALBP")


def test_a_duplicate_is_pointed_out_with_the_other_partys_name(qtbot, window, register):
    with window.store.unit_of_work() as session:
        albion = parties.get_party(session, party_id(window.store, "Albion Power plc"))
        parties.update_party(session, albion.id, {"company_number": "01234567"}, albion.version)
    load(qtbot, window.parties)
    editor = open_editor(qtbot, window.parties, party_id(window.store, "Bramble Energy Ltd"))
    editor.bindings["company_number"].widget.setText("01234567")
    with qtbot.wait_signal(editor.ready, timeout=10_000, raising=False):
        editor.save()
    qtbot.wait_until(lambda: "company_number" in editor.errors, timeout=10_000)
    assert "Albion Power plc" in editor.bindings["company_number"].error_label.text()
    assert editor.isVisible()  # nothing lost: the editor stays open with the input


def test_esc_asks_before_discarding(qtbot, window, register, monkeypatch):
    load(qtbot, window.parties)
    editor = open_editor(qtbot, window.parties, party_id(window.store, "Bramble Energy Ltd"))
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args: asked.append(args[2]) or answers.pop(0)
    )
    editor.bindings["company_number"].widget.setText("SC999999")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked and editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert len(asked) == 2


def test_esc_on_an_unchanged_record_just_closes(qtbot, window, register, monkeypatch):
    load(qtbot, window.parties)
    editor = open_editor(qtbot, window.parties, party_id(window.store, "Bramble Energy Ltd"))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: pytest.fail("asked"))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_a_name_change_keeps_the_old_name_and_history_lists_the_edit(qtbot, window, register):
    load(qtbot, window.parties)
    bramble = party_id(window.store, "Bramble Energy Ltd")
    editor = open_editor(qtbot, window.parties, bramble)
    editor.bindings["name"].widget.setText("Bramble Power Ltd")
    with qtbot.wait_signal(window.parties.loaded, timeout=10_000):
        editor.save()
    again = open_editor(qtbot, window.parties, bramble)
    assert (
        "Bramble Energy Ltd"
        in again.form.findChild(type(again.message), "previousNamesValue").text()
    )
    again.reject()
    window.parties.table.selectRow(window.parties.model.find(bramble))
    window.parties.show_history()
    history = window.parties.history
    qtbot.wait_until(lambda: history.model.rowCount() > 0, timeout=10_000)
    changes = [history.model.row(i) for i in range(history.model.rowCount())]
    rename = next(c for c in changes if (c.what, c.field) == ("Party changed", "Party name"))
    assert (rename.old, rename.new, rename.user) == (
        "Bramble Energy Ltd",
        "Bramble Power Ltd",
        window.store.user,
    )


def test_forms_load_without_qt_designer_plugins(qtbot):
    """The form loader skips Designer's widget plugins (Qt Quick, WebEngine) and still builds
    every form in ui/, ListEditor included."""
    from secdesk.assets import ui_file
    from secdesk.gui.kit.forms import _form_loader, load_form
    from secdesk.gui.kit.list_editor import ListEditor

    widgets = _form_loader().availableWidgets()
    assert "QQuickWidget" not in widgets and "QWebEngineView" not in widgets
    assert "ListEditor" in widgets
    for path in sorted(ui_file("register.ui").parent.glob("*.ui")):
        form = load_form(path.name)
        qtbot.addWidget(form)
        assert form.findChildren(QWidget)
    party = load_form("party_editor.ui")
    qtbot.addWidget(party)
    assert isinstance(party.findChild(ListEditor, "mpids"), ListEditor)


@pytest.mark.parametrize(("answer", "made"), [("No", False), ("Yes", True)])
def test_a_new_voting_group_is_made_only_when_asked(
    qtbot, window, register, monkeypatch, answer, made
):
    """A half-typed voting group would silently make a new group (and skew the Voting
    Groups count): saving asks first, and No leaves the cursor in the field."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    load(qtbot, window.parties)
    window.parties.new_record()
    editor = window.parties.editor
    qtbot.wait_until(lambda: not editor._loading, timeout=10_000)
    qtbot.wait_until(lambda: editor.bindings["voting_group"].known is not None, timeout=10_000)
    editor.bindings["name"].widget.setText("Dovetail Energy Ltd")
    editor.bindings["category"].widget.setCurrentText("Small Supplier")
    editor.bindings["voting_group"].widget.setText("Albion Powr Group")  # a slip
    editor.save()
    assert asked == [
        "There is no voting group called “Albion Powr Group”. Make a new voting group?"
    ]
    if made:
        qtbot.wait_until(lambda: not editor.isVisible(), timeout=10_000)
    else:
        assert editor.isVisible() and editor.record_id is None
    with window.store.session() as session:
        assert ("Albion Powr Group" in parties.voting_group_names(session)) is made
