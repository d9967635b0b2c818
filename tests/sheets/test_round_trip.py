"""Export → import into an empty store → export gives identical cells, for generated
registers full of what real ones hold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secdesk.domain import ContactPriority, LicenceType, PartyCategory
from secdesk.services import allocations, contacts, membership, parties
from secdesk.sheets.importer import import_files
from tests.sheets.conftest import data_cells, export_all

LETTERS = st.characters(categories=["Lu", "Ll", "Nd"], max_codepoint=0x24F)
WORD = st.text(LETTERS, min_size=1, max_size=10)
PUNCTUATION = st.sampled_from(["", "'", "&", "-", ".", "(UK)", "Énergie", "Ørsted"])
NAME = st.builds(lambda a, p, b: f"{a}{p} {b} Ltd".replace("  ", " "), WORD, PUNCTUATION, WORD)
ADDRESS_LINE = st.builds(
    lambda n, w, sep: f"{n}{sep}{w} Street",
    st.integers(1, 999),
    WORD,
    st.sampled_from([" ", ", ", " '", " & "]),
)
POSTCODES = st.sampled_from([None, "SW1A 1AA", "EH1 2NG", "BT43 5AB", "GIR 0AA"])
CODE = st.text(st.sampled_from("ABCDEFGHJKLMNPRSTUVWXYZ"), min_size=4, max_size=4)


@st.composite
def registers(draw):
    names = draw(st.lists(NAME, min_size=1, max_size=6, unique_by=str.casefold))
    codes = iter(draw(st.lists(CODE, min_size=20, max_size=20, unique=True)))
    result = []
    for index, name in enumerate(names):
        lines = draw(st.lists(ADDRESS_LINE, max_size=4))
        licence_types = draw(st.lists(st.sampled_from(list(LicenceType)), max_size=2, unique=True))
        result.append(
            {
                "data": {
                    "name": name,
                    "category": draw(st.sampled_from(list(PartyCategory))),
                    "company_number": draw(
                        st.one_of(st.none(), st.just(f"{10_000_000 + index:08d}"))
                    ),
                    "registered_address": "\n".join(lines) or None,
                    "registered_postcode": draw(POSTCODES),
                    "notices_email": draw(st.one_of(st.none(), st.just(f"n{index}@p.example"))),
                    "mpids": [next(codes) for _ in range(draw(st.integers(0, 3)))],
                    "licences": [(t, f"L-{index}-{i}") for i, t in enumerate(licence_types)],
                    "voting_group": draw(st.sampled_from([None, "Group One", "Group Two"])),
                    "last_updated": date(2020, 1, 1) + timedelta(days=draw(st.integers(0, 2000))),
                },
                "acceded": draw(st.one_of(st.none(), st.dates(date(2013, 1, 1), date(2024, 1, 1)))),
                "leaves": draw(st.booleans()),
                "contacts": draw(
                    st.lists(
                        st.tuples(NAME, st.sampled_from(list(ContactPriority))),
                        max_size=2,
                        unique_by=lambda c: c[0].casefold(),
                    )
                ),
                "allocated": draw(st.booleans()),
            }
        )
    return result


def build(store, register) -> None:
    with store.unit_of_work() as session:
        for number, spec in enumerate(register, 1):
            party = parties.create_party(session, spec["data"], accession_date=spec["acceded"])
            for i, (name, priority) in enumerate(spec["contacts"]):
                contacts.create_contact(
                    session,
                    {
                        "party_id": party.id,
                        "name": name,
                        "email": f"c{number}.{i}@p.example",
                        "priority": priority,
                    },
                )
            if spec["allocated"]:
                org = allocations.organisation_for_party(session, party.id)
                allocations.allocate(
                    session,
                    {
                        "organisation_id": org.id,
                        "organisation_number": number,
                        "range_start": f"{number << 24:016X}",
                        "range_end": f"{(number << 24) + 0xFFFF:016X}",
                        "signifier": f"S{number:03d}",
                    },
                )
            if spec["leaves"] and spec["acceded"]:
                membership.retire_party(
                    session,
                    party.id,
                    spec["acceded"] + timedelta(days=30),
                    "ceased trading",
                    party.version,
                )


@pytest.mark.slow
def test_export_import_export_gives_identical_cells(backend, store_factory, tmp_path_factory):
    @settings(
        max_examples=15 if backend == "sqlite" else 5,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(register=registers())
    def round_trip(register):
        source, target = store_factory(), store_factory()
        build(source, register)
        first = export_all(source, tmp_path_factory.mktemp("first"))
        report = import_files(target, list(first.values()))
        assert report.errors == [], [str(e) for e in report.errors]
        second = export_all(target, tmp_path_factory.mktemp("second"))
        for key, path in first.items():
            assert data_cells(second[key]) == data_cells(path), key

    round_trip()
