"""The import file dialog offers every file the import reads, and the membership report
shows what it left out (undated events) under its table."""

from __future__ import annotations

from secdesk.gui.screens.publish import IMPORT_FILTER
from secdesk.gui.screens.reports import ReportsPage
from secdesk.sheets.importer import import_files
from secdesk.sheets.reading import SUFFIXES
from tests.sheets.test_import_trust import PARTIES, book, party


def test_the_import_dialog_offers_every_format_the_import_reads():
    first = IMPORT_FILTER.split(";;")[0]
    assert all(f"*{suffix}" in first for suffix in SUFFIXES)


def test_the_membership_report_lists_undated_events_under_its_table(qtbot, store, tmp_path):
    path = book(tmp_path / "p.xlsx", PARTIES, [party("Gone Ltd", status="Withdrawn")])
    assert import_files(store, [path]).committed
    page = ReportsPage(store)
    qtbot.addWidget(page)
    page.show()
    page.kind_box.setCurrentIndex(page.kind_box.findData("membership"))
    qtbot.wait_until(lambda: page.notes.isVisible(), timeout=10_000)
    assert "1 undated event(s)" in page.notes.text()
    assert "Gone Ltd: Withdrawal" in page.notes.text()
    page.kind_box.setCurrentIndex(page.kind_box.findData("helpdesk"))
    qtbot.wait_until(lambda: not page.notes.isVisible(), timeout=10_000)
