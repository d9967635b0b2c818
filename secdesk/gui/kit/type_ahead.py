"""One type-ahead for every Party picker (and every other editable drop-down): the list
narrows on any part of a choice's text, in any case (a Party by name, signifier or MPID);
leaving the box — Tab, Enter, a click elsewhere — on text that one choice contains chooses
that choice; text that names none, or several, is kept for the form to question."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QWidget
from shiboken6 import isValid

BLANK, NONE, SEVERAL = -1, -2, -3


def completer(choices: Sequence[tuple[str, Any]], parent: QWidget) -> QCompleter:
    """Completion on any part of a choice's text, in any case."""
    found = QCompleter([text for text, _ in choices], parent)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    found.setFilterMode(Qt.MatchFlag.MatchContains)
    return found


def make_type_ahead(box: QComboBox, placeholder: str | None = None) -> None:
    """Make ``box`` a type-ahead: editable, never adding what is typed as a new item, and
    completing a single match when the user leaves it."""
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line = box.lineEdit()
    assert line is not None  # editable: it has one
    if placeholder:
        line.setPlaceholderText(placeholder)
    follow(box)


class _Leaving(QObject):
    """Completes a type-ahead when the focus leaves it — by Tab, a click, Enter — but not
    when it only goes to the box's own list of suggestions. The application's focusChanged
    sees a Tab the box's own focus-out misses (the suggestions' list takes that Tab)."""

    def __init__(self, box: QComboBox) -> None:
        super().__init__(box)
        self.box = box
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self.focus_changed)  # let go of with the box

    def focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        box = self.box
        if not isValid(box) or old is None:
            return
        left = old is box or box.isAncestorOf(old)
        inside = new is not None and (new is box or box.isAncestorOf(new))
        suggestions = box.completer()
        popup = suggestions.popup() if suggestions is not None else None
        if left and not inside and (new is None or new is not popup):
            complete(box)


def follow(box: QComboBox) -> None:
    """Complete ``box`` (an editable drop-down) on a single match when the user leaves it,
    however they leave it, or presses Enter in it."""
    _Leaving(box)
    line = box.lineEdit()
    if line is not None:
        line.returnPressed.connect(lambda: complete(box))


def fill(box: QComboBox, choices: Sequence[tuple[str, Any]]) -> None:
    """The box's choices (nothing chosen), with completion over them; no signals."""
    box.blockSignals(True)
    box.clear()
    for text, data in choices:
        box.addItem(text, data)
    box.setCurrentIndex(-1)
    if box.isEditable():
        box.setCompleter(completer(choices, box))
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.blockSignals(False)


def match(box: QComboBox) -> int:
    """The choice a type-ahead's text names: its exact text (any case), else the one choice
    that contains it; BLANK for no text, NONE for text that names none, SEVERAL for more."""
    text = box.currentText().strip()
    if not text:
        return BLANK
    index = box.findText(text, Qt.MatchFlag.MatchFixedString)
    if index >= 0:
        return index
    folded = text.casefold()
    hits = [i for i in range(box.count()) if folded in box.itemText(i).casefold()]
    return hits[0] if len(hits) == 1 else NONE if not hits else SEVERAL


def complete(box: QComboBox) -> None:
    """Leaving a type-ahead on part of a name: choose, and show whole, the one it names."""
    if not isValid(box):
        return  # its dialog is closing: the line edit says it was left as the box goes
    index = match(box)
    if index >= 0 and (box.currentIndex() != index or box.currentText() != box.itemText(index)):
        box.setCurrentIndex(index)
        box.setEditText(box.itemText(index))
