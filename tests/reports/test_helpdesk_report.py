"""The SECAS Helpdesk Emails table, computed from a log whose counts are known."""

from __future__ import annotations

from datetime import UTC, datetime

from secdesk.domain import DEFAULT_CATEGORIES
from secdesk.months import Month
from secdesk.reports.helpdesk import TELEPHONE_ROW, helpdesk_report
from secdesk.services import enquiries


def log(store, category, when, channel="Email", times=1):
    with store.unit_of_work() as session:
        category_id = enquiries.category_by_name(session, category).id
        for _ in range(times):
            enquiries.log_enquiry(
                session,
                {
                    "category_id": category_id,
                    "subject": "Hello",
                    "received_at": when,
                    "channel": channel,
                },
            )


def test_the_table_counts_emails_by_category_and_month(store):
    log(store, "General Queries", "03/02/2024 10:00", times=3)
    log(store, "General Queries", "28/02/2024 17:00")
    log(store, "Modifications", "15/03/2024 09:00", times=2)
    log(store, "Applications", "15/04/2023 09:00")  # the oldest of the twelve months
    log(store, "Applications", "31/03/2023 12:00")  # a month too early: not counted
    log(store, "Other", "02/02/2024 11:00", channel="Telephone", times=2)
    log(store, "Other", "05/03/2024 11:00", channel="Other")  # neither e-mail nor telephone
    with store.session() as session:
        report = helpdesk_report(session, Month(2024, 3))
    table = report.table()
    assert table[0] == [
        "Category",
        "Apr-23",
        "May-23",
        "Jun-23",
        "Jul-23",
        "Aug-23",
        "Sep-23",
        "Oct-23",
        "Nov-23",
        "Dec-23",
        "Jan-24",
        "Feb-24",
        "Mar-24",
    ]
    by_name = {row[0]: row[1:] for row in table[1:]}
    # The eleven categories in the Operations Report's order (SPEC.md, kept in the domain).
    assert [row[0] for row in table[1:12]] == list(DEFAULT_CATEGORIES)
    assert by_name["General Queries"] == [0] * 10 + [4, 0]
    assert by_name["Modifications"] == [0] * 11 + [2]
    assert by_name["Applications"] == [1] + [0] * 11
    assert by_name["Other"] == [0] * 12  # telephone and other channels are not e-mails
    assert by_name["Contact Info"] == [0] * 12  # a month with nothing is 0, not blank
    assert table[12] == ["Total", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 2]
    assert table[13] == [TELEPHONE_ROW] + [0] * 10 + [2, 0]


def test_months_are_uk_time(store):
    # 23:30 UTC on 31 March 2024 is 00:30 BST on 1 April: an April e-mail.
    log(store, "General Queries", datetime(2024, 3, 31, 23, 30, tzinfo=UTC))
    log(store, "General Queries", datetime(2024, 3, 31, 22, 59, tzinfo=UTC))  # 23:59 BST
    with store.session() as session:
        report = helpdesk_report(session, Month(2024, 4))
    row = dict((name, counts) for name, counts in report.rows)["General Queries"]
    assert row[-2:] == [1, 1]


def test_a_retired_category_stays_in_the_months_it_was_used(store):
    with store.unit_of_work() as session:
        used = enquiries.add_category(session, "Smart Meter Queries")
        unused = enquiries.add_category(session, "Fax Enquiries")
        used_id, used_version = used.id, used.version
        unused_id, unused_version = unused.id, unused.version
    log(store, "Smart Meter Queries", "10/01/2024 10:00", times=2)
    with store.unit_of_work() as session:
        enquiries.retire_category(session, used_id, used_version)
        enquiries.retire_category(session, unused_id, unused_version)
    with store.session() as session:
        this_year = helpdesk_report(session, Month(2024, 3))
        later = helpdesk_report(session, Month(2025, 6))
    names = [name for name, _ in this_year.rows]
    assert names[-1] == "Smart Meter Queries" and "Fax Enquiries" not in names
    assert this_year.rows[-1][1][-3] == 2
    assert this_year.totals[-3] == 2
    assert "Smart Meter Queries" not in [name for name, _ in later.rows]
