"""A history shaped like the February 2018 Operations Report's (SECP_54_0903_15): 286
Parties in 226 Voting Groups at the end of the month; accessions, defaults, withdrawals and
expulsions in each of the twelve months before it, with their reasons; the Report's two UEP
completions (Spark Energy Supply Ltd and Affect Energy Ltd); SREPT and UEPT completions; a
helpdesk log with known monthly counts per category, and telephone enquiries. Written as
the files an administrator would import (CSV, as the team's hand-kept lists are saved)."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

from secdesk.domain import DEFAULT_CATEGORIES

MONTHS = [(2017, m) for m in range(3, 13)] + [(2018, 1), (2018, 2)]
LABELS = [date(y, m, 1).strftime("%b-%y") for y, m in MONTHS]
ACCESSIONS = [3, 2, 4, 1, 2, 3, 2, 1, 3, 2, 1, 2]
DEFAULTS = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
WITHDRAWALS = [1, 0, 0, 1, 0, 0, 2, 0, 0, 1, 0, 0]
EXPULSIONS = [0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]

# Who left, and why, in the words the Report's footnotes use.
WITHDRAWN = [
    ("CNG (Group) Limited", "CNG (Group) Limited voluntarily requested to be withdrawn."),
    ("Lumo Energy Ltd", "Lumo Energy Ltd voluntarily requested to be withdrawn"),
    ("Peterborough Energy Ltd", "Peterborough Energy Ltd ceased trading and asked to withdraw."),
    ("Zog Energy Ltd", "Zog Energy Ltd voluntarily requested to be withdrawn."),
    ("Brilliant Energy Ltd", "brilliant Energy Ltd voluntarily requested to be withdrawn"),
]
EXPELLED = [
    ("Ovo Networks Ltd", "This expulsion was due to the company Ovo Networks Ltd being dissolved."),
    ("Tovo Supply Ltd", "This expulsion was due to the company Tovo Supply Ltd being dissolved."),
]
DEFAULTED = [
    ("Daisy Power Ltd", "Daisy Power Ltd did not pay its SEC charges when due."),
    ("Ecotricity Trading Ltd", "Ecotricity Trading Ltd did not provide the credit cover it owed"),
]

# The Voting Groups at the end of February 2018, by category: (groups of three, groups of
# two, Parties alone).
SHAPE = {
    "Large Supplier": (14, 0, 0),
    "Small Supplier": (0, 32, 60),
    "Electricity Network": (0, 0, 20),
    "Gas Network": (0, 0, 10),
    "Other SEC Party": (0, 0, 90),
}
GROUPS_BY_CATEGORY = {
    "Large Supplier": 14,
    "Small Supplier": 92,
    "Electricity Network": 20,
    "Gas Network": 10,
    "Other SEC Party": 90,
}
UEP_SINCE_MEETING = [
    [
        "Spark Energy Supply Ltd",
        "Small Supplier",
        "Import Supplier, Export Supplier and Gas Supplier",
        date(2018, 2, 23),
    ],
    [
        "Affect Energy Ltd",
        "Small Supplier",
        "Import Supplier, Export Supplier and Gas Supplier",
        date(2018, 2, 27),
    ],
]

# E-mails per category per month (the Report's Table 5), and telephone enquiries.
EMAILS = [[(7 * c + 3 * m) % 19 + (c == 7) * 25 for m in range(12)] for c in range(11)]
EMAILS[10][1] += 1  # "Other" in April 2017 has one more: sent at 00:30 BST on 1 April
CALLS = [6, 7, 5, 8, 6, 9, 7, 5, 6, 8, 7, 9]


def _write(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(headers)
        for row in rows:
            out.writerow(
                [
                    f"{v:%d/%m/%Y}"
                    if isinstance(v, date) and not isinstance(v, datetime)
                    else f"{v:%d/%m/%Y %H:%M}"
                    if isinstance(v, datetime)
                    else v
                    for v in row
                ]
            )
    return path


def _in_month(index: int, day: int) -> date:
    year, month = MONTHS[index]
    return date(year, month, day)


def files(folder: Path) -> dict[str, Path]:
    parties: list[list[object]] = []
    events: list[list[object]] = []
    number = 0

    def name() -> str:
        nonlocal number
        number += 1
        return f"Member {number:03d} Ltd"

    accessions = [i for i, n in enumerate(ACCESSIONS) for _ in range(n)]
    members: list[tuple[str, str, str]] = []  # (name, category, voting group)
    for category, (threes, twos, alone) in SHAPE.items():
        for size, count in ((3, threes), (2, twos)):
            for g in range(count):
                group = f"{category} group {size}-{g + 1}"
                members += [(name(), category, group) for _ in range(size)]
        members += [(name(), category, "") for _ in range(alone)]
    # The Report's own Parties among them.
    members[150:152] = [
        ("Spark Energy Supply Ltd", "Small Supplier", ""),
        ("Affect Energy Ltd", "Small Supplier", ""),
    ]
    members[152] = ("Bristol Energy Ltd", "Small Supplier", "")
    members[153] = ("Octopus Energy Ltd", "Small Supplier", "")
    members[154:156] = [(n, "Small Supplier", "") for n, _ in DEFAULTED]
    uep = {
        "Spark Energy Supply Ltd": ("IS, ES, GS", date(2018, 2, 23)),
        "Affect Energy Ltd": ("IS, ES, GS", date(2018, 2, 27)),
        "Bristol Energy Ltd": ("IS, ES", date(2018, 2, 9)),  # the meeting's own day: reported then
        "Octopus Energy Ltd": ("IS, ES, GS", date(2018, 1, 15)),
    }
    # The last 26 Other SEC Parties acceded in the twelve months, the rest long before.
    recent = {
        members[-1 - i][0]: _in_month(month, 5 + i % 20) for i, month in enumerate(accessions)
    }
    for party, category, group in members:
        joined = recent.get(party, date(2015, 6, 1))
        roles, when = uep.get(party, ("", None))
        parties.append([party, category, group, "Party", joined, roles, when])
        events.append([party, "Accession", joined, ""])
    leavers = [(n, r, "Withdrawal") for n, r in WITHDRAWN] + [
        (n, r, "Expulsion") for n, r in EXPELLED
    ]
    months = {
        "Withdrawal": [i for i, n in enumerate(WITHDRAWALS) for _ in range(n)],
        "Expulsion": [i for i, n in enumerate(EXPULSIONS) for _ in range(n)],
    }
    for number_left, (party, reason, kind) in enumerate(leavers):
        parties.append([party, "Small Supplier", "", "Party", date(2015, 1, 10), "", None])
        events.append([party, "Accession", date(2015, 1, 10), ""])
        events.append([party, kind, _in_month(months[kind].pop(0), 12 + number_left), reason])
    for (party, reason), month in zip(
        DEFAULTED, [i for i, n in enumerate(DEFAULTS) for _ in range(n)], strict=True
    ):
        events.append([party, "Event of Default", _in_month(month, 20), reason])
    testing = [
        ["Spark Energy Supply Ltd", "SREPT", "", date(2018, 1, 10)],
        ["Affect Energy Ltd", "SREPT", "", date(2018, 2, 15)],
        ["Octopus Energy Ltd", "SREPT", "", date(2017, 9, 1)],
        *(
            ["Spark Energy Supply Ltd", "UEPT", role, date(2018, 1, 20)]
            for role in ("Import Supplier", "Export Supplier", "Gas Supplier")
        ),
        *(["Affect Energy Ltd", "UEPT", role, date(2018, 2, 20)] for role in ("IS", "ES", "GS")),
        ["Octopus Energy Ltd", "UEPT", "IS", date(2017, 12, 1)],
        ["Bristol Energy Ltd", "UEPT", "IS", date(2018, 3, 2)],  # after the month: not yet
    ]
    log: list[list[object]] = []
    for c, category in enumerate(DEFAULT_CATEGORIES):
        for m in range(12):
            start = datetime(*MONTHS[m], 1, 9)
            midnight = (c, m) == (10, 1)
            for n in range(EMAILS[c][m] - midnight):
                log.append(
                    [start + timedelta(hours=7 * n), "E-mail", category, f"{category} question {n}"]
                )
    for m, calls in enumerate(CALLS):
        log += [
            [
                datetime(*MONTHS[m], 2, 10) + timedelta(hours=n),
                "Telephone",
                "General Queries",
                "Call",
            ]
            for n in range(calls)
        ]
    # Half past midnight on 1 April is April in UK time (31 March in UTC).
    log.append([datetime(2017, 4, 1, 0, 30), "E-mail", "Other", "Just after midnight"])
    return {
        "parties": _write(
            folder / "SEC Parties List.csv",
            [
                "Party Name",
                "Party Category",
                "Voting Group",
                "Status",
                "Accession Date",
                "DCC User Roles",
                "UEP Completion Date",
            ],
            parties,
        ),
        "events": _write(
            folder / "Membership Events.csv", ["Party Name", "Event", "Date", "Reason"], events
        ),
        "testing": _write(
            folder / "Testing Completions.csv",
            ["Party Name", "Test", "DCC User Role", "Date"],
            testing,
        ),
        "log": _write(
            folder / "Helpdesk log.csv", ["Received", "Channel", "Category", "Subject"], log
        ),
    }
