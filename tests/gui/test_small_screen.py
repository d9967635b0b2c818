"""Every screen is usable on a 1,024 x 700 screen: the window can be made that small with
any screen open, nothing in it is wider than the window, and what people look for first
is in view (the Operations Contacts' "Last confirmed", the Reports table's Total row at
768 pixels high)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from secdesk.demo import load_demo
from secdesk.gui.screen_list import SCREENS

pytestmark = pytest.mark.gui

SMALL = (1024, 700)


@pytest.fixture
def demo_window(qtbot, window):
    load_demo(window.store, enquiries=300)
    window.resize(*SMALL)
    return window


def _settle(qtbot, window, key):
    page = window.go_to(key)
    loaded = []
    page.when_loaded(lambda: loaded.append(True))
    page.refresh()
    qtbot.wait_until(lambda: bool(loaded), timeout=10_000)
    window.resize(*SMALL)
    qtbot.wait(50)
    return page


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_screen_fits_1024_by_700(qtbot, demo_window):
    window = demo_window
    for screen in SCREENS:
        if window.navigation.item(SCREENS.index(screen)).isHidden():
            continue  # Users: admins of a shared store only
        page = _settle(qtbot, window, screen.key)
        hint = window.minimumSizeHint()
        assert hint.width() <= SMALL[0], f"{screen.title} needs {hint.width()} px"
        assert hint.height() <= SMALL[1], f"{screen.title} needs {hint.height()} px high"
        assert window.width() == SMALL[0]
        for widget in page.findChildren(QWidget):
            if widget.isVisible() and widget.isWindow() is False:
                right = widget.mapTo(window, widget.rect().topRight()).x()
                assert right <= window.width(), f"{screen.title}: {widget.objectName()!r}"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_last_confirmed_is_in_view_on_operations_contacts(qtbot, demo_window):
    page = _settle(qtbot, demo_window, "contacts")
    titles = [c.header for c in page.columns]
    column = titles.index("Last confirmed")
    header = page.table.horizontalHeader()
    assert header.sectionViewportPosition(column) + header.sectionSize(column) <= (
        page.table.viewport().width()
    )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_reports_total_row_is_in_view_at_768_pixels_high(qtbot, demo_window):
    demo_window.resize(1024, 768)
    page = _settle(qtbot, demo_window, "reports")
    demo_window.resize(1024, 768)
    qtbot.wait(50)
    table = page.table
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    for row in (names.index("Total"), len(names) - 1):  # the Total row, and all below it
        bottom = table.rowViewportPosition(row) + table.rowHeight(row)
        assert table.rowViewportPosition(row) >= 0 and bottom <= table.viewport().height()
