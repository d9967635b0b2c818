from __future__ import annotations

from datetime import date

import pytest

from secdesk.errors import ValidationError
from secdesk.services import contacts


def new_contact(store, party, **data):
    values = {
        "party_id": party,
        "name": "Jo Bloggs",
        "email": "jo@acme.example",
        "priority": "Main",
    } | data
    with store.unit_of_work() as session:
        contact = contacts.create_contact(session, values)
        return contact.id, contact.version


def test_phones_are_stored_in_e164_and_flags_parsed(store, make_party):
    party_id, _ = make_party()
    _contact_id, _ = new_contact(
        store,
        party_id,
        office_phone="020 7946 0018",
        out_of_hours_phone="+44 (0)113 496 0001",
        is_24x7="Y",
    )
    with store.session() as session:
        [row] = contacts.list_contacts(session)
    assert (row.office_phone, row.out_of_hours_phone, row.is_24x7) == (
        "+442079460018",
        "+441134960001",
        True,
    )
    assert row.party_name == "Acme Energy Ltd"


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("email", "jo.bloggs", "E-mail"),
        ("office_phone", "12345", "Office phone"),
        ("priority", "Urgent", "Priority"),
        ("party_id", 999, "Party"),
        ("last_confirmed", "31/02/2024", "Last confirmed"),
    ],
)
def test_bad_contact_input_names_the_field(store, make_party, field, value, label):
    party_id, _ = make_party()
    with pytest.raises(ValidationError) as caught:
        new_contact(store, party_id, **{field: value})
    assert caught.value.field == label


def test_overdue_confirmation_filter_and_confirming(store, make_party):
    party_id, _ = make_party()
    today = date(2024, 6, 30)
    new_contact(store, party_id, name="Fresh", last_confirmed=date(2024, 5, 1))
    stale_id, stale_version = new_contact(
        store, party_id, name="Stale", last_confirmed=date(2024, 1, 2)
    )
    new_contact(store, party_id, name="Never")
    with store.session() as session:
        overdue = contacts.list_contacts(session, overdue_only=True, today=today)
    assert sorted(c.name for c in overdue) == ["Never", "Stale"]
    with store.unit_of_work() as session:
        contacts.confirm_contact(session, stale_id, stale_version, on=today)
    with store.session() as session:
        assert sorted(
            c.name for c in contacts.list_contacts(session, overdue_only=True, today=today)
        ) == ["Never"]


def test_retired_contact_leaves_the_list(store, make_party):
    party_id, _ = make_party()
    contact_id, version = new_contact(store, party_id)
    with store.unit_of_work() as session:
        contacts.retire_contact(session, contact_id, version)
    with store.session() as session:
        assert contacts.list_contacts(session) == []


def test_search_and_sort_happen_in_the_query(store, make_party):
    acme, _ = make_party()
    bolt, _ = make_party(name="Bolt Power Ltd", category="Small Supplier")
    new_contact(store, acme, name="Zed Ames", email="zed@acme.example")
    new_contact(store, bolt, name="Ann Bolt", email="ann@bolt.example", priority="Alternative")
    new_contact(store, bolt, name="Cy Bolt", email="cy@bolt.example", last_confirmed="01/02/2025")
    with store.session() as session:
        assert [c.name for c in contacts.list_contacts(session, search="BOLT")] == [
            "Ann Bolt",
            "Cy Bolt",
        ]
        assert [c.name for c in contacts.list_contacts(session, search="acme.example")] == [
            "Zed Ames"
        ]
        by_name = contacts.list_contacts(session, sort="name", descending=True)
        assert [c.name for c in by_name] == ["Zed Ames", "Cy Bolt", "Ann Bolt"]
        # Blanks last whichever way the column is sorted.
        for descending in (False, True):
            rows = contacts.list_contacts(session, sort="last_confirmed", descending=descending)
            assert rows[0].name == "Cy Bolt"
        with pytest.raises(ValidationError, match="cannot sort contacts"):
            contacts.list_contacts(session, sort="password")


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2026, 6, 30), date(2026, 3, 30)),  # not the 28th: 29-31 March are in time
        (date(2026, 5, 31), date(2026, 2, 28)),
        (date(2024, 5, 31), date(2024, 2, 29)),
        (date(2026, 1, 15), date(2025, 10, 15)),
        (date(2024, 2, 15), date(2023, 11, 15)),
    ],
)
def test_confirmation_is_due_three_calendar_months_on(today, due):
    from secdesk.services.contacts import confirmation_due_before

    assert confirmation_due_before(today) == due
