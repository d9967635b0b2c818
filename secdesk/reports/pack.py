"""The Operations Report pack: the market-entry, membership and helpdesk sections of the
monthly Operations Report to the SEC Panel, in the Report's own words, numbering and
tables (the February 2018 Report, SECP_54_0903_15, is the model), every number computed
from the log and the register. Written as a workbook (secdesk.reports.pack_workbook) and
as A4 pages (secdesk.reports.pack_pdf)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.domain import (
    DccUserRole,
    EntryTest,
    MembershipEvent,
    MembershipEventKind,
    Party,
    TestingCompletion,
)
from secdesk.errors import ValidationError
from secdesk.months import Month
from secdesk.reports.helpdesk import helpdesk_report
from secdesk.reports.membership import membership_report
from secdesk.reports.uep import uep_report
from secdesk.reports.words import joined, roles_in_words
from secdesk.services.panel_meetings import since_last_meeting

TITLE = "Operations Report"
PAPER = "SEC Panel Operations Report"


@dataclass(frozen=True)
class PackTable:
    caption: str  # "Table 2: UEP completions since the last SEC Panel meeting"
    headers: list[str]
    rows: list[list[object]]
    emphasised: tuple[str, ...] = ()  # first cells of rows printed in bold (Total)
    # The figure's numbers, which the workbook's chart is drawn from; on paper the figure
    # (whose legend gives them) stands in its place.
    figure_data: bool = False


@dataclass(frozen=True)
class Figure:
    caption: str  # "Figure 1: Breakdown of SEC Voting Groups"
    kind: str  # "pie" or "stacked columns"
    categories: list[str]
    series: list[tuple[str, list[int]]]


@dataclass(frozen=True)
class Section:
    number: str  # "1.4"
    title: str  # "Membership"
    sentences: list[str]
    tables: list[PackTable] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    figure: Figure | None = None

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Pack:
    month: Month
    since: date  # "since the last SEC Panel meeting": this day on
    sections: list[Section]

    @property
    def subtitle(self) -> str:
        return f"{self.month.long_label} (since the last SEC Panel meeting: {self.since:%d/%m/%Y})"


def window_start(session: Session, month: Month, since: date | None) -> date:
    """The first day the UEP and testing sections report: ``since``, else the day after
    the last SEC Panel meeting held by the month's end."""
    if since is not None:
        return since
    found = since_last_meeting(session, month.last_day)
    if found is None:
        raise ValidationError(
            "Since",
            f"no SEC Panel meeting is recorded on or before {month.last_day:%d/%m/%Y}: add "
            "the meetings (secdesk panel add DD/MM/YYYY) or give the date to report since",
        )
    return found


def operations_pack(session: Session, month: Month, since: date | None = None) -> Pack:
    start = window_start(session, month, since)
    if start > month.last_day:
        raise ValidationError("Since", f"{start:%d/%m/%Y} is after the end of {month.long_label}")
    return Pack(
        month,
        start,
        [
            _accessions(session, month),
            _uep(session, start, month),
            _testing(session, start, month),
            _membership(session, month),
            _helpdesk(session, month),
        ],
    )


def _accessions(session: Session, month: Month) -> Section:
    rows = session.execute(
        select(Party.name, Party.category, MembershipEvent.occurred_on)
        .join(MembershipEvent, MembershipEvent.party_id == Party.id)
        .where(
            MembershipEvent.kind == MembershipEventKind.ACCESSION,
            MembershipEvent.occurred_on >= month.first_day,
            MembershipEvent.occurred_on <= month.last_day,
        )
        .order_by(MembershipEvent.occurred_on, Party.name)
    ).all()
    if not rows:
        return Section(
            "1.1",
            "Accessions",
            ["There are no new Applicants that will accede to the SEC this month."],
        )
    names = [name for name, _category, _when in rows]
    return Section(
        "1.1",
        "Accessions",
        [
            f"{len(rows)} Applicant{'s' if len(rows) != 1 else ''} will accede to the SEC "
            f"this month: {joined(names)}."
        ],
        [
            PackTable(
                "Table 1: Applicants acceding this month",
                ["Applicant", "Party Category", "Date of accession"],
                [[name, category.value, when] for name, category, when in rows],
            )
        ],
    )


def _uep(session: Session, start: date, month: Month) -> Section:
    report = uep_report(session, start, month.last_day)
    if not report.rows:
        return Section(
            "1.2",
            "UEP completion",
            ["Since the last SEC Panel meeting, no SEC Parties have completed the UEP."],
        )
    return Section(
        "1.2",
        "UEP completion",
        ["Since the last SEC Panel meeting, the following SEC Parties have completed the UEP:"],
        [
            PackTable(
                "Table 2: UEP completions",
                ["SEC Party", "Party Category", "DCC User role(s)", "Date of UEP completion"],
                [
                    [r.party, r.category.value, roles_in_words(r.roles), r.completed_on]
                    for r in report.rows
                ],
            )
        ],
    )


def _parties(count: int) -> str:
    return f"{count} SEC Part{'ies' if count != 1 else 'y'}"


def _testing(session: Session, start: date, month: Month) -> Section:
    rows = session.execute(
        select(
            Party.name,
            TestingCompletion.test,
            TestingCompletion.role,
            TestingCompletion.completed_on,
        )
        .join(Party, Party.id == TestingCompletion.party_id)
        .where(TestingCompletion.completed_on <= month.last_day)
    ).all()
    srept = sorted(((when, name) for name, test, _r, when in rows if test is EntryTest.SREPT))
    uept: dict[tuple[date, str], list[DccUserRole]] = defaultdict(list)
    for name, test, role, when in rows:
        if test is EntryTest.UEPT and role is not None:
            uept[(when, name)].append(role)
    uept_rows = sorted(uept.items(), key=lambda item: (item[0][0], item[0][1].casefold()))
    new_srept = [name for when, name in srept if when >= start]
    new_uept = sorted(
        {name for (when, name), _roles in uept_rows if when >= start}, key=str.casefold
    )
    uept_parties = {name for (_when, name), _roles in uept_rows}
    uept_roles = sum(len(roles) for _key, roles in uept_rows)
    sentences = [
        (
            f"Since the last SEC Panel meeting, {_parties(len(new_srept))} "
            f"{'have' if len(new_srept) != 1 else 'has'} completed SMKI and Repository Entry "
            f"Process Testing (SREPT): {joined(new_srept)}."
            if new_srept
            else "Since the last SEC Panel meeting, no SEC Parties have completed SMKI and "
            "Repository Entry Process Testing (SREPT)."
        ),
        f"{_parties(len({n for _w, n in srept}))} "
        f"{'have' if len({n for _w, n in srept}) != 1 else 'has'} successfully completed SREPT.",
        (
            f"Since the last SEC Panel meeting, {_parties(len(new_uept))} "
            f"{'have' if len(new_uept) != 1 else 'has'} completed User Entry Process Testing "
            f"(UEPT): {joined(new_uept)}."
            if new_uept
            else "Since the last SEC Panel meeting, no SEC Parties have completed User Entry "
            "Process Testing (UEPT)."
        ),
        f"{_parties(len(uept_parties))} {'have' if len(uept_parties) != 1 else 'has'} "
        f"successfully completed UEPT for a total of {uept_roles} User "
        f"Role{'s' if uept_roles != 1 else ''}.",
    ]
    return Section(
        "1.3",
        "Testing update",
        sentences,
        [
            PackTable(
                "Appendix A: SREPT completions",
                ["SEC Party", "Date completed"],
                [[name, when] for when, name in srept],
            ),
            PackTable(
                "Appendix B: UEPT completions",
                ["SEC Party", "Role(s) tested", "Date completed"],
                [[name, roles_in_words(roles), when] for (when, name), roles in uept_rows],
            ),
        ],
    )


def _membership(session: Session, month: Month) -> Section:
    report = membership_report(session, month)
    counts = dict(report.movements)
    notes_by_month: dict[Month, list[int]] = defaultdict(list)
    for note in report.footnotes:
        notes_by_month[note.month].append(note.number)
    rows: list[list[object]] = [
        [
            m.label,
            *(
                counts[label][i]
                for label in ("Accessions", "In Default", "Withdrawals", "Expulsions")
            ),
            ", ".join(str(n) for n in notes_by_month.get(m, [])),
        ]
        for i, m in enumerate(report.months)
    ]
    by_category = [(name, counts_[-1]) for name, counts_ in report.groups_by_category]
    shown = [(name, count) for name, count in by_category if count]
    return Section(
        "1.4",
        "Membership",
        [
            "Table 3 shows the SEC Party statistics for the last 12 months.",
            f"At the end of the reporting month, there were {report.parties[-1]:,} Parties to "
            f"the SEC representing {report.voting_groups[-1]:,} Voting Groups.",
            "Figure 1 shows the breakdown of SEC Voting Groups by Party Category.",
        ],
        [
            PackTable(
                "Table 3: SEC Party Statistics",
                ["Month", "Accessions", "In Default", "Withdrawals", "Expulsions", "Notes"],
                rows,
            ),
            PackTable(
                "Voting Groups by Party Category at the end of the month",
                ["Party Category", "Voting Groups"],
                [[name, count] for name, count in by_category],
                figure_data=True,
            ),
        ],
        report.notes(),
        Figure(
            "Figure 1: Breakdown of SEC Voting Groups",
            "pie",
            [name for name, _count in shown],
            [("Voting Groups", [count for _name, count in shown])],
        ),
    )


def _helpdesk(session: Session, month: Month) -> Section:
    report = helpdesk_report(session, month)
    emails = report.totals[-1]
    calls = report.telephone[-1]
    return Section(
        "4",
        "Helpdesk activities",
        [
            f"There were approximately {calls:,} telephone enquiries and {emails:,} email "
            f"enquiries to the SECAS mailbox in {month.long_label}.",
            "Table 5 shows the SECAS Helpdesk emails by category over the last 12 months.",
        ],
        [
            PackTable(
                "Table 5: SECAS Helpdesk Emails",
                ["Category", *(m.label for m in report.months)],
                [[name, *counts] for name, counts in report.rows] + [["Total", *report.totals]],
                ("Total",),
            )
        ],
        figure=Figure(
            "Figure 2: SECAS Helpdesk Emails by category",
            "stacked columns",
            [m.label for m in report.months],
            [(name, counts) for name, counts in report.rows if any(counts)],
        ),
    )
