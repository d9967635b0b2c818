"""The window says a fault of the machine in plain words, as the command line does."""

from __future__ import annotations

import errno

from PySide6.QtWidgets import QMessageBox, QWidget

from secdesk.gui.kit.operations import show_error


def test_a_full_disk_is_a_warning_in_words_not_a_bug_report(qtbot, monkeypatch):
    shown: dict[str, str] = {}
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.setdefault("w", text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.setdefault("c", text))
    parent = QWidget()
    qtbot.addWidget(parent)
    show_error(
        parent, OSError(errno.ENOSPC, "No space left on device", "C:/SEC/ID Allocation.xlsx")
    )
    assert "c" not in shown
    assert "the disk is full; free some space" in shown["w"]
    assert "ID Allocation.xlsx" in shown["w"]
