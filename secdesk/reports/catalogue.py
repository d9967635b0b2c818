"""The reports a user can ask for, by the name the command line and the GUI use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from secdesk.files import replaced_atomically
from secdesk.months import Month
from secdesk.reports import helpdesk, membership, security, uep
from secdesk.reports.helpdesk import HelpdeskReport
from secdesk.reports.membership import MembershipReport
from secdesk.reports.pack import Pack
from secdesk.reports.security import SecurityReport
from secdesk.reports.tables import Tabular
from secdesk.reports.uep import UepReport

Report = HelpdeskReport | MembershipReport | UepReport | SecurityReport


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    # (session, month, since) → the report.
    make: Callable[[Session, Month, date], Report]
    # Whether the report covers "since a date" (UEP completions) rather than twelve months.
    uses_since: bool = False
    # Whether it covers the month alone (the security update).
    one_month: bool = False

    def subtitle(self, month: Month, since: date) -> str:
        if self.one_month:
            return month.long_label
        if self.uses_since:
            return f"{since:%d/%m/%Y} to {month.last_day:%d/%m/%Y}"
        return f"twelve months to {month.long_label}"


REPORTS = (
    ReportKind("helpdesk", helpdesk.TITLE, lambda s, m, _since: helpdesk.helpdesk_report(s, m)),
    ReportKind(
        "membership", membership.TITLE, lambda s, m, _since: membership.membership_report(s, m)
    ),
    # From the date to the end of the month chosen: nothing completed after it is reported.
    ReportKind("uep", uep.TITLE, lambda s, m, since: uep.uep_report(s, since, m.last_day), True),
    ReportKind(
        "security",
        security.TITLE,
        lambda s, m, _since: security.security_report(s, m),
        one_month=True,
    ),
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


def save_pack(path: Path, pack: Pack) -> tuple[Path, Path]:
    """The Operations Report pack as a workbook (``.xlsx`` added if missing) and, beside
    it, the same pages as a PDF; each written in one atomic replace."""
    from secdesk.reports.pack_pdf import write_pack_pdf  # reportlab only when saving
    from secdesk.reports.pack_workbook import write_pack

    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    pdf = path.with_suffix(".pdf")
    with replaced_atomically(path) as temporary:
        write_pack(temporary, pack)
    with replaced_atomically(pdf) as temporary:
        write_pack_pdf(temporary, pack)
    return path, pdf
