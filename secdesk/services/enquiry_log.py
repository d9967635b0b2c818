"""Reading and changing the helpdesk log at a million-row scale.

The list is read a page at a time, newest first, by keyset on (received_at, id): a page
is found through the index wherever it lies in the log, never with OFFSET, and an
enquiry logged while someone scrolls neither repeats nor hides a row. Text search uses
the index migration 0003 builds in each store (FTS5 trigram on SQLite, pg_trgm on
PostgreSQL); words shorter than a trigram fall back to a plain substring test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select, text
from sqlalchemy.orm import Session

from secdesk.domain import Channel, Enquiry, EnquiryCategory, EnquiryStatus, Party
from secdesk.domain.enquiry import SEARCH_FIELDS
from secdesk.errors import ValidationError
from secdesk.months import Month
from secdesk.services.enquiries import ENQUIRY_FIELDS, check_references
from secdesk.services.listing import Cursor, newest_first, search_condition

PAGE_SIZE = 200
# What several enquiries can be changed to at once.
BULK_FIELDS = ("category_id", "status", "assigned_to")
UNRESOLVED = (EnquiryStatus.OPEN, EnquiryStatus.WAITING_ON_PARTY)


@dataclass(frozen=True)
class EnquiryFilter:
    """Which enquiries a list shows; every part is optional and they all apply together."""

    month: Month | None = None
    category_id: int | None = None
    channel: Channel | None = None
    statuses: tuple[EnquiryStatus, ...] = ()
    party_id: int | None = None
    assigned_to: str | None = None
    search: str = ""


@dataclass(frozen=True)
class EnquiryRow:
    id: int
    version: int
    received_at: datetime
    channel: Channel
    category: str
    party: str | None
    enquirer: str | None
    subject: str
    status: EnquiryStatus
    assigned_to: str | None

    @property
    def cursor(self) -> Cursor:
        return self.received_at, self.id


def search_words(search: str) -> list[str]:
    """The words of a search: each must appear (any case) in the subject, the enquirer's
    name or e-mail, or the notes."""
    return search.split()


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


# On SQLite a word found in more enquiries than this is searched by walking the log newest
# first (a page fills within a few thousand rows); rarer words go through the FTS5 index.
COMMON_WORD_ROWS = 5000


def _fts_rowids(phrase: str) -> Select[Any]:
    """The enquiries whose text the FTS5 index matches to ``phrase``."""
    return (
        select(literal_column("rowid"))
        .select_from(text("enquiry_text"))
        .where(text("enquiry_text MATCH :words"))
        .params(words=phrase)
    )


def _like(word: str) -> ColumnElement[bool]:
    condition = search_condition(word, *(getattr(Enquiry, f) for f in SEARCH_FIELDS))
    assert condition is not None  # a word is never blank
    return condition


def _word_condition(session: Session, words: list[str]) -> list[ColumnElement[bool]]:
    if not words:
        return []
    if session.get_bind().dialect.name == "sqlite":
        indexed = [w for w in words if len(w) >= 3]  # a trigram needs three characters
        short = [_like(w) for w in words if len(w) < 3]
        if not indexed:
            return short
        found = _fts_rowids(" AND ".join(_fts_phrase(w) for w in indexed))
        probe = select(func.count()).select_from(found.limit(COMMON_WORD_ROWS).subquery())
        if (session.scalar(probe) or 0) >= COMMON_WORD_ROWS:
            return [*(_like(w) for w in indexed), *short]
        return [Enquiry.id.in_(found.scalar_subquery()), *short]
    # The very expression of the pg_trgm index, so the planner uses it.
    joined: ColumnElement[str] = literal_column(
        " || ' ' || ".join(f"coalesce(enquiry.{f}, '')" for f in SEARCH_FIELDS)
    )
    return [joined.ilike(f"%{_escaped(word)}%", escape="\\") for word in words]


def _escaped(word: str) -> str:
    """A word for LIKE, its wildcards taken literally. (ILIKE, not lower() LIKE: the index
    is on the text as stored.)"""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(session: Session, where: EnquiryFilter) -> list[ColumnElement[bool]]:
    conditions = _word_condition(session, search_words(where.search))
    if where.month is not None:
        conditions += [
            Enquiry.received_at >= where.month.start,
            Enquiry.received_at < where.month.end,
        ]
    if where.category_id is not None:
        conditions.append(Enquiry.category_id == where.category_id)
    if where.channel is not None:
        conditions.append(Enquiry.channel == where.channel)
    if where.statuses:
        conditions.append(Enquiry.status.in_(where.statuses))
    if where.party_id is not None:
        conditions.append(Enquiry.party_id == where.party_id)
    if where.assigned_to:
        conditions.append(Enquiry.assigned_to == where.assigned_to)
    return conditions


def _rows(session: Session, where: EnquiryFilter) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Enquiry.id,
            Enquiry.version,
            Enquiry.received_at,
            Enquiry.channel,
            EnquiryCategory.name,
            Party.name,
            func.coalesce(Enquiry.enquirer_name, Enquiry.enquirer_email),
            Enquiry.subject,
            Enquiry.status,
            Enquiry.assigned_to,
        )
        .join(EnquiryCategory, Enquiry.category_id == EnquiryCategory.id)
        .outerjoin(Party, Enquiry.party_id == Party.id)
        .where(*_conditions(session, where))
    )


def enquiry_page(
    session: Session,
    where: EnquiryFilter = EnquiryFilter(),
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> list[EnquiryRow]:
    """Up to ``limit`` enquiries, newest first, that come after ``after`` (the cursor of
    the last row of the page before)."""
    query = newest_first(_rows(session, where), Enquiry.received_at, Enquiry.id, after, limit)
    return [EnquiryRow(*row) for row in session.execute(query)]


def count_enquiries(session: Session, where: EnquiryFilter = EnquiryFilter()) -> int:
    query = select(func.count()).select_from(Enquiry).where(*_conditions(session, where))
    return session.scalar(query) or 0


def assignees(session: Session) -> list[str]:
    """Everyone enquiries have been assigned to, by name."""
    query = select(Enquiry.assigned_to).where(Enquiry.assigned_to.is_not(None)).distinct()
    return sorted(session.scalars(query), key=str.casefold)


def change_enquiries(session: Session, ids: Sequence[int], changes: Mapping[str, Any]) -> int:
    """Set the category, status or assignee of several enquiries at once: validated once,
    written through the ORM so each enquiry's change is audited. Returns how many changed."""
    unknown = set(changes) - set(BULK_FIELDS)
    if unknown:
        labels = ", ".join(sorted(ENQUIRY_FIELDS.label(k) for k in unknown))
        raise ValidationError(labels, "cannot be changed for several enquiries at once")
    if not ids:
        return 0
    cleaned = ENQUIRY_FIELDS.clean(changes)
    changed = 0
    chunk = 500
    for start in range(0, len(ids), chunk):
        records = session.scalars(
            select(Enquiry).where(Enquiry.id.in_(list(ids[start : start + chunk])))
        )
        for enquiry in records:
            values = dict(cleaned)
            check_references(session, enquiry, values)
            if any(getattr(enquiry, key) != value for key, value in values.items()):
                ENQUIRY_FIELDS.apply(session, enquiry, values)
                changed += 1
    session.flush()
    return changed


def resolve_enquiries(session: Session, ids: Sequence[int]) -> int:
    return change_enquiries(session, ids, {"status": EnquiryStatus.RESOLVED})
