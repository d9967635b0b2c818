"""The screens of the navigation, in order (Ctrl+1 … Ctrl+9, and Ctrl+0 for the tenth).
Each screen's module is imported when the screen is first shown, so that what it brings
(QtCharts for Reports, openpyxl for Publish) loads then — by a typed function per screen,
not a name in a string, so mypy and a reader can follow the window to each screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secdesk.gui.kit.screen import Screen


@dataclass(frozen=True)
class Entry:
    """A screen of the navigation: its key, its title, and its class, loaded on first use."""

    key: str
    title: str
    load: Callable[[], type[Screen]]


def _parties() -> type[Screen]:
    from secdesk.gui.screens.parties import PartyRegister

    return PartyRegister


def _contacts() -> type[Screen]:
    from secdesk.gui.screens.contacts import ContactRegister

    return ContactRegister


def _allocations() -> type[Screen]:
    from secdesk.gui.screens.allocations import AllocationRegister

    return AllocationRegister


def _helpdesk() -> type[Screen]:
    from secdesk.gui.screens.helpdesk import HelpdeskRegister

    return HelpdeskRegister


def _inbox() -> type[Screen]:
    from secdesk.gui.screens.inbox import InboxScreen

    return InboxScreen


def _change_requests() -> type[Screen]:
    from secdesk.gui.screens.change_requests import ChangeRequestsPage

    return ChangeRequestsPage


def _assessments() -> type[Screen]:
    from secdesk.gui.screens.assessments import AssessmentRegister

    return AssessmentRegister


def _reports() -> type[Screen]:
    from secdesk.gui.screens.reports import ReportsPage

    return ReportsPage


def _publish() -> type[Screen]:
    from secdesk.gui.screens.publish import PublishPage

    return PublishPage


def _audit_trail() -> type[Screen]:
    from secdesk.gui.screens.audit_trail import AuditPage

    return AuditPage


def _users() -> type[Screen]:
    from secdesk.gui.screens.users import UsersPage

    return UsersPage


SCREENS = (
    Entry("parties", "Parties", _parties),
    Entry("contacts", "Operations Contacts", _contacts),
    Entry("allocations", "ID Allocation", _allocations),
    Entry("helpdesk", "Helpdesk", _helpdesk),
    Entry("inbox", "Inbox", _inbox),
    Entry("changes", "Change Requests", _change_requests),
    Entry("assessments", "Assessments", _assessments),
    Entry("reports", "Reports", _reports),
    Entry("publish", "Publish", _publish),
    Entry("audit", "Audit Trail", _audit_trail),
    # Shown to the admins of a shared store only (MainWindow._follow_role).
    Entry("users", "Users", _users),
)


def screen_key(number: int) -> str:
    """The shortcut of the screen at ``number`` (from 0): Ctrl+1 … Ctrl+9, the tenth Ctrl+0;
    a screen after the tenth (Users, an admin's) is opened from the list or the View menu."""
    return f"Ctrl+{(number + 1) % 10}" if number < 10 else ""


def number_of(key: str) -> int:
    return next(i for i, screen in enumerate(SCREENS) if screen.key == key)
