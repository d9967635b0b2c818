"""A few Change in Party Details requests, as a working week leaves them: some open (one
with a value that breaks its rule), one actioned with its notifications still to send."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from secdesk.domain import ChangeDecision, Party
from secdesk.services import change_requests as cr
from secdesk.services import change_review


def _working_days_before(today: date, days: int) -> date:
    when = today
    while days:
        when -= timedelta(days=1)
        if when.weekday() < 5:
            days -= 1
    return when


def make_change_requests(
    session: Session, rng: random.Random, parties: list[Party], today: date
) -> int:
    """Requests from current Supplier and other Parties; returns how many."""
    current = [p for p in parties if p.status.is_current]
    suppliers = [p for p in current if p.category.is_supplier]
    others = [p for p in current if not p.category.is_supplier]
    plans = [
        (rng.choice(suppliers), 1, {"notices_email": "notices@{d}", "invoice_postcode": "BS1 6AE"}),
        (rng.choice(others), 3, {"registered_postcode": "NOT KNOWN"}),
        (rng.choice(suppliers), 6, {"invoice_email": "accounts@{d}"}),
        (rng.choice(suppliers), 9, {"notices_email": "legal@{d}", "notices_postcode": "EC2A 4NE"}),
    ]
    made = []
    for party, age, changes in plans:
        domain = party.name.split()[0].lower().strip(",.'&") + ".example"
        request = cr.record_request(
            session,
            {
                "party_id": party.id,
                "received_on": _working_days_before(today, age),
                "requester_name": "Alex Morgan",
                "requester_email": f"alex.morgan@{domain}",
                "notify_dcc": True,
                "notify_alt_han": party.category.is_supplier,
            },
            {key: value.format(d=domain) for key, value in changes.items()},
        )
        made.append(request)
    # The oldest was reviewed and actioned: its notifications wait to be sent.
    oldest = made[-1]
    seen = change_review.review(session, oldest.id, today)
    version = seen.version
    for line in seen.lines:
        cr.decide(session, oldest.id, line.item_id, ChangeDecision.APPROVED, None, version)
        version += 1
    cr.action_request(
        session, oldest.id, version, change_review.review(session, oldest.id, today).seen
    )
    return len(made)
