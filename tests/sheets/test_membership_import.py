"""Membership history is never invented: a status a file gives without a date is kept as an
undated event that no month counts, and dated history can be loaded (a Membership Events
file, or ``secdesk membership record``) so that a store loaded from a published set and its
history reports exactly what the source store reports."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from secdesk import cli
from secdesk.domain import MembershipEvent, MembershipEventKind, Party, PartyStatus
from secdesk.months import Month
from secdesk.reports.membership import membership_report
from secdesk.services import membership, parties
from secdesk.sheets.importer import import_files
from tests.sheets.conftest import export_all
from tests.sheets.test_import_trust import PARTIES, book, csv_file, messages, party

EVENTS = ["Party Name", "Event", "Date", "Reason"]
THIS_MONTH = Month.of(date.today())


def events_of(store, name):
    with store.session() as session:
        found = session.scalar(select(Party).where(Party.name == name))
        return found.status, [(e.kind.value, e.occurred_on, e.reason) for e in found.events]


def test_an_imported_status_is_an_undated_event_that_no_month_counts(store, tmp_path):
    path = book(
        tmp_path / "p.xlsx",
        PARTIES,
        [
            party("Gone Ltd", status="Withdrawn", acceded="01/03/2016"),
            party("Late Payer plc", status="In Default", acceded="01/03/2017"),
            party("Never Joined Ltd", status="Withdrawn", acceded=None),
        ],
    )
    assert import_files(store, [path]).committed
    status, events = events_of(store, "Gone Ltd")
    assert status is PartyStatus.WITHDRAWN
    assert [(kind, when) for kind, when, _ in events] == [
        ("Accession", date(2016, 3, 1)),
        ("Withdrawal", None),
    ]
    assert events_of(store, "Never Joined Ltd")[1][0][:2] == ("Withdrawal", None)
    with store.session() as session:
        report = membership_report(session, THIS_MONTH)
    movements = dict(report.movements)
    assert movements["Withdrawals"] == [0] * 12 and movements["In Default"] == [0] * 12
    assert len(report.undated) == 3
    notes = "\n".join(report.notes())
    assert "3 undated event(s)" in notes and "Gone Ltd: Withdrawal" in notes
    # The Parties at this month's end follow the statuses: only the defaulter is a member.
    assert report.parties[-1] == 1


def test_a_membership_events_file_dates_undated_events_in_any_row_order(store, tmp_path):
    parties_file = book(
        tmp_path / "p.xlsx",
        PARTIES,
        [party("Gone Ltd", status="Withdrawn", acceded="01/03/2016"), party("Cured Ltd")],
    )
    assert import_files(store, [parties_file]).committed
    history = csv_file(
        tmp_path / "events.csv",
        EVENTS,
        [
            ["Cured Ltd", "Default Cured", "01/09/2020", None],
            ["Gone Ltd", "Withdrawal", "05/06/2019", "voluntarily requested to be withdrawn"],
            ["Cured Ltd", "Event of Default", "01/07/2020", "unpaid charges"],
            ["Gone Ltd", "Accession", "01/03/2016", None],
        ],
    )
    report = import_files(store, [history])
    assert report.committed, messages(report)
    counts = report.counts["Membership Events"]
    assert (counts["created"], counts["changed"], counts["unchanged"]) == (2, 1, 1)
    status, events = events_of(store, "Gone Ltd")
    assert status is PartyStatus.WITHDRAWN
    assert events[-1] == ("Withdrawal", date(2019, 6, 5), "voluntarily requested to be withdrawn")
    assert events_of(store, "Cured Ltd")[0] is PartyStatus.PARTY
    with store.session() as session:
        june = membership_report(session, Month(2019, 6))
        assert dict(june.movements)["Withdrawals"][-1] == 1
        assert membership_report(session, THIS_MONTH).undated == []
    again = import_files(store, [history])
    assert again.counts["Membership Events"]["unchanged"] == 4


def test_history_that_cannot_have_happened_is_a_row_error(store, tmp_path):
    assert import_files(store, [book(tmp_path / "p.xlsx", PARTIES, [party("Acme Ltd")])]).committed
    history = csv_file(
        tmp_path / "events.csv",
        EVENTS,
        [["Acme Ltd", "Expulsion", "01/01/2015", "dissolved"], ["Nobody Ltd", "Accession", "", ""]],
    )
    report = import_files(store, [history])
    assert not report.committed
    assert {e.row for e in report.errors} == {2, 3}, messages(report)
    assert events_of(store, "Acme Ltd")[1] == [("Accession", date(2019, 2, 1), None)]


def _source_store(store) -> None:
    """A register with a history: defaults cured, withdrawals and an expulsion, each dated."""
    with store.unit_of_work() as session:
        made = {}
        for name, acceded in (
            ("Alpha Energy Ltd", "01/02/2016"),
            ("Bravo Gas Ltd", "03/04/2017"),
            ("Charlie Power plc", "05/06/2018"),
            ("Delta Metering Ltd", "07/08/2019"),
        ):
            made[name] = parties.create_party(
                session, {"name": name, "category": "Small Supplier"}, accession_date=acceded
            )
    history = [
        ("Bravo Gas Ltd", "Event of Default", "10/01/2026", "unpaid charges"),
        ("Bravo Gas Ltd", "Default Cured", "20/02/2026", None),
        ("Charlie Power plc", "Withdrawal", "15/03/2026", "voluntarily requested to be withdrawn"),
        ("Delta Metering Ltd", "Event of Default", "01/04/2026", "ceased trading"),
        ("Delta Metering Ltd", "Expulsion", "30/05/2026", "the company being dissolved"),
    ]
    for name, kind, when, reason in history:
        with store.unit_of_work() as session:
            found = session.scalar(select(Party).where(Party.name == name))
            membership.record_event(session, found.id, kind, when, reason, found.version)


def test_a_published_set_and_its_history_give_the_source_report(
    store, store_factory, tmp_path, capsys
):
    _source_store(store)
    published = export_all(store, tmp_path / "published")
    url = store.engine.url.render_as_string(hide_password=False)
    assert cli.main(["--store", url, "membership", "list", "--out", str(tmp_path / "h.xlsx")]) == 0
    month = Month(2026, 6)
    with store.session() as session:
        source = membership_report(session, month)

    bare = store_factory()
    assert import_files(bare, [published["parties"]]).committed
    with bare.session() as session, store.session() as original:
        statuses = dict(session.execute(select(Party.name, Party.status)).all())
        assert statuses == dict(original.execute(select(Party.name, Party.status)).all())
        dated = set(
            session.execute(
                select(MembershipEvent.kind, MembershipEvent.occurred_on).where(
                    MembershipEvent.occurred_on.is_not(None)
                )
            ).all()
        )
        assert dated <= set(
            original.execute(select(MembershipEvent.kind, MembershipEvent.occurred_on)).all()
        )

    loaded = store_factory()
    report = import_files(loaded, [*published.values(), tmp_path / "h.xlsx"])
    assert report.committed, messages(report)
    with loaded.session() as session:
        copy = membership_report(session, month)
    assert copy.table() == source.table()
    assert copy.undated == [] and copy.notes() == source.notes()  # the reasons too


def test_membership_commands_record_and_list(store, tmp_path, capsys):
    path = book(tmp_path / "p.xlsx", PARTIES, [party("Gone Ltd", status="Withdrawn")])
    assert import_files(store, [path]).committed
    url = store.engine.url.render_as_string(hide_password=False)
    code = cli.main(
        ["--store", url, "membership", "record", "gone ltd", "withdrawal", "--date", "02/03/2021"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Recorded Withdrawal of Gone Ltd on 02/03/2021" in out
    _status, events = events_of(store, "Gone Ltd")
    assert [e[:2] for e in events] == [
        ("Accession", date(2019, 2, 1)),
        ("Withdrawal", date(2021, 3, 2)),
    ]
    assert events[-1][2]  # the reason recorded on import is kept
    code = cli.main(
        ["--store", url, "membership", "list", "Gone Ltd", "--out", str(tmp_path / "h.csv")]
    )
    out, _ = capsys.readouterr()
    assert code == 0 and "Gone Ltd\tWithdrawal\t02/03/2021" in out
    text = (tmp_path / "h.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == ",".join(EVENTS) and text[2].startswith("Gone Ltd,Withdrawal,02/03/2021")
    code = cli.main(["--store", url, "membership", "record", "Nobody", "accession", "--date", "x"])
    _out, err = capsys.readouterr()
    assert code == 1 and "--date" in err and "Traceback" not in err


def test_events_of_a_kind_already_held_undated_are_not_duplicated(store, tmp_path):
    path = book(tmp_path / "p.xlsx", PARTIES, [party("Gone Ltd", status="Withdrawn")])
    assert import_files(store, [path]).committed
    again = import_files(store, [path])
    assert again.counts["SEC Parties List"]["unchanged"] == 1
    kinds = [e[0] for e in events_of(store, "Gone Ltd")[1]]
    assert kinds.count(MembershipEventKind.WITHDRAWAL.value) == 1
