"""Security assessments completed: for the Operations Report's security update, the
assessments whose outcome came in the month, by type and outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.domain import Assessment, AssessmentKind, AssessmentOutcome
from secdesk.months import Month

TITLE = "Security assessments completed"


@dataclass(frozen=True)
class SecurityReport:
    month: Month
    # (type, counts by outcome in AssessmentOutcome order)
    rows: list[tuple[str, list[int]]]

    @property
    def totals(self) -> list[int]:
        return [sum(counts[i] for _k, counts in self.rows) for i in range(len(AssessmentOutcome))]

    def table(self) -> list[Sequence[object]]:
        return [
            ["Assessment type", *(o.value for o in AssessmentOutcome), "Total"],
            *([kind, *counts, sum(counts)] for kind, counts in self.rows),
            ["Total", *self.totals, sum(self.totals)],
        ]


def security_report(session: Session, month: Month) -> SecurityReport:
    found = session.execute(
        select(Assessment.kind, Assessment.outcome, func.count())
        .where(
            Assessment.outcome.is_not(None),
            Assessment.outcome_on >= month.first_day,
            Assessment.outcome_on <= month.last_day,
        )
        .group_by(Assessment.kind, Assessment.outcome)
    )
    counts = {(kind, outcome): n for kind, outcome, n in found}
    outcomes = list(AssessmentOutcome)
    return SecurityReport(
        month,
        [(kind.value, [counts.get((kind, o), 0) for o in outcomes]) for kind in AssessmentKind],
    )
