"""Change in Party Details: intake, review, partial approval, action under the version the
reviewer saw, and the notifications for the DCC and Alt HAN Co."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from secdesk.domain import (
    AuditEntry,
    ChangeDecision,
    ChangeRequestStatus,
    NotificationRecipient,
    Party,
)
from secdesk.errors import ConflictError, ValidationError
from secdesk.months import working_days
from secdesk.services import change_requests as cr
from secdesk.services import change_review, contacts, parties
from secdesk.services import notifications as notes
from secdesk.services.change_fields import contact_key

APPROVE, REJECT = ChangeDecision.APPROVED, ChangeDecision.REJECTED


def header(party_id, **over):
    return {
        "party_id": party_id,
        "received_on": "02/11/2026",
        "requester_name": "Jo Bloggs",
        "requester_email": "jo@acme.example",
        "notify_dcc": True,
        "notify_alt_han": False,
    } | over


def new_request(store, party_id, changes, **over):
    with store.unit_of_work() as session:
        request = cr.record_request(session, header(party_id, **over), changes)
        return request.id


def look(store, request_id):
    with store.session() as session:
        return change_review.review(session, request_id, today=date(2026, 11, 9))


def decide_all(store, request_id, decisions):
    """decisions: key -> (decision, reason)"""
    for key, (decision, reason) in decisions.items():
        seen = look(store, request_id)
        line = next(line for line in seen.lines if line.key == key)
        with store.unit_of_work() as session:
            cr.decide(session, request_id, line.item_id, decision, reason, seen.version)


def action(store, request_id):
    seen = look(store, request_id)
    with store.unit_of_work() as session:
        return cr.action_request(session, request_id, seen.version, seen.seen)


@pytest.fixture
def supplier(make_party):
    return make_party(
        name="Acme Energy Ltd",
        category="Large Supplier",
        vat_number="GB 980 7806 84",
        registered_postcode="BS1 4DJ",
        mpids=["ACME"],
        accession_date="01/01/2019",
    )[0]


def test_the_review_shows_current_beside_requested_and_what_really_differs(store, supplier):
    request_id = new_request(
        store,
        supplier,
        {"registered_postcode": "bs1 4dj", "notices_email": "notices@acme.example"},
    )
    review = look(store, request_id)
    lines = {line.key: line for line in review.lines}
    assert lines["registered_postcode"].current == "BS1 4DJ"
    assert lines["registered_postcode"].requested == "bs1 4dj"
    assert not lines["registered_postcode"].differs  # the same postcode, typed in lower case
    assert lines["notices_email"].differs and lines["notices_email"].current == ""
    assert review.age == 5  # received Monday 2 November, seen Monday 9 November
    assert review.status is ChangeRequestStatus.OPEN
    with store.session() as session:
        [summary] = change_review.list_requests(session, today=date(2026, 11, 9))
    assert (summary.party, summary.fields, summary.pending) == ("Acme Energy Ltd", 2, 2)


def test_partial_approval_applies_only_the_approved_fields(store, supplier):
    request_id = new_request(
        store,
        supplier,
        {"vat_number": "GB 434 0314 94", "notices_email": "notices@acme.example"},
    )
    decide_all(
        store,
        request_id,
        {"vat_number": (APPROVE, None), "notices_email": (REJECT, "Not signed by a director")},
    )
    done = action(store, request_id)
    assert done.status is ChangeRequestStatus.ACTIONED
    assert [label for label, _old, _new in done.changed] == ["VAT number"]
    with store.session() as session:
        party = session.get(Party, supplier)
        assert party.vat_number == "434031494"
        assert party.notices_email is None
        review = change_review.review(session, request_id)
        assert review.closed_by == "tester" and review.closed_at is not None
        [line] = [line for line in review.lines if line.key == "notices_email"]
        assert line.reason == "Not signed by a director"
        # The register's own audit entries record the approved change.
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.table_name == "party", AuditEntry.field == "vat_number")
                .where(AuditEntry.action == "update")
            )
            == 1
        )


def test_every_change_must_be_decided_and_a_rejection_needs_a_reason(store, supplier):
    request_id = new_request(store, supplier, {"notices_email": "n@acme.example"})
    with pytest.raises(ValidationError, match="approve or reject every requested change"):
        action(store, request_id)
    seen = look(store, request_id)
    with pytest.raises(ValidationError, match="Reason: is required"), store.unit_of_work() as s:
        cr.decide(s, request_id, seen.lines[0].item_id, REJECT, "  ", seen.version)


def test_an_invalid_requested_value_is_recorded_and_cannot_be_approved_until_corrected(
    store, supplier
):
    request_id = new_request(store, supplier, {"registered_postcode": "NOT A POSTCODE"})
    review = look(store, request_id)
    [line] = review.lines
    assert line.problem and "postcode" in line.problem.lower()
    with pytest.raises(ValidationError, match="cannot be approved"), store.unit_of_work() as s:
        cr.decide(s, request_id, line.item_id, APPROVE, None, review.version)
    with store.unit_of_work() as session:
        cr.correct_value(session, request_id, line.item_id, "BS2 0JA", review.version)
    decide_all(store, request_id, {"registered_postcode": (APPROVE, None)})
    action(store, request_id)
    with store.session() as session:
        assert session.get(Party, supplier).registered_postcode == "BS2 0JA"


def test_alt_han_consent_is_refused_for_a_party_that_is_not_a_supplier(store, make_party):
    network, _ = make_party(name="Northern Wires plc", category="Electricity Network")
    with pytest.raises(ValidationError) as caught, store.unit_of_work() as session:
        cr.record_request(session, header(network, notify_alt_han=True), {"vat_number": "x"})
    assert caught.value.field == "Notify Alt HAN Co"
    assert "only a Supplier Party" in caught.value.message
    assert "Electricity Network" in caught.value.message
    with store.session() as session:
        assert change_review.list_requests(session) == []


def test_an_unknown_field_is_refused_and_nothing_is_recorded(store, supplier):
    with pytest.raises(ValidationError, match="not a field"), store.unit_of_work() as session:
        cr.record_request(session, header(supplier), {"status": "Withdrawn"})
    with store.session() as session:
        assert change_review.list_requests(session) == []


def test_a_party_changed_after_the_review_is_a_conflict_and_nothing_is_half_applied(
    store, supplier
):
    request_id = new_request(
        store,
        supplier,
        {"vat_number": "GB 434 0314 94", "notices_email": "notices@acme.example"},
    )
    decide_all(store, request_id, {"vat_number": (APPROVE, None), "notices_email": (APPROVE, None)})
    seen = look(store, request_id)
    with store.unit_of_work() as session:  # a colleague edits the Party meanwhile
        party = session.get(Party, supplier)
        parties.update_party(session, supplier, {"invoice_email": "ap@acme.example"}, party.version)
    with pytest.raises(ConflictError), store.unit_of_work() as session:
        cr.action_request(session, request_id, seen.version, seen.seen)
    with store.session() as session:
        party = session.get(Party, supplier)
        assert party.vat_number == "980780684" and party.notices_email is None
        assert change_review.review(session, request_id).status is ChangeRequestStatus.OPEN
        assert notes.notifications(session) == []
    action(store, request_id)  # reviewed again: it goes through
    with store.session() as session:
        assert session.get(Party, supplier).notices_email == "notices@acme.example"


def test_notifications_list_exactly_the_changed_fields_for_each_consented_recipient(
    store, supplier, make_party
):
    with store.unit_of_work() as session:
        contact = contacts.create_contact(
            session,
            {
                "party_id": supplier,
                "name": "Sam Ops",
                "email": "sam@acme.example",
                "priority": "Main",
            },
        )
        contact_id = contact.id
    request_id = new_request(
        store,
        supplier,
        {
            "vat_number": "GB 434 0314 94",
            "registered_postcode": "BS1 4DJ",  # the same as now: approved, not a change
            contact_key(contact_id, "email"): "sam.ops@acme.example",
            "notices_email": "notices@acme.example",
        },
        notify_alt_han=True,
    )
    decide_all(
        store,
        request_id,
        {
            "vat_number": (APPROVE, None),
            "registered_postcode": (APPROVE, None),
            contact_key(contact_id, "email"): (APPROVE, None),
            "notices_email": (REJECT, "No evidence"),
        },
    )
    done = action(store, request_id)
    assert done.notifications == (NotificationRecipient.DCC, NotificationRecipient.ALT_HAN_CO)
    expected = (
        ("VAT number", "980780684", "434031494"),
        ("Contact Sam Ops: E-mail", "sam@acme.example", "sam.ops@acme.example"),
    )
    with store.session() as session:
        unsent = notes.notifications(session)
        assert [n.recipient for n in unsent] == list(done.notifications)
        for n in unsent:
            assert n.changes == expected
            assert "VAT number: 980780684 -> 434031494" in n.body
            assert "postcode" not in n.body.lower() and "notices" not in n.body.lower()
        assert session.get(contacts.OperationsContact, contact_id).email == ("sam.ops@acme.example")
    first = unsent[0]
    with store.unit_of_work() as session:
        notes.mark_sent(session, first.id, first.version)
    with store.session() as session:
        assert [n.recipient for n in notes.notifications(session)] == [
            NotificationRecipient.ALT_HAN_CO
        ]
        [sent] = [n for n in notes.notifications(session, unsent_only=False) if n.sent_at]
        assert sent.sent_by == "tester"
    with pytest.raises(ValidationError, match="already marked sent"), store.unit_of_work() as s:
        notes.mark_sent(s, first.id, first.version + 1)


def test_no_notification_without_consent_or_without_a_real_change(store, supplier):
    quiet = new_request(store, supplier, {"vat_number": "GB 434 0314 94"}, notify_dcc=False)
    decide_all(store, quiet, {"vat_number": (APPROVE, None)})
    assert action(store, quiet).notifications == ()
    same = new_request(store, supplier, {"registered_postcode": "bs1 4dj"})
    decide_all(store, same, {"registered_postcode": (APPROVE, None)})
    assert action(store, same).notifications == ()
    rejected = new_request(store, supplier, {"notices_email": "n@acme.example"})
    decide_all(store, rejected, {"notices_email": (REJECT, "Withdrawn by the Party")})
    assert action(store, rejected).status is ChangeRequestStatus.REJECTED
    with store.session() as session:
        assert notes.notifications(session) == []
        assert change_review.list_requests(session) == []
        assert len(change_review.list_requests(session, open_only=False)) == 3


def test_a_closed_request_cannot_change(store, supplier):
    request_id = new_request(store, supplier, {"notices_email": "n@acme.example"})
    decide_all(store, request_id, {"notices_email": (APPROVE, None)})
    action(store, request_id)
    seen = look(store, request_id)
    with pytest.raises(ValidationError, match="already actioned"), store.unit_of_work() as s:
        cr.decide(s, request_id, seen.lines[0].item_id, REJECT, "late", seen.version)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 11, 6), date(2026, 11, 6), 0),  # Friday, same day
        (date(2026, 11, 6), date(2026, 11, 9), 1),  # Friday → Monday
        (date(2026, 11, 7), date(2026, 11, 8), 0),  # a weekend
        (date(2026, 11, 2), date(2026, 11, 30), 20),  # four whole weeks
        (date(2026, 11, 4), date(2026, 11, 17), 9),
    ],
)
def test_age_counts_working_days(start, end, days):
    assert working_days(start, end) == days
