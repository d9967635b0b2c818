"""Membership Events: a Party's dated history (accession, default and its cure, withdrawal,
expulsion), read by the import and written by ``secdesk membership list --out``, so the
history of one store can be loaded into another and an undated event can be dated."""

from __future__ import annotations

from typing import Any

from secdesk import validate as v
from secdesk.domain import MembershipEventKind
from secdesk.sheets.columns import Column, Kind
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.sheet_layout import Layout, choice, name_order, party_column


def _events(register: RegisterSnapshot) -> list[Any]:
    return sorted(
        register.events,
        key=lambda e: (*name_order(e.party.name, e.party_id), e.occurred_on is None, e.order),
    )


MEMBERSHIP_EVENTS = Layout(
    key="membership_events",
    title="Membership Events",
    sheet="Membership Events",
    identity=lambda e: f"event:{e.id}",
    records=_events,
    columns=(
        party_column(),
        Column(
            "Event",
            lambda e: e.kind,
            parse=choice(MembershipEventKind),
            field="kind",
            width=18,
            required=True,
        ),
        # Blank: the event happened, but when is not known (it is counted in no month).
        Column("Date", lambda e: e.occurred_on, Kind.DATE, parse=v.parse_date, field="date"),
        Column(
            "Reason",
            lambda e: e.reason,
            parse=lambda raw, label: v.optional_text(raw, label, 2000),
            field="reason",
            width=60,
            optional=True,
        ),
    ),
)
