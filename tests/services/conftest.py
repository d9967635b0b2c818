from __future__ import annotations

import pytest

from secdesk.services import parties


def new_party(store, **data):
    values = {"name": "Acme Energy Ltd", "category": "Large Supplier"} | data
    accession = values.pop("accession_date", None)
    with store.unit_of_work() as session:
        party = parties.create_party(session, values, accession_date=accession)
        return party.id, party.version


@pytest.fixture
def make_party(store):
    return lambda **data: new_party(store, **data)
