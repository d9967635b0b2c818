"""SECAS Helpdesk Emails: e-mails received per category per month for the twelve months
ending with the chosen one, their totals, and the telephone enquiries beside them.

One GROUP BY answers it: months are bucketed by their UK-time boundaries (so the same query
runs on both stores, and an e-mail at 00:30 BST on 1 April counts in April), and the
(received_at, channel, category_id) index holds every column it reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from secdesk.domain import Channel, Enquiry, EnquiryCategory
from secdesk.months import Month

TITLE = "SECAS Helpdesk Emails"
TELEPHONE_ROW = "Telephone enquiries"


@dataclass(frozen=True)
class HelpdeskReport:
    months: list[Month]
    # (category, e-mails per month), in report order.
    rows: list[tuple[str, list[int]]]
    telephone: list[int]

    @property
    def totals(self) -> list[int]:
        return [sum(counts[i] for _name, counts in self.rows) for i in range(len(self.months))]

    @property
    def headers(self) -> list[str]:
        return ["Category", *(m.label for m in self.months)]

    def table(self) -> list[Sequence[object]]:
        """The report as printed: header, a row per category, Total, then telephone."""
        return [
            self.headers,
            *([name, *counts] for name, counts in self.rows),
            ["Total", *self.totals],
            [TELEPHONE_ROW, *self.telephone],
        ]


def month_counts(session: Session, months: list[Month]) -> list[tuple[int, Channel, int, int]]:
    """(category id, channel, month index, count) for every combination that occurs."""
    bucket = case(
        *((Enquiry.received_at < month.end, index) for index, month in enumerate(months)),
    )
    query = (
        select(Enquiry.category_id, Enquiry.channel, bucket, func.count())
        .where(Enquiry.received_at >= months[0].start, Enquiry.received_at < months[-1].end)
        .group_by(Enquiry.category_id, Enquiry.channel, bucket)
    )
    return [(c, ch, m, n) for c, ch, m, n in session.execute(query)]


def helpdesk_report(session: Session, month: Month) -> HelpdeskReport:
    months = month.twelve()
    emails: dict[int, list[int]] = {}
    telephone = [0] * len(months)
    for category_id, channel, index, count in month_counts(session, months):
        if channel is Channel.EMAIL:
            emails.setdefault(category_id, [0] * len(months))[index] += count
        elif channel is Channel.TELEPHONE:
            telephone[index] += count
    categories = session.execute(
        select(EnquiryCategory.id, EnquiryCategory.name, EnquiryCategory.retired_at).order_by(
            EnquiryCategory.position
        )
    )
    rows = [
        (name, emails.get(category_id, [0] * len(months)))
        for category_id, name, retired_at in categories
        # A retired category stays in the months it was used, and only there.
        if retired_at is None or category_id in emails
    ]
    return HelpdeskReport(months, rows, telephone)
