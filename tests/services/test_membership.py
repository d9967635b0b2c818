from __future__ import annotations

from datetime import date

import pytest

from secdesk.domain import MembershipEventKind as Kind
from secdesk.domain import Party, PartyStatus
from secdesk.errors import ValidationError
from secdesk.services import allocations, membership


@pytest.mark.parametrize(
    ("events", "status"),
    [
        ([], PartyStatus.APPLICANT),
        ([Kind.ACCESSION], PartyStatus.PARTY),
        ([Kind.ACCESSION, Kind.DEFAULT], PartyStatus.IN_DEFAULT),
        ([Kind.ACCESSION, Kind.DEFAULT, Kind.DEFAULT_CURED], PartyStatus.PARTY),
        ([Kind.ACCESSION, Kind.WITHDRAWAL], PartyStatus.WITHDRAWN),
        ([Kind.ACCESSION, Kind.DEFAULT, Kind.EXPULSION], PartyStatus.EXPELLED),
        ([Kind.WITHDRAWAL], PartyStatus.WITHDRAWN),  # an applicant withdraws
    ],
)
def test_status_follows_from_the_events(events, status):
    dated = [(kind, date(2020, 1, 1 + i)) for i, kind in enumerate(events)]
    assert membership.derive_status(dated)[0] is status


@pytest.mark.parametrize(
    "events",
    [
        [Kind.DEFAULT],
        [Kind.ACCESSION, Kind.ACCESSION],
        [Kind.ACCESSION, Kind.DEFAULT_CURED],
        [Kind.ACCESSION, Kind.WITHDRAWAL, Kind.DEFAULT],
        [Kind.EXPULSION],
    ],
)
def test_impossible_sequences_are_refused(events):
    dated = [(kind, date(2020, 1, 1 + i)) for i, kind in enumerate(events)]
    with pytest.raises(ValidationError) as caught:
        membership.derive_status(dated)
    assert "cannot follow" in caught.value.message


def test_a_back_dated_event_is_checked_against_the_whole_history():
    events = [
        (Kind.ACCESSION, date(2020, 1, 1)),
        (Kind.WITHDRAWAL, date(2021, 1, 1)),
        (Kind.DEFAULT, date(2020, 6, 1)),
    ]
    assert membership.derive_status(events)[0] is PartyStatus.WITHDRAWN
    late = [(Kind.ACCESSION, date(2020, 1, 1)), (Kind.DEFAULT, date(2019, 6, 1))]
    with pytest.raises(ValidationError):
        membership.derive_status(late)


def test_withdrawal_records_the_event_and_marks_allocations_former(store, make_party):
    party_id, version = make_party(accession_date="01/01/2019")
    with store.unit_of_work() as session:
        organisation = allocations.organisation_for_party(session, party_id)
        allocations.allocate(
            session,
            {
                "organisation_id": organisation.id,
                "organisation_number": 7,
                "range_start": "0000000000000000",
                "range_end": "0000000000FFFFFF",
                "signifier": "ACME",
            },
        )
    with store.unit_of_work() as session:
        party = membership.retire_party(session, party_id, "30/06/2024", "ceased trading", version)
        assert party.status is PartyStatus.WITHDRAWN
        assert party.status_since == date(2024, 6, 30)
        assert [(e.kind, e.reason) for e in party.events][-1] == (Kind.WITHDRAWAL, "ceased trading")
        assert party.events[-1].recorded_by == "tester"
    with store.session() as session:
        rows = allocations.list_allocations(session)
        assert [(r.signifier, r.is_current) for r in rows] == [("ACME", False)]
        assert session.get(Party, party_id).accession_date == date(2019, 1, 1)


def test_withdrawal_needs_a_reason(store, make_party):
    party_id, version = make_party(accession_date="01/01/2019")
    with pytest.raises(ValidationError) as caught, store.unit_of_work() as session:
        membership.retire_party(session, party_id, "30/06/2024", " ", version)
    assert caught.value.field == "Reason"
