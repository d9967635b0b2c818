"""A count in the status bar that takes you to where it is dealt with, shown only when
there is something to count: notifications waiting to be sent, obligations overdue. It is a
hint: counted off the window's thread, and quiet if the store cannot be read (the screen
itself says so)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:  # the window paints before the store's code loads
    from sqlalchemy.orm import Session

    from secdesk.store.engine import Store


class StatusHint(QPushButton):
    def __init__(
        self,
        parent: QWidget,
        name: str,
        count: Callable[[Session], int],
        words: Callable[[int], str],
        tip: str,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFlat(True)
        self.setToolTip(tip)
        self.hide()
        self._count, self._words = count, words

    def recount(self, store: Store) -> None:
        from secdesk.gui.kit.operations import ReadOp

        ReadOp(self, store, self._count).success(self.show_count).failure(
            lambda _exc: None
        ).run_in_background()

    def show_count(self, count: int) -> None:
        self.setText(self._words(count))
        self.setVisible(count > 0)


# What the overdue obligations follow from.
OBLIGATION_TABLES = frozenset(
    {"assessment", "security_profile", "g527_return", "party_dcc_role", "party"}
)


def _count_unsent(session: Session) -> int:  # worker thread: the import happens there too
    from secdesk.services.notifications import count_unsent

    return count_unsent(session)


def _count_overdue(session: Session) -> int:
    from secdesk.services.obligations import overdue_count

    return overdue_count(session, date.today())


def unsent_hint(parent: QWidget) -> StatusHint:
    """Notifications for the DCC and Alt HAN Co waiting to be sent."""
    return StatusHint(
        parent,
        "unsentNotifications",
        _count_unsent,
        lambda n: f"{n} notification{'s' if n != 1 else ''} to send to the DCC / Alt HAN Co",
        "Show them on Change Requests",
    )


def overdue_hint(parent: QWidget) -> StatusHint:
    """Security and privacy obligations past their date."""
    return StatusHint(
        parent,
        "overdueObligations",
        _count_overdue,
        lambda n: f"{n} assessment obligation{'s' if n != 1 else ''} overdue",
        "Show them on Assessments",
    )
