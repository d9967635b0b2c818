"""Start-up: open the store (its schema checked), show the window, then load the party
list off the GUI thread so a slow shared store never freezes the window."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from secdesk import __version__
from secdesk.assets import resource_file
from secdesk.errors import SecdeskError
from secdesk.gui.main_window import MainWindow
from secdesk.gui.operations import show_error
from secdesk.store import Store, open_store


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("secdesk")
    app.setOrganizationName("SECAS")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_file("secdesk.svg"))))
    return app


def _install_excepthook() -> None:
    """An exception escaping a slot is a bug: log it and say so in words, no traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        show_error(QApplication.activeWindow(), exc.with_traceback(tb))

    sys.excepthook = hook


def run(store_option: str | None = None) -> int:
    app = application()
    _install_excepthook()
    try:
        store: Store = open_store(store_option)
    except SecdeskError as exc:
        QMessageBox.critical(None, "secdesk cannot open the store", str(exc))
        return 1
    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        store.dispose()
