"""A save that loses a race is a conflict, whatever the store and whatever the record.

Our save reads the record, checks its version, and only then writes. A colleague's save
that commits in between must not reach us as a database error (or, worse, be overwritten):
the loser of the race gets the ConflictError that carries the stored values, which the
window turns into its field-by-field merge.

Each test puts the colleague's save exactly there: from our session's ``before_flush``
(after our check, before our UPDATE). On PostgreSQL the colleague commits at once and our
UPDATE then finds the version moved. Where the store serialises writers instead (SQLite
transactions begin as the writer; allocations take a store lock) the colleague waits for
our commit and is the one told of the conflict. Either way exactly one save wins, the other
is a ConflictError, and nothing else happens.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from secdesk.domain import (
    Enquiry,
    EnquiryCategory,
    IdAllocation,
    OperationsContact,
    Organisation,
    Party,
)
from secdesk.errors import ConflictError
from secdesk.services import allocations, contacts, enquiries, parties

Change = Callable[[Session, int, int, str], Any]


@dataclass(frozen=True)
class Kind:
    make: Callable[[Any], tuple[int, int]]  # store → (id, version)
    change: Change  # session, id, version, value
    model: type
    field: str  # the field changed, and where the value lands in ConflictError.stored
    ours: str
    theirs: str  # (a value of "retire" retires the record instead)
    serialised_everywhere: bool = False  # a store lock orders these saves on both stores


def _in(store: Any, work: Callable[[Session], Any]) -> tuple[int, int]:
    with store.unit_of_work() as session:
        record = work(session)
        return record.id, record.version


def _party(store: Any) -> tuple[int, int]:
    return _in(store, lambda s: parties.create_party(s, {"name": "Race Ltd", "category": "Other"}))


def _rdp(store: Any) -> tuple[int, int]:
    return _in(store, lambda s: allocations.create_organisation(s, "RDP", "Race RDS"))


def _contact(store: Any) -> tuple[int, int]:
    party_id, _ = _party(store)
    data = {"party_id": party_id, "name": "Jo", "email": "jo@race.example", "priority": "Main"}
    return _in(store, lambda s: contacts.create_contact(s, data))


def _allocation(store: Any) -> tuple[int, int]:
    holder, _ = _rdp(store)
    data = {
        "organisation_id": holder,
        "organisation_number": 7,
        "range_start": "0000000000000000",
        "range_end": "0000000000FFFFFF",
        "signifier": "RACE",
    }
    return _in(store, lambda s: allocations.allocate(s, data))


def _enquiry(store: Any) -> tuple[int, int]:
    def log(session: Session) -> Any:
        category = enquiries.category_by_name(session, "general queries")
        return enquiries.log_enquiry(session, {"category_id": category.id, "subject": "Race"})

    return _in(store, log)


def _edit_or_retire_contact(s: Session, i: int, v: int, value: str) -> Any:
    if value == "retire":
        return contacts.retire_contact(s, i, v)
    return contacts.update_contact(s, i, {"job_title": value}, v)


KINDS = {
    "party": Kind(
        _party,
        lambda s, i, v, value: parties.update_party(s, i, {"company_number": value}, v),
        Party,
        "company_number",
        "11111111",
        "22222222",
    ),
    "contact": Kind(
        _contact,
        lambda s, i, v, value: contacts.update_contact(s, i, {"job_title": value}, v),
        OperationsContact,
        "job_title",
        "Ours",
        "Theirs",
    ),
    "contact retired": Kind(
        _contact, _edit_or_retire_contact, OperationsContact, "job_title", "retire", "Theirs"
    ),
    "organisation": Kind(
        _rdp,
        lambda s, i, v, value: allocations.update_organisation(s, i, {"name": value}, v),
        Organisation,
        "name",
        "Our RDS",
        "Their RDS",
    ),
    "allocation": Kind(
        _allocation,
        lambda s, i, v, value: allocations.update_allocation(s, i, {"signifier": value}, v),
        IdAllocation,
        "signifier",
        "OURS",
        "THEIRS",
        serialised_everywhere=True,
    ),
    "enquiry": Kind(
        _enquiry,
        lambda s, i, v, value: enquiries.update_enquiry(s, i, {"subject": value}, v),
        Enquiry,
        "subject",
        "Ours",
        "Theirs",
    ),
    "category": Kind(
        lambda store: _in(store, lambda s: enquiries.add_category(s, "Racing")),
        lambda s, i, v, value: enquiries.rename_category(s, i, value, v),
        EnquiryCategory,
        "name",
        "Our racing",
        "Their racing",
    ),
}


@pytest.mark.parametrize("name", list(KINDS))
def test_the_loser_of_a_save_race_gets_the_conflict(store, other_store, backend, name):
    kind = KINDS[name]
    record_id, version = kind.make(store)
    colleague: dict[str, Any] = {}

    def colleague_saves() -> None:
        try:
            with other_store.unit_of_work() as theirs:
                kind.change(theirs, record_id, version, kind.theirs)
            colleague["outcome"] = "saved"
        except BaseException as exc:
            colleague["outcome"] = exc

    thread = threading.Thread(target=colleague_saves)

    def between_check_and_write(session: Session, *_: Any) -> None:
        if session.info.get("user") == "tester" and not thread.is_alive() and not colleague:
            thread.start()
            # Where nothing orders the two saves the colleague's commits now; where the
            # store does, it waits for ours.
            thread.join(timeout=1.0)

    event.listen(Session, "before_flush", between_check_and_write)
    try:
        try:
            with store.unit_of_work() as ours:
                kind.change(ours, record_id, version, kind.ours)
            mine: Any = "saved"
        except BaseException as exc:
            mine = exc
    finally:
        event.remove(Session, "before_flush", between_check_and_write)
    thread.join(timeout=30)
    assert not thread.is_alive()
    theirs = colleague["outcome"]

    outcomes = sorted([mine, theirs], key=lambda o: o == "saved")
    loser, winner = outcomes
    assert winner == "saved", (mine, theirs)
    assert isinstance(loser, ConflictError), (mine, theirs)
    assert loser.expected_version == version
    assert loser.stored_version > version
    won_with = kind.ours if mine == "saved" else kind.theirs
    if won_with != "retire":
        assert loser.stored[kind.field] == won_with
    if backend == "postgresql" and not kind.serialised_everywhere:
        # The interleaving really happened: the colleague committed inside our save.
        assert theirs == "saved" and isinstance(mine, ConflictError)
    # The store holds the winner's change, once, under the next version.
    with store.session() as session:
        record = session.get(kind.model, record_id)
        assert record.version == version + 1
        if won_with == "retire":
            assert record.retired_at is not None
        else:
            assert getattr(record, kind.field) == won_with
