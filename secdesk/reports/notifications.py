"""The notifications for the DCC and Alt HAN Co as a table (one row per changed field, for
the workbook) and as e-mail-ready text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from secdesk.display import as_text
from secdesk.months import UK_TIME
from secdesk.reports.catalogue import save_table
from secdesk.services.notifications import NotificationLine

TITLE = "Change notifications"
HEADERS = [
    "Recipient",
    "SEC Party",
    "Change request",
    "Actioned",
    "Field",
    "Old value",
    "New value",
    "Sent",
]


@dataclass(frozen=True)
class NotificationTable:
    lines: Sequence[NotificationLine]

    def table(self) -> list[Sequence[object]]:
        rows: list[Sequence[object]] = [list(HEADERS)]
        for n in self.lines:
            sent = f"{as_text(n.sent_at)} by {n.sent_by}" if n.sent_at else "not yet"
            for label, old, new in n.changes:
                rows.append(
                    [
                        n.recipient.value,
                        n.party,
                        n.request_id,
                        n.produced_at.astimezone(UK_TIME).date(),
                        label,
                        old,
                        new,
                        sent,
                    ]
                )
        return rows


def save_notifications(path: Path, lines: Sequence[NotificationLine], today: date) -> Path:
    return save_table(path, TITLE, f"as at {today:%d/%m/%Y}", NotificationTable(lines))


def email_text(lines: Sequence[NotificationLine]) -> str:
    """Every notification's e-mail, one after another, ready to paste."""
    rule = "\n\n" + "-" * 60 + "\n\n"
    return rule.join(f"To: {n.recipient.value}\n{n.body}" for n in lines)
