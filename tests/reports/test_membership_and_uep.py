"""SEC Party Statistics and UEP completions from a register whose history is known."""

from __future__ import annotations

from datetime import date

from secdesk.months import Month
from secdesk.reports.membership import membership_report
from secdesk.reports.uep import uep_report
from secdesk.services import membership


def test_movements_and_month_end_counts(store, make_party):
    make_party("Old Power Ltd", accession="01/06/2019", voting_group="Old Group")
    make_party("Old Gas Ltd", "Gas Network", accession="01/06/2019", voting_group="Old Group")
    make_party("New Energy Ltd", "Small Supplier", accession="10/02/2024")
    gone_id, gone_version = make_party("Gone Ltd", "Other SEC Party", accession="01/01/2020")
    bad_id, bad_version = make_party("Bad Debts Ltd", "Small Supplier", accession="01/01/2020")
    with store.unit_of_work() as session:
        membership.record_event(
            session, gone_id, "Withdrawal", "20/03/2024", "ceased trading", gone_version
        )
        party = membership.record_event(
            session, bad_id, "Event of Default", "05/01/2024", "unpaid charges", bad_version
        )
        party = membership.record_event(
            session, bad_id, "Default Cured", "15/02/2024", None, party.version
        )
        party = membership.record_event(
            session, bad_id, "Event of Default", "01/03/2024", "unpaid again", party.version
        )
        membership.record_event(
            session, bad_id, "Expulsion", "30/04/2024", "company dissolved", party.version
        )
    with store.session() as session:
        report = membership_report(session, Month(2024, 4))
    movements = dict(report.movements)
    assert movements["Accessions"][-3:] == [1, 0, 0]  # Feb, Mar, Apr
    assert movements["In Default"][-4:] == [1, 0, 1, 0]  # Jan, Feb, Mar, Apr
    assert movements["Withdrawals"][-2:] == [1, 0]
    assert movements["Expulsions"][-1] == 1
    # Jan: Old Power, Old Gas, Gone, Bad (in default still counts) = 4 in 3 groups.
    assert report.parties[-4:] == [4, 5, 4, 3]
    assert report.voting_groups[-4:] == [3, 4, 3, 2]
    by_category = dict(report.groups_by_category)
    assert by_category["Large Supplier"][-1] == 1
    assert by_category["Gas Network"][-1] == 1  # the same group, in its other category
    assert by_category["Small Supplier"][-4:] == [1, 2, 2, 1]
    assert by_category["Other SEC Party"][-4:] == [1, 1, 0, 0]


def test_uep_completions_since_a_date(store, make_party):
    make_party(
        "Acme Energy Ltd", dcc_roles={"IS": "01/02/2024", "GS": "01/02/2024", "ES": "01/01/2023"}
    )
    make_party("Beta Networks plc", "Electricity Network", dcc_roles={"ED": "15/01/2024"})
    make_party("Never Ltd", dcc_roles={"IS": None})
    with store.session() as session:
        report = uep_report(session, date(2024, 1, 1))
    assert report.table() == [
        ["SEC Party", "Party Category", "DCC User role(s)", "Date of UEP completion"],
        ["Beta Networks plc", "Electricity Network", "Electricity Distributor", date(2024, 1, 15)],
        ["Acme Energy Ltd", "Large Supplier", "Import Supplier and Gas Supplier", date(2024, 2, 1)],
    ]


def test_uep_completions_end_with_the_month_chosen(store, make_party):
    """The month control bounds the table: a completion after the month is not in it."""
    from secdesk.months import Month
    from secdesk.reports.catalogue import BY_KEY

    make_party("Acme Energy Ltd", dcc_roles={"IS": "31/01/2024", "GS": "01/02/2024"})
    with store.session() as session:
        report = BY_KEY["uep"].make(session, Month(2024, 1), date(2024, 1, 1))
    assert [row[2] for row in report.table()[1:]] == ["Import Supplier"]
    assert BY_KEY["uep"].subtitle(Month(2024, 1), date(2024, 1, 1)) == "01/01/2024 to 31/01/2024"
