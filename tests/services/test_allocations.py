from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from secdesk.errors import DuplicateError, ValidationError
from secdesk.services import allocations


def rdp(store, name="Northern RDS"):
    with store.unit_of_work() as session:
        return allocations.create_organisation(session, "RDP", name).id


def allocation(org, number, start, end, signifier):
    return {
        "organisation_id": org,
        "organisation_number": number,
        "range_start": start,
        "range_end": end,
        "signifier": signifier,
    }


def test_allocate_normalises_and_lists(store, make_party):
    party_id, _ = make_party()
    with store.unit_of_work() as session:
        org = allocations.organisation_for_party(session, party_id)
        allocations.allocate(
            session, allocation(org.id, 1, "90-b3-d5-1f-30-00-00-00", "90B3D51F30FFFFFF", "acme")
        )
    with store.session() as session:
        [row] = allocations.list_allocations(session)
    assert (row.organisation_name, row.range_start, row.signifier, row.is_current) == (
        "Acme Energy Ltd",
        "90B3D51F30000000",
        "ACME",
        True,
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("0000000000001010", "0000000000001020"),  # inside
        ("0000000000000000", "000000000000FFFF"),  # covering
        ("0000000000000000", "0000000000001000"),  # sharing the first identifier
        ("00000000000010FF", "0000000000002000"),  # sharing the last identifier
    ],
)
def test_overlapping_ranges_are_refused_naming_the_holder(store, start, end):
    org = rdp(store)
    with store.unit_of_work() as session:
        allocations.allocate(
            session, allocation(org, 1, "0000000000001000", "00000000000010FF", "RDP1")
        )
    with pytest.raises(DuplicateError) as caught, store.unit_of_work() as session:
        allocations.allocate(session, allocation(org, 2, start, end, "RDP2"))
    assert "overlaps" in caught.value.message
    assert "Northern RDS" in caught.value.message


def test_adjacent_ranges_are_fine(store):
    org = rdp(store)
    with store.unit_of_work() as session:
        allocations.allocate(
            session, allocation(org, 1, "0000000000000000", "00000000000000FF", "RDP1")
        )
        allocations.allocate(
            session, allocation(org, 2, "0000000000000100", "00000000000001FF", "RDP2")
        )
    with store.session() as session:
        assert len(allocations.list_allocations(session)) == 2


@pytest.mark.parametrize(
    ("changes", "label"),
    [
        ({"organisation_number": 1}, "Organisation number"),
        ({"signifier": "rdp1"}, "Signifier"),
    ],
)
def test_organisation_number_and_signifier_are_unique(store, changes, label):
    org = rdp(store)
    with store.unit_of_work() as session:
        allocations.allocate(
            session, allocation(org, 1, "0000000000000000", "00000000000000FF", "RDP1")
        )
    data = allocation(org, 2, "0000000000000100", "00000000000001FF", "RDP2") | changes
    with pytest.raises(DuplicateError) as caught, store.unit_of_work() as session:
        allocations.allocate(session, data)
    assert caught.value.field == label


def test_reversed_range_is_refused(store):
    org = rdp(store)
    with pytest.raises(ValidationError) as caught, store.unit_of_work() as session:
        allocations.allocate(
            session, allocation(org, 1, "00000000000000FF", "0000000000000000", "RDP1")
        )
    assert caught.value.field == "Range end"


def test_moving_a_range_onto_another_is_refused_but_resizing_itself_is_not(store):
    org = rdp(store)
    with store.unit_of_work() as session:
        first = allocations.allocate(
            session, allocation(org, 1, "0000000000000000", "00000000000000FF", "RDP1")
        )
        allocations.allocate(
            session, allocation(org, 2, "0000000000000200", "00000000000002FF", "RDP2")
        )
        first_id, version = first.id, first.version
    with store.unit_of_work() as session:
        grown = allocations.update_allocation(
            session, first_id, {"range_end": "00000000000001FF"}, version
        )
        version = grown.version
    with pytest.raises(DuplicateError), store.unit_of_work() as session:
        allocations.update_allocation(session, first_id, {"range_end": "0000000000000200"}, version)


def test_two_connections_cannot_allocate_overlapping_ranges_at_once(store, other_store, backend):
    """The overlap check and the insert run under one lock: a second client that checks
    while the first has not yet committed waits, then sees the first range and refuses."""
    first_org, second_org = rdp(store, "First RDS"), rdp(store, "Second RDS")
    first = store.session()
    allocations.allocate(
        first, allocation(first_org, 1, "0000000000000000", "0000000000FFFFFF", "RDP1")
    )
    outcome: dict[str, object] = {}

    def second_client() -> None:
        try:
            with other_store.unit_of_work() as session:
                allocations.allocate(
                    session,
                    allocation(second_org, 2, "0000000000800000", "0000000001FFFFFF", "RDP2"),
                )
            outcome["result"] = "allocated"
        except Exception as exc:
            outcome["result"] = exc

    thread = threading.Thread(target=second_client)
    thread.start()
    if backend == "postgresql":
        # Proof that the second client really is inside its check, waiting on the lock.
        deadline = time.monotonic() + 30
        with other_store.engine.connect() as watcher:  # sees its own sessions
            while time.monotonic() < deadline:
                waiting = watcher.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock'"
                    )
                ).scalar_one()
                watcher.commit()
                if waiting:
                    break
                time.sleep(0.02)
            assert waiting == 1
    first.commit()
    first.close()
    thread.join(30)
    assert isinstance(outcome["result"], DuplicateError), outcome
    with store.session() as session:
        assert [a.signifier for a in allocations.list_allocations(session)] == ["RDP1"]


def test_proposal_follows_the_last_range(store):
    org = rdp(store)
    with store.unit_of_work() as session:
        assert allocations.propose_allocation(session, 256).range_start == "0000000000000000"
        allocations.allocate(
            session, allocation(org, 4, "0000000000000000", "00000000000000FF", "RDP1")
        )
        proposal = allocations.propose_allocation(session, 256)
    assert (proposal.organisation_number, proposal.range_start, proposal.range_end) == (
        5,
        "0000000000000100",
        "00000000000001FF",
    )


def test_retiring_an_rdp_marks_its_allocations_former(store):
    org = rdp(store)
    with store.unit_of_work() as session:
        allocations.allocate(
            session, allocation(org, 1, "0000000000000000", "00000000000000FF", "RDP1")
        )
    with store.unit_of_work() as session:
        version = session.get(allocations.Organisation, org).version
        allocations.retire_organisation(session, org, version)
    with store.session() as session:
        assert [a.is_current for a in allocations.list_allocations(session)] == [False]
        assert allocations.list_allocations(session, current=True) == []


def test_party_organisations_are_named_by_their_party(store):
    with pytest.raises(ValidationError) as caught, store.unit_of_work() as session:
        allocations.create_organisation(session, "Party", "Acme")
    assert caught.value.field == "Organisation type"


def test_search_sort_and_holder_choices(store, make_party):
    party_id, _ = make_party()
    north = rdp(store)
    with store.unit_of_work() as session:
        allocations.allocate(
            session, allocation(north, 7, "0000000000000000", "00000000000000FF", "NRDS")
        )
        choices = allocations.organisation_choices(session)
        # The Party has no organisation yet: choosing it makes one.
        acme = next(c for c in choices if c.name == "Acme Energy Ltd")
        assert (acme.organisation_id, acme.party_id) == (None, party_id)
        org_id = allocations.holder_id(session, acme)
        allocations.allocate(
            session, allocation(org_id, 3, "0000000000000100", "00000000000001FF", "ACME")
        )
        assert allocations.holder_id(session, acme) == org_id
    with store.session() as session:
        assert [c.name for c in allocations.organisation_choices(session)] == [
            "Acme Energy Ltd",
            "Northern RDS",
        ]
        assert [a.signifier for a in allocations.list_allocations(session, search="nrd")] == [
            "NRDS"
        ]
        assert [a.signifier for a in allocations.list_allocations(session, search="acme")] == [
            "ACME"
        ]
        by_number = allocations.list_allocations(session, sort="organisation_number")
        assert [a.organisation_number for a in by_number] == [3, 7]
        by_number = allocations.list_allocations(
            session, sort="organisation_number", descending=True
        )
        assert [a.organisation_number for a in by_number] == [7, 3]
