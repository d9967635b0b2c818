"""The enquiry list: keyset pages, filters, indexed search and changes to many at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from secdesk.demo.enquiries import load_enquiries
from secdesk.domain import AuditEntry, Channel, Enquiry, EnquiryStatus
from secdesk.errors import ValidationError
from secdesk.months import Month
from secdesk.services import enquiries, enquiry_log
from secdesk.services.enquiry_log import (
    EnquiryFilter,
    change_enquiries,
    count_enquiries,
    enquiry_page,
    resolve_enquiries,
)

TODAY = date(2024, 6, 15)


@pytest.fixture
def log(store):
    load_enquiries(store, 400, seed=7, today=TODAY)
    return store


def walk(store, where=None, size=37, between=None):
    """Every row of the list, page by page as the view fetches them."""
    seen, after = [], None
    while True:
        with store.session() as session:
            page = enquiry_page(session, where or EnquiryFilter(), after, size)
        if not page:
            return seen
        seen.extend(page)
        after = page[-1].cursor
        if between:
            between()


def test_pages_are_newest_first_and_cover_every_row_once(log):
    rows = walk(log)
    with log.session() as session:
        everything = session.execute(select(Enquiry.received_at, Enquiry.id)).all()
    assert [r.id for r in rows] == [
        i for _at, i in sorted(everything, key=lambda r: (r[0], r[1]), reverse=True)
    ]


def test_enquiries_logged_while_paging_neither_repeat_nor_hide_a_row(log):
    with log.session() as session:
        before = set(session.scalars(select(Enquiry.id)))
    moments = iter(range(20))

    def someone_logs_two() -> None:
        step = next(moments, None)
        if step is None:  # colleagues stop logging, so the walk can reach the end
            return
        with log.unit_of_work() as session:
            # One now (above the pages already read), one back-dated into the unread part.
            enquiries.log_enquiry(session, {"category_id": 1, "subject": f"Logged just now {step}"})
            enquiries.log_enquiry(
                session,
                {
                    "category_id": 2,
                    "subject": f"Back-dated {step}",
                    "received_at": datetime(2021, 1, 1, tzinfo=UTC) - timedelta(days=step),
                },
            )

    rows = walk(log, size=25, between=someone_logs_two)
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids))
    assert before <= set(ids)
    # Back-dated ones landed where the walk had yet to go, so it met them all.
    assert sum(r.subject.startswith("Back-dated") for r in rows) == 20
    assert not any(r.subject.startswith("Logged just now") for r in rows)


def plain_scan(store, words):
    with store.session() as session:
        found = set()
        for e in session.scalars(select(Enquiry)):
            text = [
                (x or "").lower() for x in (e.subject, e.enquirer_name, e.enquirer_email, e.notes)
            ]
            if all(any(w.lower() in t for t in text) for w in words):
                found.add(e.id)
        return found


@pytest.mark.parametrize(
    "search",
    [
        "modification",  # common
        "FUSA",  # rarer, any case
        "forwarded party",  # two words, in notes and subject
        "zebra",  # absent
        "se",  # shorter than a trigram
        'say "hello"',  # quotes are text, not query syntax
        "100%",
    ],
)
@pytest.mark.parametrize("common_from", [5000, 1], ids=["rare-words", "common-words"])
def test_search_finds_exactly_what_a_plain_scan_finds(log, search, common_from, monkeypatch):
    # SQLite searches a common word by walking the log and a rare one through FTS5: both
    # ways must find the same.
    monkeypatch.setattr(enquiry_log, "COMMON_WORD_ROWS", common_from)
    with log.unit_of_work() as session:
        enquiries.log_enquiry(
            session,
            {
                "category_id": 1,
                "subject": 'Customer wrote: say "hello" to 100% of us',
                "notes": "Zebra crossing? no",
            },
        )
    with log.session() as session:
        found = {r.id for r in walk(log, EnquiryFilter(search=search), size=500)}
        assert count_enquiries(session, EnquiryFilter(search=search)) == len(found)
    assert found == plain_scan(log, search.split())
    if search == "modification":
        assert len(found) > 20


def test_search_sees_edits_and_forgets_old_text(log):
    with log.unit_of_work() as session:
        enquiry = enquiries.log_enquiry(session, {"category_id": 1, "subject": "Quokka sighting"})
        enquiry_id, version = enquiry.id, enquiry.version
    with log.unit_of_work() as session:
        enquiries.update_enquiry(session, enquiry_id, {"subject": "Wombat sighting"}, version)
    with log.session() as session:
        assert count_enquiries(session, EnquiryFilter(search="quokka")) == 0
        assert [r.id for r in enquiry_page(session, EnquiryFilter(search="wombat"))] == [enquiry_id]


def test_filters_narrow_the_list(log):
    month = Month(2024, 3)
    where = EnquiryFilter(
        month=month, channel=Channel.EMAIL, category_id=5, statuses=(EnquiryStatus.RESOLVED,)
    )
    rows = walk(log, where)
    assert rows
    with log.session() as session:
        for row in rows:
            e = session.get(Enquiry, row.id)
            assert month.start <= e.received_at < month.end
            assert (e.channel, e.category_id, e.status) == (
                Channel.EMAIL,
                5,
                EnquiryStatus.RESOLVED,
            )
        expected = session.scalars(
            select(Enquiry.id).where(
                Enquiry.received_at >= month.start,
                Enquiry.received_at < month.end,
                Enquiry.channel == Channel.EMAIL,
                Enquiry.category_id == 5,
                Enquiry.status == EnquiryStatus.RESOLVED,
            )
        ).all()
    assert sorted(r.id for r in rows) == sorted(expected)
    someone = rows[0].assigned_to
    assert all(r.assigned_to == someone for r in walk(log, EnquiryFilter(assigned_to=someone)))


def test_bulk_change_is_validated_once_and_audited_per_enquiry(log):
    with log.session() as session:
        ids = [r.id for r in enquiry_page(session, EnquiryFilter(), None, 5)]
    with log.unit_of_work() as session:
        assert change_enquiries(session, ids, {"category_id": 7, "assigned_to": "jo"}) == 5
    with log.session() as session:
        assert {session.get(Enquiry, i).category_id for i in ids} == {7}
        audited = session.scalars(
            select(AuditEntry.record_id).where(
                AuditEntry.table_name == "enquiry", AuditEntry.field == "assigned_to"
            )
        ).all()
    assert sorted(audited) == sorted(ids)
    with pytest.raises(ValidationError) as caught, log.unit_of_work() as session:
        change_enquiries(session, ids, {"subject": "All the same"})
    assert caught.value.field == "Subject"
    with pytest.raises(ValidationError) as caught, log.unit_of_work() as session:
        change_enquiries(session, ids, {"category_id": 99})
    assert caught.value.field == "Category"


def test_resolve_stamps_every_selected_enquiry(log):
    with log.session() as session:
        open_ones = [
            r.id
            for r in enquiry_page(session, EnquiryFilter(statuses=(EnquiryStatus.OPEN,)), None, 3)
        ]
    assert open_ones
    with log.unit_of_work() as session:
        resolve_enquiries(session, open_ones)
    with log.session() as session:
        for i in open_ones:
            e = session.get(Enquiry, i)
            assert e.status is EnquiryStatus.RESOLVED and e.resolved_at is not None
