from __future__ import annotations

import itertools
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from secdesk.demo import load_demo
from secdesk.domain import Channel, Enquiry, OrganisationType, Party
from secdesk.errors import ValidationError
from secdesk.services import allocations, contacts, parties


def test_demo_data_looks_like_the_real_register_and_log(store):
    """One load per backend (it is the slowest fixture), checked from every side."""
    demo = load_demo(store, enquiries=3000, today=date(2026, 11, 1))
    assert (demo.parties, demo.voting_groups) == (300, 230)
    with store.session() as session:
        rows = parties.list_parties(session)
        categories = Counter(row.category.value for row in rows)
        assert set(categories) == {
            "Large Supplier",
            "Small Supplier",
            "Electricity Network",
            "Gas Network",
            "Other SEC Party",
        }
        former = parties.list_parties(session, current=False)
        assert len(former) == demo.former_parties > 0
        assert len({row.name for row in rows}) == 300
        assert contacts.list_contacts(session)
        every = allocations.list_allocations(session)
        kinds = Counter(a.organisation_type for a in every)
        assert kinds[OrganisationType.DCC] == 1 and kinds[OrganisationType.RDP] >= 3
        ranges = sorted((a.range_start, a.range_end) for a in every)
        assert all(prev[1] < nxt[0] for prev, nxt in itertools.pairwise(ranges))
        assert any(not a.is_current for a in every)

        assert session.scalar(select(func.count()).select_from(Enquiry)) == 3000
        calls = session.scalar(select(func.count()).where(Enquiry.channel == Channel.TELEPHONE))
        assert 0 < calls < 3000 * 0.15
        first, last = session.execute(
            select(func.min(Enquiry.received_at), func.max(Enquiry.received_at))
        ).one()
        assert (last - first).days > 3 * 365 - 10

    with pytest.raises(ValidationError):
        load_demo(store, enquiries=0)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Party)) == 300


def test_a_demo_stopped_part_way_leaves_nothing_and_can_run_again(store, monkeypatch):
    """Interrupted while the enquiries go in (Ctrl+C, a killed process), the demo leaves no
    Parties without enquiries behind: `demo --if-empty` fills the store next time."""
    from secdesk.demo import enquiries

    real_rows = enquiries.enquiry_rows

    def interrupted(*args, **kwargs):
        yield from itertools.islice(real_rows(*args, **kwargs), 150)
        raise KeyboardInterrupt

    monkeypatch.setattr(enquiries, "enquiry_rows", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_demo(store, enquiries=400, today=date(2026, 11, 1))
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Party)) == 0
        assert session.scalar(select(func.count()).select_from(Enquiry)) == 0
    monkeypatch.setattr(enquiries, "enquiry_rows", real_rows)
    summary = load_demo(store, enquiries=400, today=date(2026, 11, 1))
    assert summary.enquiries == 400 and summary.parties > 0
