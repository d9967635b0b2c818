from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from secdesk.domain import AuditEntry, Party, PartyStatus
from secdesk.errors import ConflictError, DuplicateError, ValidationError, ValidationErrors
from secdesk.services import parties


def count(store, model):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_create_normalises_every_field(store):
    with store.unit_of_work() as session:
        party = parties.create_party(
            session,
            {
                "name": "  Acme   Energy Ltd ",
                "category": "large supplier",
                "company_number": "sc12345",
                "vat_number": "GB 980 7806 84",
                "registered_address": " 1 High Street \n Leeds ",
                "registered_postcode": "ls11aa",
                "notices_email": "Notices@Acme.example",
                "mpids": "abcd; efgh",
                "gas_identifiers": ["acm"],
                "licences": ["Electricity Supply: ES-0001", ("gas supply", "GS-0002")],
                "dcc_roles": {"IS": "01/02/2020", "gs": None},
                "voting_group": "Acme Group",
                "affiliates": ["Acme Gas Ltd"],
            },
            accession_date="15/01/2019",
        )
        party_id = party.id
    with store.session() as session:
        party = session.get(Party, party_id)
        assert party.name == "Acme Energy Ltd"
        assert party.company_number == "SC012345"
        assert party.vat_number == "980780684"
        assert party.registered_address == "1 High Street\nLeeds"
        assert party.registered_postcode == "LS1 1AA"
        assert party.notices_email == "Notices@acme.example"
        assert [m.code for m in party.mpids] == ["ABCD", "EFGH"]
        assert [g.code for g in party.gas_identifiers] == ["ACM"]
        assert sorted((lic.licence_type.value, lic.reference) for lic in party.licences) == [
            ("Electricity Supply", "ES-0001"),
            ("Gas Supply", "GS-0002"),
        ]
        roles = {r.role.value: r.uep_completed_on for r in party.dcc_roles}
        assert roles == {"IS": date(2020, 2, 1), "GS": None}
        assert party.voting_group.name == "Acme Group"
        assert [a.name for a in party.affiliates] == ["Acme Gas Ltd"]
        assert party.status is PartyStatus.PARTY
        assert party.accession_date == date(2019, 1, 15)


def test_bad_input_names_every_field_and_saves_nothing(store):
    with pytest.raises(ValidationErrors) as caught, store.unit_of_work() as session:
        parties.create_party(
            session,
            {
                "name": "",
                "category": "Big Supplier",
                "vat_number": "GB 980 7806 85",
                "mpids": ["ABCD", "TOO-LONG"],
                "registered_postcode": "nowhere",
            },
        )
    fields = [error.field for error in caught.value.errors]
    assert fields == ["Party name", "Party category", "VAT number", "MPIDs", "Registered postcode"]
    assert count(store, Party) == 0
    assert count(store, AuditEntry) == 0


def test_missing_required_fields_are_named(store):
    with pytest.raises(ValidationError) as caught, store.unit_of_work() as session:
        parties.create_party(session, {"name": "Acme"})
    assert caught.value.field == "Party category"


@pytest.mark.parametrize(
    ("field", "first", "second", "shown"),
    [
        ("company_number", "01234567", "1234567", "01234567"),
        ("vat_number", "980780684", "GB 980 7806 84", "GB 980 7806 84"),
        ("mpids", ["ABCD"], ["WXYZ", "abcd"], "ABCD"),
        ("gas_identifiers", ["ACM"], ["acm"], "ACM"),
    ],
)
def test_duplicates_are_refused_naming_the_other_party(
    store, make_party, field, first, second, shown
):
    make_party(name="First Energy Ltd", **{field: first})
    with pytest.raises(DuplicateError) as caught, store.unit_of_work() as session:
        parties.create_party(
            session, {"name": "Second Energy Ltd", "category": "Other", field: second}
        )
    assert shown in caught.value.message
    assert "First Energy Ltd" in caught.value.message
    assert count(store, Party) == 1


def test_a_party_may_keep_its_own_identifiers_on_update(store, make_party):
    party_id, version = make_party(company_number="01234567", mpids=["ABCD"])
    with store.unit_of_work() as session:
        party = parties.update_party(
            session, party_id, {"company_number": "1234567", "mpids": ["abcd"]}, version
        )
        assert party.version == version + 1


def test_update_with_a_stale_version_raises_a_conflict_with_the_stored_values(
    store, other_store, make_party
):
    party_id, version = make_party(notices_email="old@acme.example")
    with other_store.unit_of_work() as session:
        parties.update_party(session, party_id, {"notices_email": "theirs@acme.example"}, version)
    with pytest.raises(ConflictError) as caught, store.unit_of_work() as session:
        parties.update_party(session, party_id, {"notices_email": "mine@acme.example"}, version)
    conflict = caught.value
    assert conflict.expected_version == version
    assert conflict.stored_version == version + 1
    assert conflict.stored["notices_email"] == "theirs@acme.example"
    with store.session() as session:
        assert session.get(Party, party_id).notices_email == "theirs@acme.example"


def test_changing_only_a_list_still_bumps_and_checks_the_version(store, make_party):
    party_id, version = make_party(mpids=["ABCD"])
    with store.unit_of_work() as session:
        party = parties.update_party(session, party_id, {"mpids": ["ABCD", "EFGH"]}, version)
        new_version = party.version
    assert new_version == version + 1
    with pytest.raises(ConflictError), store.unit_of_work() as session:
        parties.update_party(session, party_id, {"mpids": []}, version)


def test_renaming_keeps_the_old_name_in_the_history(store, make_party):
    party_id, version = make_party(name="Acme Energy Ltd")
    with store.unit_of_work() as session:
        party = parties.update_party(session, party_id, {"name": "Acme Power Ltd"}, version)
        version = party.version
    with store.unit_of_work() as session:
        party = parties.update_party(session, party_id, {"name": "Acme Group plc"}, version)
        assert [n.name for n in party.previous_names] == ["Acme Energy Ltd", "Acme Power Ltd"]
        assert all(n.changed_on == date.today() for n in party.previous_names)


def test_a_failed_update_changes_nothing(store, make_party):
    party_id, version = make_party(mpids=["ABCD"], notices_email="a@acme.example")
    with pytest.raises(ValidationError), store.unit_of_work() as session:
        parties.update_party(
            session,
            party_id,
            {"notices_email": "b@acme.example", "mpids": ["ABCD", "12"]},
            version,
        )
    with store.session() as session:
        party = session.get(Party, party_id)
        assert party.notices_email == "a@acme.example"
        assert [m.code for m in party.mpids] == ["ABCD"]
        assert party.version == version


def test_unknown_party_is_reported(store):
    from secdesk.errors import NotFoundError

    with pytest.raises(NotFoundError) as caught, store.unit_of_work() as session:
        parties.update_party(session, 999, {"name": "Ghost"}, 1)
    assert "Party 999 does not exist" in str(caught.value)


def test_list_searches_filters_and_sorts_in_sql(store, make_party):
    make_party(
        name="Bramble Energy Ltd",
        category="Small Supplier",
        mpids=["BRAM"],
        accession_date="01/01/2020",
    )
    make_party(
        name="Albion Power plc",
        category="Large Supplier",
        company_number="SC000001",
        accession_date="01/01/2018",
    )
    make_party(name="Cedar Metering Ltd", category="Other SEC Party")
    with store.session() as session:
        names = lambda **kw: [p.name for p in parties.list_parties(session, **kw)]  # noqa: E731
        assert names() == ["Albion Power plc", "Bramble Energy Ltd", "Cedar Metering Ltd"]
        assert names(descending=True)[0] == "Cedar Metering Ltd"
        assert names(search="power") == ["Albion Power plc"]
        assert names(search="bram") == ["Bramble Energy Ltd"]
        assert names(search="sc000001") == ["Albion Power plc"]
        assert names(search="BRAM") == ["Bramble Energy Ltd"]  # MPID
        assert names(search="50%") == []  # wildcards are searched for, not obeyed
        assert names(categories=["Small Supplier"]) == ["Bramble Energy Ltd"]
        assert names(statuses=[PartyStatus.APPLICANT]) == ["Cedar Metering Ltd"]
        assert names(sort="accession_date")[:2] == ["Albion Power plc", "Bramble Energy Ltd"]
        with pytest.raises(ValidationError):
            parties.list_parties(session, sort="vat_number; DROP TABLE party")
