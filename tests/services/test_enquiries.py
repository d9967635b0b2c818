from __future__ import annotations

from datetime import UTC, datetime

import pytest

from secdesk.domain import Channel, EnquiryStatus
from secdesk.errors import ConflictError, ValidationError
from secdesk.services import enquiries


def test_log_uses_sensible_defaults(store):
    with store.unit_of_work() as session:
        category = enquiries.category_by_name(session, "general queries")
        enquiry = enquiries.log_enquiry(
            session, {"category_id": category.id, "subject": "Where is the SEC?"}
        )
        assert enquiry.channel is Channel.EMAIL
        assert enquiry.status is EnquiryStatus.OPEN
        assert enquiry.assigned_to == "tester"
        assert (datetime.now(UTC) - enquiry.received_at).total_seconds() < 3600


def test_received_accepts_the_helpdesk_spellings(store):
    with store.unit_of_work() as session:
        enquiry = enquiries.log_enquiry(
            session,
            {
                "category_id": 1,
                "subject": "Call",
                "channel": "telephone",
                "received_at": "03/02/2024 14:05",
                "enquirer_phone": "0113 496 0000",
            },
        )
        assert enquiry.received_at == datetime(2024, 2, 3, 14, 5, tzinfo=UTC)
        assert enquiry.enquirer_phone == "+441134960000"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        ({"subject": ""}, "Subject"),
        ({"channel": "Pigeon"}, "Channel"),
        ({"enquirer_email": "not-an-address"}, "Enquirer e-mail"),
        ({"category_id": 99}, "Category"),
        ({"received_at": "yesterday"}, "Received"),
    ],
)
def test_bad_enquiry_input_names_the_field(store, data, label):
    with pytest.raises(ValidationError) as caught, store.unit_of_work() as session:
        enquiries.log_enquiry(session, {"category_id": 1, "subject": "Hello"} | data)
    assert caught.value.field == label


def test_resolving_stamps_resolved_at_and_reopening_clears_it(store):
    with store.unit_of_work() as session:
        enquiry = enquiries.log_enquiry(session, {"category_id": 1, "subject": "Hello"})
        enquiry_id, version = enquiry.id, enquiry.version
    with store.unit_of_work() as session:
        enquiry = enquiries.update_enquiry(session, enquiry_id, {"status": "Resolved"}, version)
        assert enquiry.resolved_at is not None
        version = enquiry.version
    with store.unit_of_work() as session:
        enquiry = enquiries.update_enquiry(session, enquiry_id, {"status": "Open"}, version)
        assert enquiry.resolved_at is None


def test_concurrent_edit_of_an_enquiry_is_a_conflict(store, other_store):
    with store.unit_of_work() as session:
        enquiry = enquiries.log_enquiry(session, {"category_id": 1, "subject": "Hello"})
        enquiry_id, version = enquiry.id, enquiry.version
    with other_store.unit_of_work() as session:
        enquiries.update_enquiry(session, enquiry_id, {"assigned_to": "colleague"}, version)
    with pytest.raises(ConflictError) as caught, store.unit_of_work() as session:
        enquiries.update_enquiry(session, enquiry_id, {"assigned_to": "me"}, version)
    assert caught.value.stored["assigned_to"] == "colleague"


def test_categories_are_data_and_retired_ones_keep_their_enquiries(store):
    with store.unit_of_work() as session:
        added = enquiries.add_category(session, "Smart Meter Queries")
        assert added.position == 12
        enquiries.log_enquiry(session, {"category_id": added.id, "subject": "Meter"})
        renamed = enquiries.rename_category(session, added.id, "Smart Metering", added.version)
        enquiries.retire_category(session, added.id, renamed.version)
    with store.session() as session:
        assert "Smart Metering" not in [c.name for c in enquiries.list_categories(session)]
        everything = enquiries.list_categories(session, include_retired=True)
        assert everything[-1].name == "Smart Metering"
    with pytest.raises(ValidationError) as caught, store.unit_of_work() as session:
        enquiries.log_enquiry(session, {"category_id": added.id, "subject": "Meter again"})
    assert "retired" in caught.value.message
    with pytest.raises(ValidationError), store.unit_of_work() as session:
        enquiries.add_category(session, "general QUERIES")


def test_a_received_time_in_the_future_is_refused(store):
    from datetime import UTC, datetime, timedelta

    from secdesk.display import as_text
    from secdesk.services import enquiries

    later = datetime.now(UTC) + timedelta(days=400)
    with store.unit_of_work() as session:
        category = enquiries.list_categories(session)[0].id
        with pytest.raises(ValidationError, match=r"Received: .* is in the future"):
            enquiries.log_enquiry(
                session,
                {
                    "channel": "Email",
                    "category_id": category,
                    "subject": "Hello",
                    "received_at": as_text(later),
                },
            )
