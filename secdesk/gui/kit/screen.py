"""What the window asks of a screen, in one typed place.

Every screen of the navigation derives from Screen: the window builds it on first visit
(secdesk.gui.screen_list), refreshes it when the store changes in a table it ``shows``,
sends it the File menu's commands (New, Open, History, Find) and asks it to save and
restore its layout. A screen overrides what it does; the rest do nothing, so the window
never has to ask what a screen is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from secdesk.store.engine import Store


class Screen(QWidget):
    # The tables whose changes it shows (secdesk.gui.kit.live): a change to one of them,
    # made here or by anyone, refreshes it. None: every change (the Audit Trail).
    shows: ClassVar[frozenset[str] | None] = frozenset()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def refresh(self) -> None:
        """Read what it shows from the store again, keeping selection and scroll."""

    def when_loaded(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once, when the first rows from the store are on screen (the
        window's start-up ends then). A screen without rows to wait for: at once."""
        callback()

    def new_record(self) -> None:
        """File → New (Ctrl+N): a new record of the screen's kind, where it has one."""

    def open_selected(self) -> None:
        """File → Open (Ctrl+O / Enter): the selected record's editor, where it has one."""

    def show_history(self) -> None:
        """File → History (Ctrl+H): the selected record's history, where it has one."""

    def focus_search(self) -> None:
        """View → Find (Ctrl+F): the screen's search box, where it has one."""

    def save_layout(self, settings: QSettings) -> None:
        """Keep column widths and the like (UI state only) for the next session."""

    def restore_layout(self, settings: QSettings) -> None:
        """Put back what save_layout kept."""
