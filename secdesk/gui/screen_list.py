"""The screens of the navigation, in order (Ctrl+1 … Ctrl+9), each loaded on first visit
so that what it brings (QtCharts for Reports, openpyxl for Publish) loads then."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from secdesk.store.engine import Store


@dataclass(frozen=True)
class Screen:
    """A screen of the navigation. Its module is imported when the screen is first shown,
    so what it brings (QtCharts for Reports, openpyxl for Publish) loads on first use."""

    key: str
    title: str
    module: str
    widget: str

    def build(self, store: Store, parent: QWidget) -> QWidget:
        page: QWidget = getattr(import_module(self.module), self.widget)(store, parent)
        return page


SCREENS = (
    Screen("parties", "Parties", "secdesk.gui.parties", "PartyRegister"),
    Screen("contacts", "Operations Contacts", "secdesk.gui.contacts", "ContactRegister"),
    Screen("allocations", "ID Allocation", "secdesk.gui.allocations", "AllocationRegister"),
    Screen("helpdesk", "Helpdesk", "secdesk.gui.helpdesk", "HelpdeskRegister"),
    Screen("changes", "Change Requests", "secdesk.gui.change_requests", "ChangeRequestsPage"),
    Screen("reports", "Reports", "secdesk.gui.reports_page", "ReportsPage"),
    Screen("publish", "Publish", "secdesk.gui.publish_page", "PublishPage"),
    Screen("audit", "Audit Trail", "secdesk.gui.audit_page", "AuditPage"),
    # Shown to the admins of a shared store only (see attach).
    Screen("users", "Users", "secdesk.gui.users_page", "UsersPage"),
)


def number_of(key: str) -> int:
    return next(i for i, screen in enumerate(SCREENS) if screen.key == key)
