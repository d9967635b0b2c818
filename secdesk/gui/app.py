"""Start-up: show the window first, then open the store (its schema checked) and load the
party list off the GUI thread, so a slow shared store never freezes the window."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from secdesk import __version__, collector
from secdesk.assets import resource_file
from secdesk.errors import SecdeskError
from secdesk.gui.kit.operations import BackgroundOp, show_error
from secdesk.gui.main_window import MainWindow
from secdesk.store import open_store

if TYPE_CHECKING:
    from secdesk.store.engine import Store


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


def start(store_option: str | None = None) -> MainWindow:
    """Show the window at once, then open the store off the GUI thread (SQLAlchemy, the
    schema check and a slow shared server all come after the first paint)."""
    _pause_collector_until(START_UP_LIMIT_MS)
    window = MainWindow()
    # The collection that ends start-up (about 50 ms) waits a moment after the first rows,
    # so it neither delays them nor the user's first keystroke.
    window.settled.connect(collector.resume_after_start_up)
    window.show()

    def opened(store: Store) -> None:
        window.attach(store)
        window.settled.connect(
            lambda: _settle_publishing(window, store), Qt.ConnectionType.SingleShotConnection
        )

    def failed(exc: BaseException) -> None:
        collector.resume_after_start_up()
        if not isinstance(exc, SecdeskError):
            show_error(window, exc)
        elif (chosen := choose_another_store(window, str(exc))) is not None:
            open_in_background(chosen)
            return
        window.close()
        QApplication.exit(1)

    def open_in_background(option: str | None) -> None:
        BackgroundOp(window, lambda: open_store(option)).success(opened).failure(
            failed
        ).run_in_background()

    window.painted.connect(lambda: open_in_background(store_option))
    return window


def choose_another_store(window: MainWindow, problem: str) -> str | None:
    """The store could not be opened: say why, and offer to open another (a store file
    chosen on disk, for this session) rather than only to quit. None: the user quits."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "secdesk cannot open the store", problem)
    box.setParent(window, box.windowFlags())
    choose = box.addButton("&Choose another store…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(choose)
    box.exec()
    if box.clickedButton() is not choose:
        return None
    path, _filter = QFileDialog.getOpenFileName(
        window, "Open a secdesk store", "", "secdesk stores (*.sqlite3 *.db);;All files (*)"
    )
    return f"sqlite:///{path}" if path else None


def _settle_publishing(window: MainWindow, store: Store) -> None:
    """A publish interrupted last time (a crash, a lost network) is finished or undone
    now, once the first screen has shown its rows; what was done goes in the status bar."""
    from secdesk.sheets import publication_ledger
    from secdesk.sheets.publish import publish_folder

    def settle() -> list[str]:
        return publication_ledger.settle_folder(store, publish_folder(), wait=0)

    def said(lines: list[str]) -> None:
        if lines:
            window.statusBar().showMessage(" ".join(lines), 30_000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, SecdeskError | OSError):
            window.statusBar().showMessage(f"The publish folder could not be checked: {exc}")
        else:
            show_error(window, exc)

    BackgroundOp(window, settle).success(said).failure(failed).run_in_background()


# How long start-up may keep the cyclic garbage collector paused if the first screen never
# shows its rows: then it resumes anyway (secdesk.collector says why it pauses).
START_UP_LIMIT_MS = 15_000


def _pause_collector_until(limit_ms: int) -> None:
    collector.pause()
    QTimer.singleShot(limit_ms, collector.resume_after_start_up)


def run(store_option: str | None = None) -> int:
    app = application()
    _install_excepthook()
    window = start(store_option)
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        if window._store is not None:
            window._store.dispose()
