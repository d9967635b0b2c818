"""Help → Keyboard shortcuts: every key the window answers, in one list — the menus' own
shortcuts (read from their actions, so the list cannot drift from them) and the keys the
lists, editors and the change-request review answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from secdesk.gui.kit.read_only_table import fill, read_only_table

# Keys that belong to no menu item.
IN_LISTS_AND_FORMS: tuple[tuple[str, str], ...] = (
    ("Down or Enter, in a search box", "Go to the list, on its first row"),
    ("Enter, in a list", "Open the selected record"),
    ("Ctrl+S, in an editor", "Save"),
    ("Ctrl+Enter, in a new enquiry", "Save, and clear the form for the next one"),
    ("Esc, in an editor", "Cancel (it asks before losing what you typed)"),
    ("Tab, in a Party box", "Choose the one Party that matches what you typed"),
    ("Alt + underlined letter", "That button or field"),
    ("A / R / E, reviewing a change request", "Approve, reject, correct the field"),
    ("Ctrl+Enter, reviewing a change request", "Action the request"),
)


def shortcut_rows(actions: Iterable[QAction]) -> list[list[str]]:
    """(keys, what) for each action with a shortcut, in menu order."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys and action.isVisible():
            rows.append([" or ".join(keys), action.text().replace("&", "").rstrip("…")])
    return rows


class KeyboardHelp(QDialog):
    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = read_only_table(["Keys", "What they do"], self, "shortcuts")
        fill(self.table, shortcut_rows(actions) + [list(row) for row in IN_LISTS_AND_FORMS])
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)
