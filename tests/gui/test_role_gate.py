"""The window follows the role of the login that opened it (real PostgreSQL logins): what a
helpdesk login may not do is disabled with the reason as its tooltip, and stays disabled
whatever the screen's own logic enables."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from secdesk.domain.roles import Role
from secdesk.gui.main_window import MainWindow
from secdesk.gui.screen_list import SCREENS
from tests.gui.conftest import load
from tests.services.conftest import new_party

pytestmark = pytest.mark.parametrize("backend", ["postgresql"])


def open_window(qtbot, people, role):
    login = people.add(role)
    window = MainWindow(people.store(login))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def close() -> None:  # before the store goes, as the window fixture does
        window.close()
        QThreadPool.globalInstance().waitForDone()

    people.before_close.append(close)
    return login, window


def test_a_helpdesk_login_sees_what_it_may_not_do_and_why(qtbot, people, store):
    new_party(store, name="Albion Power plc")
    login, window = open_window(qtbot, people, Role.HELPDESK)
    assert f"{login} (helpdesk)" in window.store_label.text()
    assert not window.publish_action.isEnabled()
    assert window.publish_action.toolTip() == "Publishing needs the party engagement role"
    assert window.import_action.isEnabled()  # enquiry logs; a register workbook is refused
    assert window.navigation.item(len(SCREENS) - 1).isHidden()  # no Users screen

    parties = window.parties
    load(qtbot, parties)
    assert not parties.new_button.isEnabled()
    assert parties.new_button.toolTip() == "Changing the register needs the party engagement role"
    parties.table.selectRow(0)  # the screen enables its buttons for the selection…
    assert parties.open_button.isEnabled()
    assert not parties.event_button.isEnabled()  # …but not what the role may not do
    window.parties.new_record()  # Ctrl+N does nothing either
    assert window.parties.editor is None

    parties.open_selected()
    editor = parties.editor
    qtbot.wait_until(lambda: editor.form.isEnabled(), timeout=10_000)
    assert not editor.save_button.isEnabled()
    assert "party engagement role" in editor.save_button.toolTip()
    assert editor.reason.text() == (
        "Read only: Changing the register needs the party engagement role."
    )
    assert editor.windowTitle().endswith("(read only)")
    editor.reject()

    helpdesk = window.go_to("helpdesk")
    assert helpdesk.new_button.isEnabled()  # logging enquiries is the helpdesk's work
    changes = window.go_to("changes")
    assert changes.new_button.isEnabled()
    assert not changes.approve_button.isEnabled() and not changes.action_button.isEnabled()
    assert not changes.notices.sent_button.isEnabled()
    publish = window.go_to("publish")
    assert not publish.publish_button.isEnabled()
    QThreadPool.globalInstance().waitForDone()


def test_an_engagement_login_publishes_but_does_not_manage_categories(qtbot, people):
    _login, window = open_window(qtbot, people, Role.ENGAGEMENT)
    assert window.publish_action.isEnabled()
    assert window.parties.new_button.isEnabled()
    from secdesk.gui.screens.helpdesk_categories import CategoriesDialog

    dialog = CategoriesDialog(window.store, window)
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled()
    assert dialog.add_button.toolTip() == "Changing enquiry categories needs the admin role"
    QThreadPool.globalInstance().waitForDone()


def test_an_admin_has_the_users_screen(qtbot, people):
    _login, window = open_window(qtbot, people, Role.ADMIN)
    users = len(SCREENS) - 1
    assert not window.navigation.item(users).isHidden()
    page = window.go_to("users")
    qtbot.wait_until(lambda: page.table.rowCount() >= 2, timeout=10_000)
    logins = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert "tester" in logins
    assert page.add_button.isEnabled()
    QThreadPool.globalInstance().waitForDone()


def test_a_helpdesk_login_importing_a_register_workbook_is_told_why_not(
    qtbot, people, store, tmp_path, monkeypatch
):
    from secdesk.gui.screens.import_dialog import ImportDialog
    from secdesk.sheets.publish import publish

    new_party(store, name="Albion Power plc")
    publish(store, tmp_path / "published")
    files = sorted((tmp_path / "published").glob("*.xlsx"))
    shown: list[str] = []
    monkeypatch.setattr(
        "secdesk.gui.screens.import_dialog.show_error", lambda _parent, exc: shown.append(str(exc))
    )
    helpdesk = people.store(people.add(Role.HELPDESK))
    dialog = ImportDialog(helpdesk, files)
    qtbot.addWidget(dialog)
    dialog.open()
    # Until the check ends: refused in words (a box), or the dialog no longer busy.
    qtbot.wait_until(lambda: bool(shown) or not dialog.busy.isVisible(), timeout=10_000)
    said = shown[0] if shown else dialog.summary.text()
    assert "Importing register workbooks needs the party engagement role" in said
    assert not dialog.import_button.isEnabled()
    QThreadPool.globalInstance().waitForDone()
