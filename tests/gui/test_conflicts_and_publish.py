"""Two sessions editing one record, and publishing and importing from the GUI."""

from __future__ import annotations

from pathlib import Path

import pytest

from secdesk.services import parties
from secdesk.sheets.publish import publish
from secdesk.sheets.published_sheets import LAYOUTS
from tests.gui.conftest import load, open_editor, party_id

pytestmark = pytest.mark.gui


def stored(store, name):
    with store.session() as session:
        return parties.get_party(session, party_id(store, name))


def change_elsewhere(other_store, pid, changes):
    """Another user, on another connection, saves the same Party."""
    with other_store.unit_of_work() as session:
        party = parties.get_party(session, pid)
        parties.update_party(session, pid, changes, party.version)


def test_changes_to_different_fields_merge_without_asking(qtbot, window, register, other_store):
    load(qtbot, window.parties)
    pid = party_id(window.store, "Bramble Energy Ltd")
    editor = open_editor(qtbot, window.parties, pid)
    change_elsewhere(other_store, pid, {"vat_number": "GB 980 7806 84"})
    editor.bindings["company_number"].widget.setText("SC123456")
    with qtbot.wait_signal(window.parties.loaded, timeout=10_000):
        editor.save()
    assert editor.conflict_dialog is None
    party = stored(window.store, "Bramble Energy Ltd")
    assert (party.company_number, party.vat_number) == ("SC123456", "980780684")


def test_a_conflict_shows_the_dialog_and_keeps_both_sides_input(
    qtbot, window, register, other_store
):
    load(qtbot, window.parties)
    pid = party_id(window.store, "Bramble Energy Ltd")
    editor = open_editor(qtbot, window.parties, pid)
    change_elsewhere(
        other_store,
        pid,
        {"company_number": "NI000111", "notices_email": "theirs@bramble.example"},
    )
    editor.bindings["company_number"].widget.setText("SC123456")
    editor.bindings["notices_email"].widget.setText("mine@bramble.example")
    editor.bindings["registered_postcode"].widget.setText("LS1 4AP")
    editor.save()
    qtbot.wait_until(lambda: editor.conflict_dialog is not None, timeout=10_000)
    dialog = editor.conflict_dialog
    rows = {row.key: row for row in dialog.rows}
    assert set(rows) == {"company_number", "notices_email"}  # the postcode merges silently
    assert (rows["company_number"].original, rows["company_number"].mine) == (
        "(blank)",
        "SC123456",
    )
    assert rows["company_number"].theirs == "NI000111"
    # Nothing was overwritten yet, and the editor still holds what this user typed.
    assert stored(window.store, "Bramble Energy Ltd").company_number == "NI000111"
    assert editor.bindings["notices_email"].widget.text() == "mine@bramble.example"
    dialog.choose("company_number", theirs=True)  # take theirs here, keep mine for e-mail
    with qtbot.wait_signal(window.parties.loaded, timeout=10_000):
        dialog.accept()
    party = stored(window.store, "Bramble Energy Ltd")
    assert (party.company_number, party.notices_email, party.registered_postcode) == (
        "NI000111",
        "mine@bramble.example",
        "LS1 4AP",
    )


def test_backing_out_of_a_conflict_saves_nothing(qtbot, window, register, other_store):
    load(qtbot, window.parties)
    pid = party_id(window.store, "Bramble Energy Ltd")
    editor = open_editor(qtbot, window.parties, pid)
    change_elsewhere(other_store, pid, {"company_number": "NI000111"})
    editor.bindings["company_number"].widget.setText("SC123456")
    editor.save()
    qtbot.wait_until(lambda: editor.conflict_dialog is not None, timeout=10_000)
    editor.conflict_dialog.reject()
    assert editor.isVisible()
    assert editor.bindings["company_number"].widget.text() == "SC123456"
    assert stored(window.store, "Bramble Energy Ltd").company_number == "NI000111"


def test_publish_from_the_gui_writes_the_four_files(qtbot, window, register, tmp_path):
    page = window.go_to("publish")
    folder = tmp_path / "Published"
    page.set_folder(folder)
    with qtbot.wait_signal(page.published, timeout=30_000) as blocker:
        window.publish_action.trigger()
    result = blocker.args[0]
    assert sorted(p.name for p in folder.glob("*.xlsx")) == sorted(
        layout.file_name for layout in LAYOUTS
    )
    assert result.number == 1
    assert page.result_box is not None and "Published 4 spreadsheets" in page.result_box.text()
    # What changed is in the message itself, not only behind Show Details.
    assert f"• {result.changes[0]}" in page.result_box.informativeText()
    qtbot.wait_until(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.progress is None and page.publish_button.isEnabled()


def test_import_from_the_gui_shows_the_dry_run_then_commits(qtbot, window, register, tmp_path):
    folder = tmp_path / "out"
    publish(window.store, folder)
    files = sorted(folder.glob("*.xlsx"))
    with window.store.unit_of_work() as session:
        bramble = parties.get_party(session, party_id(window.store, "Bramble Energy Ltd"))
        parties.update_party(session, bramble.id, {"company_number": "SC123456"}, bramble.version)
    page = window.go_to("publish")
    page.start_import(files)
    dialog = page.import_dialog
    qtbot.wait_until(lambda: dialog.report is not None, timeout=30_000)
    counts = {
        row[0]: row[1:] for row in (dialog.counts.row(i) for i in range(dialog.counts.rowCount()))
    }
    assert counts["SEC Party Details List"][1] == 1  # Bramble's company number goes back
    assert dialog.import_button.isEnabled()
    assert stored(window.store, "Bramble Energy Ltd").company_number == "SC123456"  # a dry run
    steps = []
    dialog.progressed.connect(steps.append)
    with qtbot.wait_signal(page.imported, timeout=30_000):
        dialog.import_button.click()
    assert stored(window.store, "Bramble Energy Ltd").company_number is None
    # It said where it had got to, and ends with what it did, open until closed.
    assert any(step.startswith("Reading") for step in steps) and "Saving…" in steps
    assert dialog.summary.text().startswith("Imported: ") and "1 changed" in dialog.summary.text()
    assert dialog.isVisible() and dialog.cancel_button.text() == "&Close"
    assert dialog.import_button.isHidden() and not dialog.busy.isVisible()
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_cancel_stops_an_import_and_nothing_is_saved(
    qtbot, window, register, tmp_path, monkeypatch
):
    import threading

    from secdesk.gui.screens import import_dialog

    folder = tmp_path / "out"
    publish(window.store, folder)
    with window.store.unit_of_work() as session:
        bramble = parties.get_party(session, party_id(window.store, "Bramble Energy Ltd"))
        parties.update_party(session, bramble.id, {"company_number": "SC123456"}, bramble.version)
    page = window.go_to("publish")
    page.start_import(sorted(folder.glob("*.xlsx")))
    dialog = page.import_dialog
    qtbot.wait_until(lambda: dialog.report is not None, timeout=30_000)
    held = threading.Event()
    real = import_dialog.import_files

    def slow(store, paths, *, dry_run, progress):
        def step(text):
            held.wait(10)  # the import waits here until the test has pressed Cancel
            progress(text)

        return real(store, paths, dry_run=dry_run, progress=step)

    monkeypatch.setattr(import_dialog, "import_files", slow)
    dialog.import_button.click()
    assert dialog.busy.isVisible() and dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()  # Cancel while it runs: the dialog stays, the import stops
    assert dialog.isVisible() and dialog.summary.text().startswith("Cancelling")
    held.set()
    qtbot.wait_until(lambda: dialog.summary.text().startswith("Cancelled"), timeout=30_000)
    assert stored(window.store, "Bramble Energy Ltd").company_number == "SC123456"
    assert dialog.import_button.isEnabled()  # it may be tried again
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_import_errors_are_listed_and_block_the_import(qtbot, window, register, tmp_path):
    from openpyxl import load_workbook

    folder = tmp_path / "out"
    publish(window.store, folder)
    details = folder / "SEC Party Details List.xlsx"
    book = load_workbook(details)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("VAT Number") + 1, value="GB 123")
    book.save(details)
    page = window.go_to("publish")
    page.start_import([details])
    dialog = page.import_dialog
    qtbot.wait_until(lambda: dialog.report is not None, timeout=30_000)
    [error] = [dialog.errors.row(i) for i in range(dialog.errors.rowCount())]
    assert (error.row, error.column, error.value) == (2, "VAT Number", "GB 123")
    assert not dialog.import_button.isEnabled()
    written = dialog.write_errors(tmp_path / "errors")
    assert [Path(p).name for p in written] == ["SEC Party Details List - errors.xlsx"]
