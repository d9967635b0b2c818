"""The reports a user can ask for, by the name the command line and the GUI use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from secdesk.files import replaced_atomically
from secdesk.months import Month
from secdesk.reports import helpdesk, membership, uep
from secdesk.reports.helpdesk import HelpdeskReport
from secdesk.reports.membership import MembershipReport
from secdesk.reports.uep import UepReport

Report = HelpdeskReport | MembershipReport | UepReport


class Tabular(Protocol):
    """Anything written as a table: the reports, the list of notifications."""

    def table(self) -> list[Sequence[object]]: ...


# Rows printed in bold, in the window and in the workbook: the sums and the headcount.
EMPHASISED_ROWS = ("Total", "Parties at month end")


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    # (session, month, since) → the report.
    make: Callable[[Session, Month, date], Report]
    # Whether the report covers "since a date" (UEP completions) rather than twelve months.
    uses_since: bool = False

    def subtitle(self, month: Month, since: date) -> str:
        if self.uses_since:
            return f"since {since:%d/%m/%Y}"
        return f"twelve months to {month.long_label}"


REPORTS = (
    ReportKind("helpdesk", helpdesk.TITLE, lambda s, m, _since: helpdesk.helpdesk_report(s, m)),
    ReportKind(
        "membership", membership.TITLE, lambda s, m, _since: membership.membership_report(s, m)
    ),
    ReportKind("uep", uep.TITLE, lambda s, _m, since: uep.uep_report(s, since), uses_since=True),
)
BY_KEY = {kind.key: kind for kind in REPORTS}


def default_since(month: Month) -> date:
    """UEP completions over the same twelve months as the other reports, by default."""
    return month.twelve()[0].first_day


def save_report(path: Path, kind: ReportKind, month: Month, since: date, report: Report) -> Path:
    return save_table(path, kind.title, kind.subtitle(month, since), report)


def save_table(path: Path, title: str, subtitle: str, table: Tabular) -> Path:
    """Write a workbook (``.xlsx`` added if missing) in one atomic replace."""
    from secdesk.reports.workbook import write_report  # openpyxl only when saving

    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    with replaced_atomically(path) as temporary:
        write_report(temporary, title, subtitle, table)
    return path


def notes_of(report: object) -> list[str]:
    """The lines a report prints below its table (the membership report's undated events)."""
    return report.notes() if isinstance(report, MembershipReport) else []


def as_text(table: list[Sequence[object]]) -> list[str]:
    """A table as aligned lines of text, for the terminal."""
    shown = [
        ["" if v is None else f"{v:%d/%m/%Y}" if isinstance(v, date) else str(v) for v in row]
        for row in table
    ]
    widths = [max(len(row[i]) for row in shown) for i in range(len(shown[0]))]
    lines = []
    for row in shown:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) if cell.isdigit() else cell.ljust(width)
            for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
