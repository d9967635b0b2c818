from __future__ import annotations

import pytest

from secdesk.services import parties


@pytest.fixture
def make_party(store):
    def make(name, category="Large Supplier", accession="01/01/2020", **data):
        with store.unit_of_work() as session:
            party = parties.create_party(
                session, {"name": name, "category": category} | data, accession_date=accession
            )
            return party.id, party.version

    return make
