"""Work off the GUI thread, in the manner of Anki's CollectionOp.

``StoreOp(parent, store, lambda session: ...)`` runs the function in a worker thread inside
one unit of work (committed on success, rolled back on failure), then calls ``success`` or
``failure`` back on the GUI thread. ``BackgroundOp(parent, lambda: ...)`` does the same for
work that manages its own transactions (publish, import). A slow shared PostgreSQL store
never freezes the window, and errors that are the environment's fault reach the user in
plain words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from secdesk.errors import SecdeskError

if TYPE_CHECKING:  # loading SQLAlchemy waits until the window has painted
    from sqlalchemy.orm import Session

    from secdesk.store.engine import Store

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread. The worker emits its signals; because the connected slots
    belong to this object, Qt queues them to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, finish: Callable[[Any, BaseException | None], None]) -> None:
        super().__init__()
        self._finish = finish
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._finish(result, None)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._finish(None, exc)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # every failure goes back to the GUI thread
            self._tell(self._relay.failed, exc)
        else:
            self._tell(self._relay.succeeded, result)

    @staticmethod
    def _tell(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application shut down while the work ran: nobody to tell
            log.debug("work finished after its window was gone", exc_info=True)


_running: set[_Relay] = set()


class BackgroundOp(Generic[T]):
    def __init__(self, parent: QWidget | None, work: Callable[[], T]) -> None:
        self._parent, self._work = parent, work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        self._on_failure = callback
        return self

    def run_in_background(self) -> None:
        relay = _Relay(lambda result, exc: self._finish(relay, result, exc))
        _running.add(relay)
        QThreadPool.globalInstance().start(_Job(self._work, relay))

    def _finish(self, relay: _Relay, result: Any, exc: BaseException | None) -> None:
        _running.discard(relay)
        relay.deleteLater()
        if self._parent is not None and not isValid(self._parent):
            # Its window was closed while the work ran: its widgets are gone and there is
            # nobody to tell. A bug is still logged.
            if exc is not None and not isinstance(exc, SecdeskError):
                log.error("unexpected error after its window closed", exc_info=exc)
            return
        if exc is None:
            if self._on_success:
                self._on_success(result)
        elif self._on_failure:
            self._on_failure(exc)
        else:
            show_error(self._parent, exc)


class StoreOp(BackgroundOp[T]):
    """Store work in one unit of work: committed if ``work`` returns, rolled back if not."""

    def __init__(self, parent: QWidget | None, store: Store, work: Callable[[Session], T]) -> None:
        def in_unit_of_work() -> T:
            with store.unit_of_work() as session:
                return work(session)

        super().__init__(parent, in_unit_of_work)


class ReadOp(BackgroundOp[T]):
    """Reading what a screen shows, outside a transaction where the store allows it (see
    Store.reading): fewer round trips to a distant server. Saving goes through StoreOp."""

    def __init__(self, parent: QWidget | None, store: Store, read: Callable[[Session], T]) -> None:
        def reading() -> T:
            with store.reading() as session:
                return read(session)

        super().__init__(parent, reading)


def say(widget: QWidget, message: str) -> None:
    """A passing word in the window's status bar ("Status changed on 3 enquiries")."""
    from PySide6.QtWidgets import QMainWindow

    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 8_000)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user what went wrong in plain words; a bug is logged, not shown raw."""
    from PySide6.QtWidgets import QMessageBox  # not before the first paint: start-up imports us

    if isinstance(exc, OSError):  # the machine's fault (disk, permissions), not a bug
        from secdesk.environment import plain_os_error

        exc = plain_os_error(exc, "what you asked")
    if isinstance(exc, SecdeskError):
        QMessageBox.warning(parent, "secdesk", str(exc))
        return
    log.error("unexpected error", exc_info=exc)
    QMessageBox.critical(
        parent,
        "secdesk",
        f"Something went wrong that secdesk did not expect ({type(exc).__name__}). "
        "Nothing more was saved. Please tell the secdesk developers.",
    )


def submit(
    dialog: QWidget,
    store: Store,
    work: Callable[[Session], T],
    done: Callable[[T], None],
    *,
    buttons: QWidget,
    error: QLabel,
) -> None:
    """A dialog's save: its buttons wait while ``work`` runs off the thread; a problem the
    user can put right is written in the dialog's ``error`` line, anything else reported."""
    buttons.setEnabled(False)
    error.clear()

    def failed(exc: BaseException) -> None:
        buttons.setEnabled(True)
        if isinstance(exc, SecdeskError):
            error.setText(str(exc))
        else:
            show_error(dialog, exc)

    StoreOp(dialog, store, work).success(done).failure(failed).run_in_background()
