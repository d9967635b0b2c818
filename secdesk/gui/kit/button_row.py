"""Layout pieces several screens share."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QWidget


def button_row(buttons: Sequence[QWidget], trailing: Sequence[QWidget] = ()) -> QHBoxLayout:
    """Buttons side by side from the left; ``trailing`` ones at the right edge."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    for button in trailing:
        row.addWidget(button)
    return row
