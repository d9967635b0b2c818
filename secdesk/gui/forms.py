"""Loads the Qt Designer forms of ui/ at run time: layout lives in the .ui files, behaviour
in the Python that loads them, and no generated code is ever edited by hand."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from secdesk.assets import ui_file
from secdesk.gui.list_editor import ListEditor

W = TypeVar("W", bound=QWidget)


def child(form: QWidget, kind: type[W], name: str) -> W:
    """A named widget of a form; a form that lacks it is a broken installation."""
    widget = form.findChild(kind, name)
    if widget is None:
        raise LookupError(f"the form {form.objectName()} has no {kind.__name__} {name!r}")
    return widget


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """The form ``ui/NAME`` as a widget; ``child`` finds its named widgets."""
    path = ui_file(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise OSError(f"cannot read the form {path}: {handle.errorString()}")
    try:
        loader = QUiLoader()
        loader.registerCustomWidget(ListEditor)
        widget = loader.load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise OSError(f"the form {path} is not a valid Qt Designer file")
    return widget
