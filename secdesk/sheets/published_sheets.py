"""The four published spreadsheets of SPEC.md, each declared once (party_lists,
contact_list, id_allocation). Adding a column is one line in its ``columns`` tuple."""

from __future__ import annotations

from secdesk.sheets.assessments_sheet import ASSESSMENTS
from secdesk.sheets.contact_list import OPERATIONS_CONTACTS
from secdesk.sheets.id_allocation import ID_ALLOCATION
from secdesk.sheets.membership_events import MEMBERSHIP_EVENTS
from secdesk.sheets.party_lists import PARTIES_LIST, PARTY_DETAILS
from secdesk.sheets.sheet_layout import Layout
from secdesk.sheets.testing_completions import TESTING_COMPLETIONS

# Published together; imported in this order (parties before what refers to them).
LAYOUTS: tuple[Layout, ...] = (PARTIES_LIST, PARTY_DETAILS, OPERATIONS_CONTACTS, ID_ALLOCATION)
# Read by the import, in this order: Parties first, then their dated history, then what
# refers to them.
IMPORTED: tuple[Layout, ...] = (
    PARTIES_LIST,
    MEMBERSHIP_EVENTS,
    PARTY_DETAILS,
    TESTING_COMPLETIONS,
    ASSESSMENTS,
    OPERATIONS_CONTACTS,
    ID_ALLOCATION,
)

__all__ = [
    "ASSESSMENTS",
    "ID_ALLOCATION",
    "IMPORTED",
    "LAYOUTS",
    "MEMBERSHIP_EVENTS",
    "OPERATIONS_CONTACTS",
    "PARTIES_LIST",
    "PARTY_DETAILS",
    "TESTING_COMPLETIONS",
    "Layout",
]
