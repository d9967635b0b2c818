"""Loads the Qt Designer forms of ui/ at run time: layout lives in the .ui files, behaviour
in the Python that loads them, and no generated code is ever edited by hand."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from secdesk.assets import ui_file
from secdesk.gui.kit.list_editor import ListEditor

W = TypeVar("W", bound=QWidget)

_loader: QUiLoader | None = None


def _form_loader() -> QUiLoader:
    """One loader for every form, made without Qt Designer's widget plugins.

    A QUiLoader loads every plugin under each library path's ``designer`` folder when it is
    made; PySide6's include QQuickWidget and QWebEngineView, which bring Qt Quick and Qt
    WebEngine into memory and take 20 ms before the first screen appears. Our forms use only
    Qt's own widgets and ListEditor, registered here.
    """
    global _loader
    if _loader is None:
        paths = QCoreApplication.libraryPaths()
        QCoreApplication.setLibraryPaths([])
        try:
            _loader = QUiLoader()
        finally:
            QCoreApplication.setLibraryPaths(paths)
        _loader.registerCustomWidget(ListEditor)
    return _loader


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
        widget = _form_loader().load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise OSError(f"the form {path} is not a valid Qt Designer file")
    return widget
