"""Testing Completions: the entry tests each Party completed — SREPT (SMKI and Repository
Entry Process Testing) once, UEPT (User Entry Process Testing) once for each DCC User role
— as the Operations Report counts them. Read by the import (a workbook or CSV with the
headers Party Name, Test, DCC User Role, Date)."""

from __future__ import annotations

from typing import Any

from secdesk import validate as v
from secdesk.domain import DccUserRole, EntryTest
from secdesk.sheets.columns import Column, Kind
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.sheet_layout import Layout, choice, name_order, party_column


def _completions(register: RegisterSnapshot) -> list[Any]:
    return sorted(
        register.testing,
        key=lambda c: (*name_order(c.party.name, c.party_id), c.completed_on, c.test, c.id),
    )


def _role(raw: Any, label: str) -> DccUserRole | None:
    """A DCC User role by its code (IS) or its name (Import Supplier); blank for SREPT."""
    text = v.optional_text(raw, label, 60)
    if text is None:
        return None
    from secdesk.domain.enums import role_by_words

    return role_by_words(text, label)


TESTING_COMPLETIONS = Layout(
    key="testing_completions",
    title="Testing Completions",
    sheet="Testing Completions",
    identity=lambda c: f"testing:{c.id}",
    records=_completions,
    columns=(
        party_column(),
        Column(
            "Test", lambda c: c.test, parse=choice(EntryTest), field="test", width=10, required=True
        ),
        Column(
            "DCC User Role",
            lambda c: c.role,
            parse=_role,
            field="role",
            width=28,
            optional=True,
        ),
        Column(
            "Date",
            lambda c: c.completed_on,
            Kind.DATE,
            parse=v.parse_date,
            field="date",
            required=True,
        ),
    ),
)
