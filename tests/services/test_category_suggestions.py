"""Category suggestions learnt from the store's own enquiries: none with too little history,
the likely categories first, never a retired category."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import update

from secdesk.demo.email_text import email_text
from secdesk.demo.enquiries import load_enquiries
from secdesk.domain import EnquiryCategory
from secdesk.domain.base import utcnow
from secdesk.mail.reading import read_message
from secdesk.services import category_suggestions as cs
from secdesk.services import enquiries, inbox
from tests.mail.messages import message


def _message_about(store, category, seed):
    subject, body = email_text(category, random.Random(seed), "Sam Jones")
    with store.unit_of_work() as session:
        inbox.store_messages(
            session, [read_message(message(subject=subject, body=body).as_bytes())], "test"
        )
        return inbox.inbox(session)[-1].id


def test_no_suggestion_without_history(store):
    message_id = _message_about(store, "Modifications", 1)
    with store.session() as session:
        assert inbox.suggest_categories(session, [message_id]) == [[]]


def test_the_likely_categories_come_first_and_retired_ones_never(store):
    load_enquiries(store, 3000, today=date(2026, 11, 30))
    modification = _message_about(store, "Modifications", 7)
    assessment = _message_about(store, "User CIO Assessments", 8)
    inbox._SUGGESTER.clear()
    with store.session() as session:
        [first, second] = inbox.suggest_categories(session, [modification, assessment])
    assert first[0].name == "Modifications" and second[0].name == "User CIO Assessments"
    assert len(first) == 3 and first[0].probability >= first[1].probability
    assert all(0 < s.probability <= 1 for s in first)
    with store.unit_of_work() as session:
        retired = enquiries.category_by_name(session, "Modifications")
        session.execute(
            update(EnquiryCategory)
            .where(EnquiryCategory.id == retired.id)
            .values(retired_at=utcnow())
        )
    with store.session() as session:
        [again] = inbox.suggest_categories(session, [modification])
        names = {name for name in cs.active_categories(session).values()}
    assert "Modifications" not in {s.name for s in again}
    assert {s.name for s in again} <= names
