"""A name typed where saving it makes a new record (a voting group) that the choices do not
hold: the editor asks first, so that a half-typed name does not quietly make one (and skew
the Voting Groups count)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from secdesk.gui.kit.editor import RecordEditor


def new_names_agreed(editor: RecordEditor) -> bool:
    """A name typed where it makes a new record (a voting group) that the choices do
    not hold: ask, rather than let a half-typed name make one."""
    changed = editor.dirty() if editor.record_id is not None else None
    for key, noun in editor.spec.new_names.items():
        binding = editor.bindings.get(key)
        name = str(binding.raw() or "").strip() if binding else ""
        if not name or binding is None or binding.known is None:
            continue
        if name.casefold() in binding.known or (changed is not None and key not in changed):
            continue
        answer = QMessageBox.question(
            editor,
            f"New {noun}",
            f"There is no {noun} called “{name}”. Make a new {noun}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            binding.widget.setFocus()
            return False
    return True
