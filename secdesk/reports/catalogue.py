"""The reports a user can ask for, by the name the command line and the GUI use."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from secdesk.months import Month
from secdesk.reports import helpdesk, membership, uep
from secdesk.reports.helpdesk import HelpdeskReport
from secdesk.reports.membership import MembershipReport
from secdesk.reports.uep import UepReport

Report = HelpdeskReport | MembershipReport | UepReport


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    # (session, month, since) → the report; ``since`` matters to UEP completions only.
    make: Callable[[Session, Month, date], Report]

    def subtitle(self, month: Month, since: date) -> str:
        if self.key == "uep":
            return f"since {since:%d/%m/%Y}"
        return f"twelve months to {month.long_label}"


REPORTS = (
    ReportKind("helpdesk", helpdesk.TITLE, lambda s, m, _since: helpdesk.helpdesk_report(s, m)),
    ReportKind(
        "membership", membership.TITLE, lambda s, m, _since: membership.membership_report(s, m)
    ),
    ReportKind("uep", uep.TITLE, lambda s, _m, since: uep.uep_report(s, since)),
)
BY_KEY = {kind.key: kind for kind in REPORTS}


def default_since(month: Month) -> date:
    """UEP completions over the same twelve months as the other reports, by default."""
    return month.twelve()[0].first_day


def save_report(path: Path, kind: ReportKind, month: Month, since: date, report: Report) -> Path:
    from secdesk.reports.workbook import write_report  # openpyxl only when saving

    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    # Written beside the target, then renamed over it: never a half-written workbook.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".xlsx")
    os.close(handle)
    try:
        write_report(Path(temporary), kind.title, kind.subtitle(month, since), report)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def as_text(table: list[list[object]]) -> list[str]:
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
