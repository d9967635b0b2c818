"""Mutated workbooks for the import, from a fixed seed: every outcome must be a commit or the
project's own report of errors, and a failed import must leave the store's content exactly
as it was. The suite runs a bounded number of cases (tests/sheets/test_import_fuzz.py);
``python tools/fuzz_import.py --cases N`` runs as many as you like."""

from __future__ import annotations

import csv
import hashlib
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import inspect, select, table, text

from secdesk.sheets.importer import ImportReport, import_files
from secdesk.sheets.published_sheets import (
    ID_ALLOCATION,
    MEMBERSHIP_EVENTS,
    OPERATIONS_CONTACTS,
    PARTIES_LIST,
    PARTY_DETAILS,
)
from secdesk.store import Store

HEADERS = {
    "parties": PARTIES_LIST.headers,
    "details": PARTY_DETAILS.headers,
    "contacts": OPERATIONS_CONTACTS.headers,
    "allocations": ID_ALLOCATION.headers,
    "events": MEMBERSHIP_EVENTS.headers,
    "log": ["Received", "Channel", "Category", "Subject", "Party", "Enquirer", "E-mail"],
}


def _base_rows(i: int) -> dict[str, list[list[Any]]]:
    name = f"Fuzz Party {i} Ltd"
    start = (100 + i) << 24
    return {
        "parties": [
            [
                name,
                "Small Supplier",
                f"Group {i % 3}",
                "Party",
                date(2018, 1, 1 + i),
                "Y",
                "IS",
                date(2020, 1, 2),
            ]
        ],
        "details": [
            [
                name,
                f"{1000000 + i}",
                None,
                f"{i} High St, Leeds LS1 1AA",
                None,
                None,
                f"notices{i}@example.com",
                "Electricity Supply: ES-1",
                None,
                f"FZ{i:02d}",
                None,
                f"Group {i % 3}",
                date(2024, 5, 6),
            ]
        ],
        "contacts": [
            [
                name,
                f"Contact {i}",
                "Manager",
                f"c{i}@example.com",
                "020 7946 0018",
                None,
                "Main",
                "Y",
                date(2026, 1, 5),
            ]
        ],
        "allocations": [
            [
                name,
                "Party",
                f"FZ{i}",
                100 + i,
                f"{start:016X}",
                f"{start + 0xFFFFFF:016X}",
                f"FZ{i:02d}",
                "Current",
                None,
            ]
        ],
        "events": [[name, "Accession", date(2018, 1, 1 + i), None]],
        "log": [
            [
                datetime(2026, 3, 4, 9, i),
                "E-mail",
                "General Queries",
                f"Question {i}",
                name,
                "Jo Bloggs",
                "jo@example.com",
            ]
        ],
    }


NASTY: list[Any] = [
    None,
    "",
    " ",
    0,
    -1,
    1.5,
    2016,
    "2016",
    10**20,
    2**31,
    "0",
    "=1/0",
    "=A1",
    "#REF!",
    "\u200b",
    "\u00a0",
    "\ufeffX",
    "x" * 5000,
    "\x01bad",
    "31/02/2020",
    "02/31/2020",
    "13/13/2013",
    "2020-13-01",
    date(1900, 1, 1),
    datetime(9999, 12, 31),
    True,
    False,
    "Withdrawn",
    "Expelled",
    "In Default",
    "Applicant",
    "Other",
    "GS; XX",
    "IS, GS",
    "Électricité Ltd",
    "O'Brien; Sons",
    "GB 123 4567 89",
    "SC12345",
    "BT43 5AB",
    "Main",
    "Escalation",
    "Y",
    "N",
    "Former",
    "DCC",
    "RDP",
    "0000000000000000",
    "FFFFFFFFFFFFFFFF",
    "Event of Default",
    "Default Cured",
    "Expulsion",
    "Fuzz Party 1 Ltd",
    "FUZZ PARTY 2 LTD",
    "Telephone",
    "Retired category",
    "abc@",
    "+44 20 7946 0018",
    "07/08/2019",
    "08/07/2019",
]


@dataclass
class Case:
    number: int
    files: list[Path]
    kind: str


def _write_xlsx(path: Path, headers: list[str], rows: list[list[Any]], above: int) -> None:
    book = Workbook()
    sheet = book.active
    for _ in range(above):
        sheet.append(["title"])
    sheet.append([_cell(h) for h in headers])
    for row in rows:
        sheet.append([_cell(v) for v in row])
    book.save(path)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        # openpyxl refuses control characters; a real file cannot hold them in a cell either
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return value


def _write_csv(path: Path, headers: list[str], rows: list[list[Any]], rng: random.Random) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=rng.choice([",", ";", "\t"]))
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            ["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row]
        )
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "utf-16"])
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))


def _mutate_rows(rows: list[list[Any]], headers: list[str], rng: random.Random) -> None:
    for _ in range(rng.randint(0, 3)):
        choice = rng.random()
        if choice < 0.6 and rows:
            row = rng.choice(rows)
            row[rng.randrange(len(row))] = rng.choice(NASTY)
        elif choice < 0.75 and rows:
            rows.append(list(rng.choice(rows)))  # a repeated row
        elif choice < 0.85:
            headers[rng.randrange(len(headers))] = rng.choice(
                ["", "Accesion Date", "Notes", "Party", "Status ", str(rng.choice(NASTY))]
            )
        elif rows:
            rows.pop(rng.randrange(len(rows)))


def _mutate_bytes(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    if rng.random() < 0.5:
        del data[rng.randrange(len(data)) :]
    else:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))


def cases(folder: Path, count: int, seed: int = 15) -> Iterator[Case]:
    rng = random.Random(seed)
    for number in range(count):
        files: list[Path] = []
        kinds = rng.sample(sorted(HEADERS), rng.randint(1, 3))
        if "parties" not in kinds and rng.random() < 0.6:
            kinds.insert(0, "parties")  # most imports bring the Parties they speak of
        for kind in kinds:
            rows: list[list[Any]] = []
            for i in rng.sample(range(1, 9), rng.randint(1, 3)):
                rows.extend(list(r) for r in _base_rows(i)[kind])
            headers = list(HEADERS[kind])
            _mutate_rows(rows, headers, rng)
            form = rng.random()
            if form < 0.55:
                path = folder / f"case{number}-{kind}.xlsx"
                _write_xlsx(path, headers, rows, rng.choice([0, 0, 1, 4]))
            else:
                path = folder / f"case{number}-{kind}.csv"
                _write_csv(path, headers, rows, rng)
            if rng.random() < 0.12:
                _mutate_bytes(path, rng)
            files.append(path)
        yield Case(number, files, "+".join(kinds))


def content(store: Store) -> str:
    """A digest of every row of every table: equal digests, equal content."""
    digest = hashlib.sha256()
    with store.session() as session:
        names = sorted(inspect(session.connection()).get_table_names())
        for name in names:
            rows = session.execute(select(text("*")).select_from(table(name))).all()
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(f"{name}:{row}\n".encode())
    return digest.hexdigest()


def run(store: Store, folder: Path, count: int, seed: int = 15) -> dict[str, int]:
    """Import ``count`` mutated cases into ``store``; raise AssertionError at the first case
    that crashed or changed the store without committing. Returns the outcome counts."""
    outcomes = {"committed": 0, "refused": 0}
    before = content(store)
    for case in cases(folder, count, seed):
        try:
            report: ImportReport = import_files(store, case.files)
        except Exception as exc:
            raise AssertionError(f"case {case.number} ({case.kind}) crashed: {exc!r}") from exc
        if report.committed:
            outcomes["committed"] += 1
            before = content(store)
        else:
            outcomes["refused"] += 1
            assert report.errors, f"case {case.number}: not committed, and no error said why"
            after = content(store)
            assert after == before, f"case {case.number} ({case.kind}) changed the store"
        for path in case.files:
            path.unlink()
    return outcomes
