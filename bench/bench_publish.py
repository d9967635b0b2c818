"""Publishing the four spreadsheets, beside two baselines measured in the same run: raw
openpyxl write-only and pandas DataFrame.to_excel writing the same cells. Prints figures and
ratios; asserts nothing.

    pip install -e ".[bench]"
    python bench/bench_publish.py

Each measurement runs in a fresh process (wall time of the work itself, and the process's
peak resident memory); each figure is the median of three, each publish from a fresh
copy of the store. Registers: the demo (~300 parties) and a generated one of 10,000
parties with 20,000 contacts and 10,000 allocations (bulk-inserted: this measures
publishing, not typing parties in). Targets: 300 parties in under 1 s; at least 2x faster
than pandas; within 1.3x of raw openpyxl write-only.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))

BIG = 10_000
RUNS = 3  # each figure is the median of this many fresh processes


# 16,000 different valid UK numbers, as a real list's mostly are.
_PHONE_RANGES = (
    "1134960", "1144960", "1224960", "1164960", "1174960", "1184960", "1214960", "1314960",
    "1414960", "1514960", "1614960", "1914980", "2079460", "2896496", "2920180", "7400123",
)  # fmt: skip


def _phone(n: int) -> str:
    return f"+44{_PHONE_RANGES[n % 16]}{n // 16 % 1000:03d}"


def make_big_register(url: str) -> None:
    from sqlalchemy import insert
    from sqlalchemy.engine import make_url

    from secdesk.domain import (
        IdAllocation,
        Mpid,
        OperationsContact,
        Organisation,
        Party,
        PartyDccRole,
        VotingGroup,
    )
    from secdesk.store import migrate
    from secdesk.store.engine import Store

    store = Store(make_url(url), user="bench")
    migrate.upgrade(store.engine)
    now = datetime.now(UTC)
    stamps = {"version": 1, "created_at": now, "updated_at": now}
    with store.engine.begin() as db:
        db.execute(
            insert(VotingGroup),
            [{"id": g, "name": f"Group {g:05d}"} | stamps for g in range(1, BIG // 2 + 1)],
        )
        db.execute(
            insert(Party),
            [
                {
                    "id": i,
                    "name": f"Party {i:05d} Energy Ltd",
                    "company_number": f"{i:08d}",
                    "category": ["Large Supplier", "Small Supplier", "Other SEC Party"][i % 3],
                    "status": "Party",
                    "accession_date": date(2015, 1, 1) + timedelta(days=i % 3000),
                    "voting_group_id": i // 2 + 1 if i < BIG else 1,
                    "registered_address": f"{i} High Street\nLeeds",
                    "registered_postcode": "LS1 1AA",
                    "notices_email": f"notices@p{i}.example",
                    "last_updated": date(2026, 1, 1),
                }
                | stamps
                for i in range(1, BIG + 1)
            ],
        )
        db.execute(
            insert(Mpid),
            [
                {"party_id": i, "code": f"M{i:03X}"[-4:].rjust(4, "Z")}
                for i in range(1, min(BIG, 4095) + 1)
            ],
        )
        db.execute(
            insert(PartyDccRole),
            [
                {"party_id": i, "role": "IS", "uep_completed_on": date(2020, 1, 1)}
                for i in range(1, BIG + 1, 2)
            ],
        )
        db.execute(
            insert(OperationsContact),
            [
                {
                    "party_id": i // 2 + 1,
                    "name": f"Person {i}",
                    "email": f"p{i}@p.example",
                    "office_phone": _phone(i),
                    "out_of_hours_phone": _phone(i + 7) if i % 2 else None,
                    "priority": ["Main", "Alternative"][i % 2],
                    "is_24x7": i % 2 == 0,
                    "last_confirmed": date(2026, 6, 1),
                }
                | stamps
                for i in range(BIG * 2)
            ],
        )
        db.execute(
            insert(Organisation),
            [{"id": i, "kind": "Party", "party_id": i} | stamps for i in range(1, BIG + 1)],
        )
        db.execute(
            insert(IdAllocation),
            [
                {
                    "organisation_id": i,
                    "organisation_number": i,
                    "range_start": f"{i << 24:016X}",
                    "range_end": f"{(i << 24) + 0xFFFFFF:016X}",
                    "signifier": f"S{i:05d}",
                    "is_current": True,
                }
                | stamps
                for i in range(1, BIG + 1)
            ],
        )
    store.dispose()


# ---- the measured work, each run in its own process --------------------------------------


def _measure(mode: str, url: str, folder: str, cells_file: str) -> dict[str, float]:
    from sqlalchemy.engine import make_url

    if mode == "publish":
        from secdesk.sheets.publish import publish
        from secdesk.store.engine import Store

        store = Store(make_url(url), user="bench")
        # As for the baselines, the libraries come in before the clock starts (and the
        # running application has its ORM mappers configured long before anyone publishes).
        import openpyxl  # noqa: F401
        import phonenumbers  # noqa: F401
        from sqlalchemy.orm import configure_mappers

        configure_mappers()
        start = time.perf_counter()
        publish(store, Path(folder))
        seconds = time.perf_counter() - start
    else:
        with open(cells_file, "rb") as handle:
            sheets = pickle.load(handle)  # [(file name, sheet, headers, rows)]
        # Imports happen before the clock starts, for every mode alike.
        import pandas
        from openpyxl import Workbook

        from secdesk.domain import Classification
        from secdesk.sheets.published_sheets import LAYOUTS
        from secdesk.sheets.workbook import Edition, write_workbook

        start = time.perf_counter()
        for file_name, sheet_name, headers, rows in sheets:
            path = Path(folder) / file_name
            if mode == "secdesk-write":
                layout = next(x for x in LAYOUTS if x.file_name == file_name)
                edition = Edition(Classification.GREEN, datetime.now(UTC), "bench")
                write_workbook(path, layout, rows, edition)
            elif mode == "openpyxl":
                book = Workbook(write_only=True)
                sheet = book.create_sheet(sheet_name)
                sheet.append(headers)
                for row in rows:
                    sheet.append(row)
                book.save(path)
            else:
                pandas.DataFrame(rows, columns=headers).to_excel(
                    path, sheet_name=sheet_name, index=False, engine="openpyxl"
                )
        seconds = time.perf_counter() - start
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB on Linux
    return {"seconds": seconds, "peak_mib": peak}


def run(mode: str, url: str, cells_file: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        # Each publish starts from the same store: a copy that has never been published
        # (else every run after the first would find nothing changed and write nothing).
        copy = Path(folder) / "store.sqlite3"
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        out = subprocess.run(
            [sys.executable, __file__, "--measure", mode, f"sqlite:///{copy}", folder, cells_file],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(runs: int, mode: str, url: str, cells_file: str) -> dict[str, float]:
    measured = [run(mode, url, cells_file) for _ in range(runs)]
    return {key: statistics.median(m[key] for m in measured) for key in measured[0]}


def cells_of(url: str, path: Path) -> int:
    from sqlalchemy.engine import make_url

    from secdesk.sheets.published_sheets import LAYOUTS
    from secdesk.sheets.register_snapshot import RegisterSnapshot
    from secdesk.store.engine import Store

    store = Store(make_url(url), user="bench")
    with store.session() as session:
        sheets = [
            (
                layout.file_name,
                layout.sheet,
                layout.headers,
                [cells for _, cells in layout.rows(RegisterSnapshot(session))],
            )
            for layout in LAYOUTS
        ]
    store.dispose()
    path.write_bytes(pickle.dumps(sheets))
    return sum(len(rows) for *_, rows in sheets)


def main() -> None:
    from secdesk.demo import load_demo
    from secdesk.store import open_store

    work = Path(tempfile.mkdtemp(prefix="secdesk-bench-publish-"))
    demo_url = f"sqlite:///{work / 'demo.sqlite3'}"
    store = open_store(demo_url)
    load_demo(store, enquiries=0, today=date(2026, 11, 1))
    store.dispose()
    big_url = f"sqlite:///{work / 'big.sqlite3'}"
    make_big_register(big_url)

    print(f"{'register':<22}{'rows':>8}  {'':<26}{'wall':>9}{'peak':>10}")
    for label, url in (("demo (300 parties)", demo_url), (f"{BIG:,} parties", big_url)):
        cells_file = work / f"{label[:4]}.pickle"
        rows = cells_of(url, cells_file)
        modes = ("publish", "secdesk-write", "openpyxl", "pandas")
        results = {mode: median_of(RUNS, mode, url, str(cells_file)) for mode in modes}
        titles = (
            "secdesk publish (all)",
            "secdesk writer, same cells",
            "raw openpyxl write-only",
            "pandas DataFrame.to_excel",
        )
        for mode, title in zip(modes, titles, strict=True):
            r = results[mode]
            print(f"{label:<22}{rows:>8}  {title:<26}{r['seconds']:8.2f}s{r['peak_mib']:8.0f}MiB")
        raw, pandas = results["openpyxl"]["seconds"], results["pandas"]["seconds"]
        for mode, title in (("secdesk-write", "writer"), ("publish", "whole publish")):
            ours = results[mode]["seconds"]
            print(
                f"{'':<32}{title}: {ours / raw:.2f}x raw openpyxl; "
                f"pandas takes {pandas / ours:.2f}x as long"
            )
    print(
        "secdesk publish includes reading the register, writing, reading each file back to "
        "verify it, hashing, and the change summary; the baselines only write cells."
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        print(json.dumps(_measure(*sys.argv[2:6])))
    else:
        main()
