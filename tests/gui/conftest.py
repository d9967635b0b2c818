"""A main window on the test store, and a small register to look at."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QThreadPool

from secdesk.gui.main_window import MainWindow
from secdesk.services import membership, parties


@pytest.fixture
def window(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()  # before the store goes: the window stops watching it
    qtbot.wait(20)  # a refresh asked for in the test's last moment starts (and ends) now
    QThreadPool.globalInstance().waitForDone()


def shown_names(view):
    return [view.model.row(i).name for i in range(view.model.rowCount())]


def load(qtbot, view, action=None):
    """Run ``action`` (a refresh by default) and wait until the view shows the answer."""
    with qtbot.wait_signal(view.loaded, timeout=10_000) as blocker:
        (action or view.refresh)()
    return blocker.args[0]


def choose(qtbot, view, key, text):
    box = view.filter_boxes[key]
    # Choices that come from the store arrive with the first rows.
    qtbot.wait_until(lambda: box.findText(text) >= 0, timeout=10_000)
    index = box.findText(text)
    load(qtbot, view, lambda: box.setCurrentIndex(index))


@pytest.fixture
def register(store):
    with store.unit_of_work() as session:
        parties.create_party(
            session,
            {"name": "Albion Power plc", "category": "Large Supplier", "mpids": ["ALBP"]},
            accession_date="01/01/2018",
        )
        parties.create_party(
            session,
            {"name": "Bramble Energy Ltd", "category": "Small Supplier"},
            accession_date="01/01/2020",
        )
        cedar = parties.create_party(
            session,
            {"name": "Cedar Metering Ltd", "category": "Other SEC Party"},
            accession_date="01/01/2019",
        )
        membership.retire_party(session, cedar.id, "01/01/2024", "ceased trading", cedar.version)


def party_id(store, name):
    with store.session() as session:
        return next(p.id for p in parties.list_parties(session, search=name) if p.name == name)


def open_editor(qtbot, view, record_id=None):
    """Open the register's editor on a record (or a new one) and wait until it is filled."""
    if record_id is None:
        view.new_record()
    else:
        view.table.selectRow(view.model.find(record_id))
        view.open_selected()
    editor = view.editor
    qtbot.wait_until(lambda: not editor._loading, timeout=10_000)
    return editor


@pytest.fixture(autouse=True)
def _leaks_show_in_their_own_test():
    """Collect the garbage each GUI test leaves, so that a connection left open is reported
    by the test that left it (warnings are errors), not by whichever test runs when Python
    happens to collect it."""
    yield
    gc.collect()
