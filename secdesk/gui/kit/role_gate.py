"""The window follows the user's role: what the role may not do stays disabled, with a
tooltip saying why ("Publishing needs the party engagement role").

A screen enables and disables its buttons as the selection changes; a gated button stays
disabled whatever the screen says, because the gate answers every change of its enabled
state. The rule itself is secdesk.domain.roles; the database enforces it regardless, and a
refusal that gets past the window (a role changed meanwhile) is said in words by
secdesk.store.dberrors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from secdesk.domain.roles import Action, refusal

if TYPE_CHECKING:
    from secdesk.store.engine import Store


class _Keeper(QObject):
    """Turns a gated widget off again whenever something turns it on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.EnabledChange
            and isinstance(watched, QWidget)
            and watched.isEnabled()
        ):
            watched.setEnabled(False)
        return False


def gate(store: Store, action: Action, *controls: QWidget | QAction) -> bool:
    """Keep ``controls`` disabled, with the reason as their tooltip, if the user's role may
    not take ``action``. Returns whether it may."""
    if store.may(action):
        return True
    why = refusal(action)
    for control in controls:
        control.setToolTip(why)
        control.setStatusTip(why)
        control.setEnabled(False)
        if isinstance(control, QAction):
            control.changed.connect(lambda c=control: c.isEnabled() and c.setEnabled(False))
        else:
            keeper = _Keeper(control)
            control.installEventFilter(keeper)
    return False
