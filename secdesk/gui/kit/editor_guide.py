"""What a record editor tells the user about the form, beyond each field's own error row:
which fields are required (a * after the label), which tab holds a problem (its title in
the error colour, the problems in its tooltip), and why Save is not available yet (in words
beside the buttons) — and Tab from the last field goes to Save."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QTabWidget, QWidget

from secdesk.domain.roles import refusal
from secdesk.errors import ValidationError

if TYPE_CHECKING:
    from secdesk.gui.kit.editor import RecordEditor

PROBLEM_COLOUR = QColor("#a4262c")
REQUIRED_MARK = " *"


def prepare(editor: RecordEditor) -> None:
    """Once the form is built: required fields marked, the reason line placed, and the
    tab order from the last field to Save."""
    for key, binding in editor.bindings.items():
        if _required(editor, key):
            label = label_of(binding.widget)
            if label is not None and not label.text().endswith(REQUIRED_MARK):
                label.setText(label.text() + REQUIRED_MARK)
                label.setToolTip("Required")
                binding.widget.setAccessibleDescription("Required")
    editor.reason = QLabel(editor)
    editor.reason.setObjectName("saveReason")
    editor.reason.setStyleSheet("color: #505050;")  # quieter than an error, yet legible
    layout = editor.layout()
    assert isinstance(layout, QBoxLayout), "the editor lays out its form over its buttons"
    layout.insertWidget(layout.count() - 1, editor.reason)
    widgets = [b.widget for b in editor.bindings.values()]  # in the form's order
    if widgets:
        QWidget.setTabOrder(last_stop(widgets[-1]), editor.save_button)


def show_state(editor: RecordEditor) -> None:
    """After every change: why Save waits (if it does), and which tabs hold problems."""
    reason = save_reason(editor)
    editor.reason.setText(reason)
    if editor.may_save:  # else the role gate's own words stay on the button
        editor.save_button.setToolTip(reason or "Save (Ctrl+S)")
    for tabs in editor.form.findChildren(QTabWidget):
        for index in range(tabs.count()):
            page = tabs.widget(index)
            problems = [
                f"{editor.spec.fields.label(key)}: {message}"
                for key, message in editor.errors.items()
                if key in editor.bindings
                and page is not None
                and page.isAncestorOf(editor.bindings[key].widget)
            ]
            bar = tabs.tabBar()
            bar.setTabTextColor(index, PROBLEM_COLOUR if problems else QColor())
            tabs.setTabToolTip(index, "\n".join(problems))


def last_stop(widget: QWidget) -> QWidget:
    """Where Tab stops last inside ``widget`` (a list editor's last button; a plain field
    itself)."""
    last = widget
    step = widget.nextInFocusChain()
    while step is not None and step is not widget and widget.isAncestorOf(step):
        if step.focusPolicy() & Qt.FocusPolicy.TabFocus:
            last = step
        step = step.nextInFocusChain()
    return last


def save_reason(editor: RecordEditor) -> str:
    """Why Save is not available, in words; empty when it is."""
    if editor.save_button.isEnabled():
        return ""
    if not editor.may_save:
        return f"Read only: {refusal(editor.spec.action)}."
    if editor.loading:
        return "Loading…"
    if editor.saving:
        return "Saving…"
    if editor.errors:
        count = len(editor.errors)
        fields = ", ".join(editor.spec.fields.label(key) for key in editor.errors)
        return f"Correct {'this field' if count == 1 else f'these {count} fields'}: {fields}."
    return "Nothing has changed yet."


def _required(editor: RecordEditor, key: str) -> bool:
    rule = editor.spec.rules.get(key) or editor.spec.fields.fields[key].clean
    try:
        rule("")
    except ValidationError:
        try:
            rule(None)
        except ValidationError:
            return True
    except (TypeError, ValueError, AttributeError):
        return False
    return False


def label_of(widget: QWidget) -> QLabel | None:
    for layout in widget.window().findChildren(QFormLayout):
        label = layout.labelForField(widget)
        if isinstance(label, QLabel):
            return label
    return None
