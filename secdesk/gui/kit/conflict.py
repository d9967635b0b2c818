"""Shown when someone else saved a record while this user was editing it, and both changed
the same fields: each field as original / mine / theirs, and the user picks one per field.
Nothing is saved until they choose, and nothing either side typed is lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ConflictRow:
    key: str
    label: str
    original: str
    mine: str
    theirs: str


class ConflictDialog(QDialog):
    def __init__(self, rows: Sequence[ConflictRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Someone else changed this record")
        self.rows = list(rows)
        intro = QLabel(
            "While you were editing, someone else saved changes to the same fields. "
            "Choose which value to keep for each; your other changes and theirs to other "
            "fields are kept as they are.",
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        for column, title in enumerate(("Field", "Original", "Mine", "Theirs")):
            heading = QLabel(f"<b>{title}</b>", self)
            grid.addWidget(heading, 0, column)
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        for number, row in enumerate(self.rows, start=1):
            grid.addWidget(QLabel(row.label, self), number, 0)
            grid.addWidget(QLabel(row.original, self), number, 1)
            mine = QRadioButton(row.mine, self)
            theirs = QRadioButton(row.theirs, self)
            mine.setAccessibleName(f"{row.label}: keep mine")
            theirs.setAccessibleName(f"{row.label}: take theirs")
            mine.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(theirs)
            grid.addWidget(mine, number, 2)
            grid.addWidget(theirs, number, 3)
            self.choices[row.key] = (mine, theirs)
        buttons = QDialogButtonBox(self)
        save = buttons.addButton("&Save my choices", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.addButton("&Back to editing", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def choose(self, key: str, *, theirs: bool) -> None:
        self.choices[key][1 if theirs else 0].setChecked(True)

    def theirs(self) -> set[str]:
        """The fields for which the user took the stored value."""
        return {key for key, (_mine, theirs) in self.choices.items() if theirs.isChecked()}
