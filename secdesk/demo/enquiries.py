"""A fictional enquiry log, bulk-inserted: it is history, not edits, so it is neither
made one ORM object at a time nor audited."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from secdesk.demo.email_text import call_note, email_text
from secdesk.demo.register import person
from secdesk.demo.vocabulary import (
    CALLS_PER_MONTH,
    CATEGORY_WEIGHTS,
    EMAILS_PER_MONTH,
    ENQUIRY_MONTHS,
    NOTES,
)
from secdesk.domain import Channel, Enquiry, EnquiryCategory, EnquiryStatus, Party
from secdesk.domain.base import utcnow
from secdesk.errors import ValidationError
from secdesk.store import Store
from secdesk.store.guard.trail import imported_from
from secdesk.store.search_index import deferred_search_index


def enquiry_rows(
    count: int,
    categories: list[tuple[int, str]],
    party_ids: list[int],
    *,
    seed: int,
    today: date,
    users: tuple[str, ...] = ("helpdesk1", "helpdesk2", "helpdesk3"),
) -> Iterator[dict[str, Any]]:
    """``count`` enquiries spread over the months before ``today``, about one telephone call
    for every nineteen e-mails, oldest first: at least three years, and as many more as
    today's rate of enquiries needs (a million is half a century of log)."""
    rng = random.Random(seed + 1)
    # The words come from a generator of their own: the log's shape (dates, categories,
    # statuses) stays what the seed always made.
    words = random.Random(seed + 2)
    end = datetime(today.year, today.month, today.day, tzinfo=UTC)
    months = max(ENQUIRY_MONTHS, -(-count // (EMAILS_PER_MONTH + CALLS_PER_MONTH)))
    span = timedelta(days=months * 365.25 / 12)
    start = end - span
    step = span / max(count, 1)
    weights = list(CATEGORY_WEIGHTS[: len(categories)]) + [1] * (
        len(categories) - len(CATEGORY_WEIGHTS)
    )
    now = utcnow()
    for i in range(count):
        received = start + step * i + timedelta(seconds=rng.randint(0, 59))
        category_id, category_name = rng.choices(categories, weights=weights)[0]
        telephone = rng.random() < CALLS_PER_MONTH / (EMAILS_PER_MONTH + CALLS_PER_MONTH)
        age = end - received
        status = (
            EnquiryStatus.RESOLVED
            if age > timedelta(days=14) or rng.random() < 0.5
            else rng.choice((EnquiryStatus.OPEN, EnquiryStatus.WAITING_ON_PARTY))
        )
        name = person(rng)
        # The helpdesk files a few under another category than their words suggest, as
        # people do: a real log's categories are not all the text says.
        rng.choice((0, 1))  # the draw the subject once took: a seed's log stays as it was
        topic = category_name
        if words.random() < 0.06:
            topic = words.choice(categories)[1]
        if telephone:
            subject, notes = call_note(topic, words)
        else:
            subject, notes = email_text(topic, words, name)
        yield {
            "received_at": received,
            "channel": Channel.TELEPHONE if telephone else Channel.EMAIL,
            "category_id": category_id,
            "party_id": rng.choice(party_ids) if party_ids and rng.random() < 0.7 else None,
            "enquirer_name": name,
            "enquirer_email": None
            if telephone
            else name.lower().replace(" ", ".").replace("'", "") + "@enquirer.example",
            "enquirer_phone": f"+441174960{rng.randint(0, 999):03d}" if telephone else None,
            "subject": subject,
            # The e-mail's words, as the inbox logs them; now and then what was done too.
            "notes": f"{notes}\n\n{rng.choice(NOTES)}" if rng.random() < 0.2 else notes,
            "status": status,
            "assigned_to": rng.choice(users),
            "resolved_at": received + timedelta(hours=rng.randint(1, 120))
            if status is EnquiryStatus.RESOLVED
            else None,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }


def load_enquiries(
    store: Store, count: int, *, seed: int = 2018, today: date | None = None, batch: int = 10_000
) -> int:
    """Bulk-insert ``count`` fictional enquiries in one transaction of their own."""
    with store.unit_of_work() as session:
        return insert_enquiries(session, count, seed=seed, today=today, batch=batch)


def insert_enquiries(
    session: Session,
    count: int,
    *,
    seed: int = 2018,
    today: date | None = None,
    batch: int = 10_000,
) -> int:
    """Insert ``count`` fictional enquiries in the session's transaction, in batches (Core
    executemany, not ORM objects one at a time)."""
    if count < 0:
        raise ValidationError("Enquiries", "must be 0 or more")
    today = today or date.today()
    categories = [
        (c.id, c.name)
        for c in session.scalars(
            select(EnquiryCategory)
            .where(EnquiryCategory.retired_at.is_(None))
            .order_by(EnquiryCategory.position)
        )
    ]
    party_ids = list(session.scalars(select(Party.id)))
    # Core executemany on the session's connection: same transaction, none of the
    # per-row ORM bookkeeping (about 2x faster on PostgreSQL).
    connection, statement = session.connection(), insert(Enquiry)
    rows: list[dict[str, Any]] = []
    # Not edits: on SQLite they are not audited; on PostgreSQL, where the database records
    # every row, each is one entry saying it is demo data.
    with deferred_search_index(connection, count), imported_from(connection, "demo data"):
        for row in enquiry_rows(count, categories, party_ids, seed=seed, today=today):
            rows.append(row)
            if len(rows) >= batch:
                connection.execute(statement, rows)
                rows.clear()
        if rows:
            connection.execute(statement, rows)
    return count
