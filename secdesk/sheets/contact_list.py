"""The Operations Contact List (GREEN): the only spreadsheet that carries personal data."""

from __future__ import annotations

from typing import Any

from secdesk import validate as v
from secdesk.domain import ContactPriority
from secdesk.sheets.columns import Column, Kind, text_rule
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.sheet_layout import Layout, choice, name_order, party_column

# ---- Operations Contact List (GREEN: the only place personal data is published) ---------

_PRIORITY_ORDER = {priority: i for i, priority in enumerate(ContactPriority)}


def _contacts(register: RegisterSnapshot) -> list[Any]:
    return sorted(
        register.contacts,
        key=lambda c: (
            *name_order(c.party.name, c.party_id),
            _PRIORITY_ORDER[c.priority],
            *name_order(c.name, 0),
            c.email,
            c.id,
        ),
    )


OPERATIONS_CONTACTS = Layout(
    key="contacts",
    title="Operations Contact List",
    sheet="Operations Contacts",
    identity=lambda c: f"contact:{c.id}",
    records=_contacts,
    name_columns=2,
    columns=(
        party_column(also=("Party",)),
        Column(
            "Contact Name",
            lambda c: c.name,
            parse=text_rule(120),
            field="name",
            width=26,
            required=True,
        ),
        Column(
            "Job Title", lambda c: c.job_title, parse=text_rule(120), field="job_title", width=28
        ),
        Column("E-mail", lambda c: c.email, parse=v.email, field="email", width=34),
        Column(
            "Office Phone",
            lambda c: c.office_phone,
            show=v.format_phone,
            parse=v.phone,
            field="office_phone",
            width=18,
        ),
        Column(
            "Out-of-Hours Phone",
            lambda c: c.out_of_hours_phone,
            show=v.format_phone,
            parse=v.phone,
            field="out_of_hours_phone",
            width=20,
        ),
        Column(
            "Priority",
            lambda c: c.priority,
            parse=choice(ContactPriority),
            field="priority",
            width=13,
        ),
        Column("24x7", lambda c: c.is_24x7, Kind.YES_NO, parse=v.yes_no, field="is_24x7", width=7),
        Column(
            "Last Confirmed",
            lambda c: c.last_confirmed,
            Kind.DATE,
            parse=v.parse_date,
            field="last_confirmed",
            width=15,
        ),
    ),
)
