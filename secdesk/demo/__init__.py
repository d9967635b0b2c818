"""Fictional but realistic data for trying secdesk out: about 300 Parties in about 230
Voting Groups, former Parties, operations contacts, ID allocations for the DCC and a few
RDPs, and three years of helpdesk enquiries at roughly 1,500 e-mails and 80 calls a month.

Every organisation, person, number and address is made up: e-mail domains end in
``.example``, phone numbers come from Ofcom's ranges reserved for drama, VAT numbers merely
pass the check-digit test. The register goes through the services (so it is validated and
audited like real work); the enquiry log is bulk-inserted, because it is history, not edits.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk import collector
from secdesk.demo.assessments import make_assessments
from secdesk.demo.change_requests import make_change_requests
from secdesk.demo.enquiries import insert_enquiries
from secdesk.demo.inbox import make_inbox
from secdesk.demo.market_entry import make_market_entry
from secdesk.demo.register import make_allocations, make_contacts, make_parties
from secdesk.demo.vocabulary import CALLS_PER_MONTH, EMAILS_PER_MONTH, ENQUIRY_MONTHS
from secdesk.domain import Party
from secdesk.domain.roles import Action
from secdesk.errors import ValidationError
from secdesk.store import Store


@dataclass(frozen=True)
class DemoSummary:
    parties: int
    voting_groups: int
    former_parties: int
    contacts: int
    allocations: int
    enquiries: int

    def __str__(self) -> str:
        return (
            f"{self.parties} parties in {self.voting_groups} voting groups "
            f"({self.former_parties} former), {self.contacts} operations contacts, "
            f"{self.allocations} ID allocations, {self.enquiries} enquiries"
        )


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Party))


@collector.paused()  # bulk work: see secdesk.collector
def load_demo(
    store: Store,
    *,
    seed: int = 2018,
    enquiries: int | None = None,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty store with demo data, all of it in one transaction."""
    store.require(Action.EDIT_REGISTER)
    rng = random.Random(seed)
    today = today or date.today()
    say = progress or (lambda _message: None)
    with store.unit_of_work() as session:
        if not is_empty(session):
            raise ValidationError(
                "Store", "already holds parties; demo data goes in an empty store"
            )
        say("parties")
        made = make_parties(session, rng, today)
        say("contacts")
        contact_count = make_contacts(session, rng, made, today)
        say("ID allocations")
        allocation_count = make_allocations(session, rng, made)
        say("change requests")
        make_change_requests(session, rng, made, today)
        former = sum(1 for p in made if not p.status.is_current)
        groups = len({p.voting_group_id for p in made})
        say("enquiries")
        total = (
            (EMAILS_PER_MONTH + CALLS_PER_MONTH) * ENQUIRY_MONTHS
            if enquiries is None
            else enquiries
        )
        # In the register's transaction: stopped part-way, the demo leaves nothing, and
        # `demo --if-empty` fills the store next time.
        enquiry_count = insert_enquiries(session, total, seed=seed, today=today)
        say("the inbox")
        make_inbox(session, rng, today)
        say("market entry")
        make_market_entry(session, made, today, seed)
        say("assessments")
        session.flush()  # the Parties' ids, for their assessments
        make_assessments(session, made, today, seed)
    return DemoSummary(len(made), groups, former, contact_count, allocation_count, enquiry_count)
