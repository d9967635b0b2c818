"""Loads the Qt Designer forms of ui/ at run time: layout lives in the .ui files, behaviour
in the Python that loads them, and no generated code is ever edited by hand."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from secdesk.assets import ui_file


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """The form ``ui/NAME`` as a widget; its named children are found with
    ``findChild(Type, "objectName")``."""
    path = ui_file(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise OSError(f"cannot read the form {path}: {handle.errorString()}")
    try:
        widget = QUiLoader().load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise OSError(f"the form {path} is not a valid Qt Designer file")
    return widget
