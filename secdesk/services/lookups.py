"""What the drop-downs and type-aheads offer — Parties (found by name, signifier or MPID),
enquiry categories, the people enquiries are assigned to — read in one statement each
time, however many lists a form or a screen's filters need: a round trip to a distant
server is worth more than the few lines of SQL that join them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Integer, String, case, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from secdesk.domain import IdAllocation, Mpid, Organisation, Party

_SEPARATOR = "\x1f"  # between the signifiers (or MPIDs) one aggregate collects


@dataclass(frozen=True)
class PartyLookup:
    id: int
    name: str
    signifiers: tuple[str, ...]
    mpids: tuple[str, ...]

    @property
    def label(self) -> str:
        """ "Acme Ltd · ACME1 · ABCD, EFGH": a type-ahead finds the Party by any of them."""
        codes = (", ".join(self.signifiers), ", ".join(self.mpids))
        return " · ".join([self.name, *(c for c in codes if c)])


@dataclass(frozen=True)
class HelpdeskLookups:
    categories: list[tuple[str, int]]  # (name, id) in report order; retired ones marked
    parties: list[PartyLookup]  # by name
    assignees: list[str]  # by name
    # (label, id) of the assessments an enquiry may be about, latest first.
    assessments: list[tuple[str, int]] = field(default_factory=list)

    def party_labels(self) -> list[tuple[str, int]]:
        return [(party.label, party.id) for party in self.parties]


def _party_branch(kind: str) -> Any:
    signifiers = (
        select(func.aggregate_strings(IdAllocation.signifier, _SEPARATOR))
        .join(Organisation, Organisation.id == IdAllocation.organisation_id)
        .where(Organisation.party_id == Party.id)
        .scalar_subquery()
    )
    mpids = (
        select(func.aggregate_strings(Mpid.code, _SEPARATOR))
        .where(Mpid.party_id == Party.id)
        .scalar_subquery()
    )
    return select(
        literal(kind, String), literal(0, Integer), Party.name, Party.id, signifiers, mpids
    )


def _parties(rows: list[Any]) -> list[PartyLookup]:
    def split(joined: str | None) -> tuple[str, ...]:
        return tuple(sorted(joined.split(_SEPARATOR))) if joined else ()

    found = [PartyLookup(r[3], r[2], split(r[4]), split(r[5])) for r in rows]
    return sorted(found, key=lambda party: (party.name.casefold(), party.name))


def party_lookups(session: Session) -> list[PartyLookup]:
    """Every Party with its signifiers and MPIDs, by name (one statement)."""
    return _parties(list(session.execute(_party_branch("party"))))


def helpdesk_lookups(session: Session) -> HelpdeskLookups:
    """The enquiry form's and the Helpdesk filters' lists, in one statement."""
    # Here, not at the top: the party list (which uses party_lookups) loads no enquiry code.
    from secdesk.domain import Assessment, Enquiry, EnquiryCategory

    label = case(
        (EnquiryCategory.retired_at.is_(None), EnquiryCategory.name),
        else_=EnquiryCategory.name + " (retired)",
    )
    nothing = null().cast(String)
    categories = select(
        literal("category", String),
        EnquiryCategory.position,
        label,
        EnquiryCategory.id,
        nothing,
        nothing,
    )
    assignees = (
        select(
            literal("assignee", String),
            literal(0, Integer),
            Enquiry.assigned_to,
            null().cast(Integer),
            nothing,
            nothing,
        )
        .where(Enquiry.assigned_to.is_not(None))
        .distinct()
    )
    assessments = select(
        literal("assessment", String),
        literal(0, Integer),
        Party.name,
        Assessment.id,
        Assessment.kind.cast(String),
        Assessment.requested_for.cast(String),  # ISO 8601 on both stores
    ).join(Party, Party.id == Assessment.party_id)
    rows = session.execute(
        union_all(categories, _party_branch("party"), assignees, assessments)
    ).all()
    return HelpdeskLookups(
        categories=[(r[2], r[3]) for r in sorted(rows, key=lambda r: r[1]) if r[0] == "category"],
        parties=_parties([r for r in rows if r[0] == "party"]),
        assignees=sorted((r[2] for r in rows if r[0] == "assignee"), key=str.casefold),
        assessments=_assessments([r for r in rows if r[0] == "assessment"]),
    )


def _assessments(rows: list[Any]) -> list[tuple[str, int]]:
    """ "Acme Ltd — FUSA, 30/03/2026", latest requested first."""
    from secdesk.domain import AssessmentKind

    found = []
    for _kind, _order, party, assessment_id, kind, requested in rows:
        when = date.fromisoformat(str(requested)[:10])
        found.append(
            (when, f"{party} — {AssessmentKind(kind).short}, {when:%d/%m/%Y}", assessment_id)
        )
    return [
        (label, i) for _when, label, i in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)
    ]
