"""The window kept current: one application-wide signal says which tables changed — by
this window, another secdesk or anything else writing to the store — and each open screen
that shows one of them reads its rows again, keeping its selection and scroll position.

Announcements arrive from secdesk.store.watching on its own thread; they are gathered for
a quarter of a second, so a burst of changes (an import, a bulk change) is one refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from secdesk.store.engine import Store
from secdesk.store.presence import Presence
from secdesk.store.watching import Change, Watcher

GATHER_MS = 250

# What the screens show, by table: a change to one of them is theirs to show.
PARTY_TABLES = frozenset(
    {
        "party",
        "voting_group",
        "party_name",
        "energy_licence",
        "affiliate",
        "mpid",
        "gas_identifier",
        "party_dcc_role",
        "testing_completion",
        "membership_event",
    }
)
CHANGE_TABLES = frozenset({"change_request", "change_request_item", "notification"})


class LiveStore(QObject):
    # The tables that changed since the last emission; empty: anything may have.
    changed = Signal(frozenset)
    _arrived = Signal(object)  # from the watcher's thread, queued to the window's

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tables: set[str] = set()
        self._anything = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._emit)
        self._arrived.connect(self._gather)
        # Who has which record open in an editor (a shared store only).
        self.presence = Presence(store)
        self._watcher = Watcher(store, self._arrived.emit)
        self._watcher.start()
        self._key = id(store)
        _LIVE[self._key] = self

    def _gather(self, change: Change) -> None:
        if change.tables:
            self._tables |= change.tables
        else:
            self._anything = True
        if not self._timer.isActive():
            self._timer.start()

    def _emit(self) -> None:
        tables = frozenset() if self._anything else frozenset(self._tables)
        self._tables.clear()
        self._anything = False
        self.changed.emit(tables)

    def stop(self) -> None:
        self._timer.stop()
        self._watcher.stop()
        self.presence.close()
        _LIVE.pop(self._key, None)


# The LiveStore of each open store (one a window), for what opens later (an editor).
_LIVE: dict[int, LiveStore] = {}


def live_for(store: Store) -> LiveStore | None:
    return _LIVE.get(id(store))
