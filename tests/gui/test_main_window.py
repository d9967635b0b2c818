"""The first window: parties on screen from the store, search and filters answered by the
store, errors in words."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from secdesk.demo import load_demo
from secdesk.errors import StoreError
from secdesk.gui import app as gui_app
from secdesk.gui import main_window
from secdesk.gui.kit import operations
from secdesk.gui.kit.operations import StoreOp
from secdesk.gui.main_window import MainWindow
from tests.gui.conftest import choose, load, shown_names


def names(window):
    return shown_names(window.parties)


def test_starts_on_an_empty_store(qtbot, window):
    assert load(qtbot, window.parties) == 0
    assert window.parties.count.text() == "0 parties"
    assert window.store.describe() in window.store_label.text()
    assert "tester" in window.store_label.text()


def test_starts_on_the_demo_store(qtbot, window):
    load_demo(window.store)
    assert load(qtbot, window.parties) == 300
    assert window.parties.count.text() == "300 parties"


def test_lists_the_parties_of_the_store(qtbot, window, register):
    assert load(qtbot, window.parties) == 3
    assert names(window) == ["Albion Power plc", "Bramble Energy Ltd", "Cedar Metering Ltd"]
    model = window.parties.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Party name"
    assert model.data(model.index(0, 5)) == "ALBP"
    assert model.data(model.index(0, 6)) == "01/01/2018"


def test_typing_in_search_narrows_the_list(qtbot, window, register):
    load(qtbot, window.parties)
    with qtbot.wait_signal(window.parties.loaded, timeout=10_000):
        qtbot.keyClicks(window.parties.search, "bramble")
    assert names(window) == ["Bramble Energy Ltd"]
    with qtbot.wait_signal(window.parties.loaded, timeout=10_000):
        window.parties.search.clear()
    with qtbot.wait_signal(window.parties.loaded, timeout=10_000):
        qtbot.keyClicks(window.parties.search, "albp")  # an MPID
    assert names(window) == ["Albion Power plc"]


def test_filters_narrow_the_list(qtbot, window, register):
    load(qtbot, window.parties)
    choose(qtbot, window.parties, "status", "Former parties")
    assert names(window) == ["Cedar Metering Ltd"]
    choose(qtbot, window.parties, "status", "Current parties")
    assert names(window) == ["Albion Power plc", "Bramble Energy Ltd"]
    choose(qtbot, window.parties, "category", "Small Supplier")
    assert names(window) == ["Bramble Energy Ltd"]
    choose(qtbot, window.parties, "status", "Withdrawn")
    assert names(window) == []


def test_clicking_a_header_sorts_in_the_store(qtbot, window, register):
    load(qtbot, window.parties)
    header = window.parties.table.horizontalHeader()
    load(qtbot, window.parties, lambda: header.setSortIndicator(6, Qt.SortOrder.DescendingOrder))
    assert names(window) == ["Bramble Energy Ltd", "Cedar Metering Ltd", "Albion Power plc"]


def test_ctrl_f_focuses_search(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait_until(
        lambda: window.parties.search.hasFocus() or window.focusWidget() is window.parties.search
    )


def test_a_failing_operation_is_shown_in_words(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    def fail(_session):
        raise StoreError("cannot reach the PostgreSQL store; check the server")

    StoreOp(window, window.store, fail).run_in_background()
    qtbot.wait_until(lambda: bool(shown), timeout=10_000)
    assert shown == ["cannot reach the PostgreSQL store; check the server"]


def test_an_operation_whose_window_closed_meanwhile_calls_nothing_back(qtbot, window):
    from PySide6.QtWidgets import QLabel
    from shiboken6 import isValid

    called, release = [], threading.Event()
    label = QLabel()

    def slow(_session):
        release.wait(10)
        return "done"

    StoreOp(label, window.store, slow).success(lambda result: called.append(label.text())).failure(
        called.append
    ).run_in_background()
    label.deleteLater()
    qtbot.wait_until(lambda: not isValid(label))
    release.set()
    QThreadPool.globalInstance().waitForDone()
    # The worker's answer is queued to this thread: wait until it has been handled.
    qtbot.wait_until(lambda: not operations._running)
    assert called == []


def test_an_unusable_store_at_start_up_is_explained(qtbot, monkeypatch):
    shown = []

    def quit_after_reading(_window, problem):
        shown.append(problem)
        return None  # the user chooses Quit

    monkeypatch.setattr(gui_app, "choose_another_store", quit_after_reading)
    exits = []
    # Not the real exit: it would end every later test's event loop too.
    monkeypatch.setattr(gui_app.QApplication, "exit", exits.append)
    window = gui_app.start("mysql://root@localhost/x")
    qtbot.addWidget(window)
    qtbot.wait_until(lambda: bool(exits), timeout=10_000)
    assert exits == [1]
    assert shown and "not supported" in shown[0]
    assert not window.isVisible()


def test_a_store_that_fails_to_open_offers_another(qtbot, monkeypatch, tmp_path):
    """Not only OK-and-exit: "Choose another store…" opens the store the user picks."""
    good = tmp_path / "good.sqlite3"
    monkeypatch.setattr(
        gui_app, "choose_another_store", lambda _window, _problem: f"sqlite:///{good}"
    )
    exits = []
    monkeypatch.setattr(gui_app.QApplication, "exit", exits.append)
    window = gui_app.start("mysql://root@localhost/x")
    qtbot.addWidget(window)
    qtbot.wait_until(lambda: "parties" in window._built, timeout=10_000)
    assert exits == []
    assert "good.sqlite3" in window.windowTitle()
    window.close()
    QThreadPool.globalInstance().waitForDone()
    window.store.dispose()


def test_the_choice_is_offered_in_words(qtbot, monkeypatch):
    """The dialog itself: the reason, and a default button that chooses another store."""
    from PySide6.QtCore import QTimer

    seen = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        quit_button = next(b for b in box.buttons() if "Quit" in b.text())
        quit_button.click()

    QTimer.singleShot(200, answer)
    window = gui_app.MainWindow()
    qtbot.addWidget(window)
    assert gui_app.choose_another_store(window, "The store file is damaged.") is None
    assert seen[0][0] == "The store file is damaged."
    assert "&Choose another store…" in seen[0][1]


def test_the_window_shows_before_the_store_opens_then_lists_parties(qtbot, store_url, register):
    window = gui_app.start(store_url.render_as_string(hide_password=False))
    qtbot.addWidget(window)
    assert window.store_label.text() == "Opening the store…"
    qtbot.wait_until(lambda: "parties" in window._built, timeout=10_000)
    qtbot.wait_until(lambda: window.parties.model.rowCount() == 3, timeout=10_000)
    assert "signed in as" in window.store_label.text()
    QThreadPool.globalInstance().waitForDone()
    window.store.dispose()


def test_start_up_pauses_the_cyclic_collector_until_the_first_rows(qtbot, store_url, register):
    try:
        window = gui_app.start(store_url.render_as_string(hide_password=False))
        qtbot.addWidget(window)
        assert not gc.isenabled()
        with qtbot.wait_signal(window.ready, timeout=10_000):
            pass
        assert window.parties.model.rowCount() == 3
        qtbot.wait_until(gc.isenabled, timeout=main_window.SETTLE_MS + 5_000)
        QThreadPool.globalInstance().waitForDone()
        window.store.dispose()
    finally:
        gc.enable()


def test_the_collector_resumes_after_the_start_up_limit_whatever_happens(qtbot):
    try:
        gui_app._pause_collector_until(50)
        assert not gc.isenabled()
        qtbot.wait_until(gc.isenabled, timeout=5_000)
    finally:
        gc.enable()


def test_column_order_and_sort_are_remembered_per_user(qtbot, store, register):
    first = MainWindow(store)
    qtbot.addWidget(first)
    load(qtbot, first.parties)
    header = first.parties.table.horizontalHeader()
    load(qtbot, first.parties, lambda: header.setSortIndicator(6, Qt.SortOrder.DescendingOrder))
    first.close()
    again = MainWindow(store)
    qtbot.addWidget(again)
    load(qtbot, again.parties)
    assert again.parties.table.horizontalHeader().sortIndicatorSection() == 6
    assert names(again) == ["Bramble Energy Ltd", "Cedar Metering Ltd", "Albion Power plc"]


def test_former_parties_are_greyed_out(qtbot, window, register):
    load(qtbot, window.parties)
    model = window.parties.model
    former = names(window).index("Cedar Metering Ltd")
    assert model.data(model.index(former, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None


def test_every_screen_opens_with_its_shortcut(qtbot, window, backend):
    from secdesk.gui.screen_list import SCREENS

    # Users is a shared store's screen: an admin of PostgreSQL sees it, a local store has none.
    shown = [s for s in SCREENS if s.key != "users" or backend == "postgresql"]
    assert window.navigation.item(len(SCREENS) - 1).isHidden() == (backend == "sqlite")
    for number, screen in enumerate(shown[:10], start=1):
        qtbot.keyClick(
            window.navigation,
            Qt.Key(Qt.Key.Key_0 + number % 10),  # the tenth screen is Ctrl+0
            Qt.KeyboardModifier.ControlModifier,
        )
        page = window.current()
        assert page is window._built[screen.key]
        assert isinstance(page, screen.load())
    # After the tenth (Users, an admin's), from the View menu: no digit left for it.
    assert [a.shortcut().toString() for a in window.screen_actions[10:]] == [""]
    QThreadPool.globalInstance().waitForDone()


def test_a_publish_interrupted_last_time_is_settled_when_the_window_starts(
    qtbot, store_url, store, register, tmp_path, monkeypatch
):
    """A publish that died between recording itself Pending and swapping its files in is
    marked Abandoned once the window has started, and the status bar says so."""
    from sqlalchemy import select

    from secdesk.domain import Publication, PublicationState
    from secdesk.sheets import swap
    from secdesk.sheets.publish import publish
    from secdesk.store.settings import Settings

    folder = tmp_path / "Published"
    Settings(publish_folder=str(folder)).save()
    publish(store, folder)

    def dies(*_args):
        raise KeyboardInterrupt  # stands for a crash right after the Pending record

    with store.unit_of_work() as session:
        from secdesk.services import parties

        parties.create_party(session, {"name": "Late Arrival Ltd", "category": "Other"})
    monkeypatch.setattr(swap, "replace_files", dies)
    monkeypatch.setattr("secdesk.sheets.publish._undo", lambda *_: None)  # as if killed
    with pytest.raises(KeyboardInterrupt):
        publish(store, folder)
    monkeypatch.undo()
    Settings(publish_folder=str(folder)).save()

    window = gui_app.start(store_url.render_as_string(hide_password=False))
    qtbot.addWidget(window)
    qtbot.wait_until(lambda: "abandoned" in window.statusBar().currentMessage(), timeout=20_000)
    with store.session() as session:
        states = dict(session.execute(select(Publication.number, Publication.state)).all())
    assert states == {1: PublicationState.PUBLISHED, 2: PublicationState.ABANDONED}
    QThreadPool.globalInstance().waitForDone()
    window.store.dispose()
