"""A report as a table, whoever shows it (the window, the terminal, a workbook): what a
table is, which rows stand out, the notes printed below it, and the table as text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from secdesk.reports.membership import MembershipReport


class Tabular(Protocol):
    """Anything written as a table: the reports, the list of notifications."""

    def table(self) -> list[Sequence[object]]: ...


# Rows printed in bold, in the window and in the workbook: the sums and the headcount.
EMPHASISED_ROWS = ("Total", "Parties at month end")


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
