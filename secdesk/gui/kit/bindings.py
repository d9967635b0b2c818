"""How the record editor talks to one form widget: read the raw input, show a stored value,
offer choices, tell when the user changes it, and show a field's problem in the row under
it (the row is found once, when the field is bound)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from secdesk.display import as_text
from secdesk.gui.kit import type_ahead
from secdesk.gui.kit.editor_spec import Choices
from secdesk.gui.kit.list_editor import ListEditor


class Unmatched(str):
    """Text typed into a type-ahead drop-down that names none of its choices, or several."""

    several = False

    def problem(self) -> str:
        if self.several:
            return f"more than one choice matches {str(self)!r}; type more of it or pick one"
        return f"nothing in the list matches {str(self)!r}"


class Binding:
    def __init__(self, widget: QWidget, on_change: Callable[[], None]) -> None:
        self.widget = widget
        # The names its choices offer (casefolded), once the store has given them.
        self.known: set[str] | None = None
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(on_change)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(on_change)
            widget.editTextChanged.connect(on_change)
            if widget.isEditable():
                type_ahead.follow(widget)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(on_change)
        elif isinstance(widget, ListEditor):
            widget.changed.connect(on_change)
        else:
            raise TypeError(f"secdesk cannot bind a {type(widget).__name__} to a field")
        self.key_of: Callable[[Any], Any] = lambda data: data
        self.format: Callable[[Any], str] = as_text
        self.error_label = QLabel()
        self._form: QFormLayout | None = None

    # ---- values ---------------------------------------------------------------------------

    def raw(self) -> Any:
        w = self.widget
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            index = w.currentIndex()
            if w.isEditable():  # type-ahead: the choice whose name was typed, if any
                index = type_ahead.match(w)
                if index < -1:
                    unmatched = Unmatched(w.currentText().strip())
                    unmatched.several = index == type_ahead.SEVERAL
                    return unmatched
            return w.itemData(index) if index >= 0 else None
        if isinstance(w, QCheckBox):
            return w.isChecked()
        assert isinstance(w, ListEditor)
        return w.value()

    def show(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QLineEdit):
            w.setText(self.format(value) if value is not None else "")
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(as_text(value))
        elif isinstance(w, QComboBox):
            found = -1  # nothing chosen yet, never the first choice that happens to lack a key
            if value is not None:
                keys = (self.key_of(w.itemData(i)) for i in range(w.count()))
                found = next((i for i, key in enumerate(keys) if key == value), -1)
            w.setCurrentIndex(found)
            if found < 0 and w.isEditable():
                w.setEditText("")
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        else:
            assert isinstance(w, ListEditor)
            w.set_value(value)

    def set_choices(self, choices: Choices) -> None:
        """A drop-down's items; a text field gets them as type-ahead suggestions."""
        self.known = {text.casefold() for text, _data in choices}
        w = self.widget
        if isinstance(w, QComboBox):
            type_ahead.fill(w, choices)
        elif isinstance(w, QLineEdit) and choices:
            w.setCompleter(type_ahead.completer(choices, w))

    # ---- problems -------------------------------------------------------------------------

    def add_error_label(self, name: str, style: str) -> None:
        """A row under the field's own row of its form, hidden until there is a problem."""
        placed = _form_row(self.widget)
        if placed is None:
            raise LookupError(f"the field {self.widget.objectName()} is not in a form layout")
        self._form, row = placed
        label = self.error_label
        label.setObjectName(name)
        label.setStyleSheet(style)
        label.setWordWrap(True)
        self._form.insertRow(row + 1, "", label)
        self._form.setRowVisible(label, False)

    def show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        if self._form is not None:
            self._form.setRowVisible(self.error_label, bool(message))


def _form_row(widget: QWidget) -> tuple[QFormLayout, int] | None:
    """The form layout and row holding ``widget`` (directly or in a row's sub-layout)."""
    root = widget.window()
    for layout in root.findChildren(QFormLayout):
        position: tuple[int, Any] = layout.getWidgetPosition(widget)  # type: ignore[assignment]
        if position[0] >= 0:
            return layout, position[0]
        for number in range(layout.rowCount()):
            item = layout.itemAt(number, QFormLayout.ItemRole.FieldRole)
            inner = item.layout() if item is not None else None
            if inner is not None and inner.indexOf(widget) >= 0:
                return layout, number
    return None
