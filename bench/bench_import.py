"""Importing, beside baselines measured in the same run. Prints figures and ratios; asserts
nothing.

    pip install -e ".[bench]"
    python bench/bench_import.py [--big 10000] [--runs 3]

Register: the four workbooks of a published register (the demo's 300 Parties, and a
generated one of --big Parties) imported into an empty store, against reading the same
cells with openpyxl read-only and with python-calamine. Target: within 5x openpyxl.
Enquiry log: a CSV of 30,000 rows, against pandas read_csv plus a bare executemany of the
same rows into the same table. Target: within 1.5x.

Each measurement runs in a fresh process (wall time of the work, the libraries imported
and the store opened before the clock starts, as in a window that is running; and the
process's peak resident memory). The modes take turns, one
round after another, and each ratio is the median of the rounds' ratios, so that a noisy
neighbour on a shared machine slows a round rather than one mode; each wall time shown is
the median of --runs. Set SECDESK_BENCH_POSTGRES_URL (an empty database you may fill) to time the
imports on PostgreSQL too.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))
LOG_ROWS = 30_000


def _fresh_store(folder: Path, url: str | None) -> str:
    """An empty, migrated store: a new SQLite file, or the PostgreSQL database emptied."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from secdesk.store import migrate
    from secdesk.store.engine import create_store_engine

    if url is None:
        target = folder / "target.sqlite3"
        for stale in (target, *folder.glob("target.sqlite3-*")):
            stale.unlink(missing_ok=True)  # else the next run imports into a full store
        url = f"sqlite:///{target}"
    engine = create_store_engine(make_url(url))
    if engine.dialect.name == "postgresql":
        with engine.begin() as db:
            db.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    engine.dispose()
    return url


# ---- the measured work, each in its own process ------------------------------------------


def _measure(mode: str, folder: str, url: str) -> dict[str, float]:
    from sqlalchemy.engine import make_url

    files = sorted(p for p in Path(folder).iterdir() if p.suffix in (".xlsx", ".csv"))
    # Libraries load before the clock starts, for every mode alike: the readers, and those
    # secdesk loads on first use (a window that has run for a while has them loaded).
    import email_validator  # noqa: F401
    import openpyxl
    import phonenumbers  # noqa: F401
    import python_calamine

    if url.startswith("postgresql"):
        import psycopg  # noqa: F401

    from secdesk import domain
    from secdesk.sheets.importer import import_files
    from secdesk.store.engine import Store

    domain.load_all()
    # The store is open before the clock starts, as a window that is running has it: its
    # password looked up, its first connection made.
    store = Store(make_url(url), user="bench") if url else None
    if store is not None:
        with store.engine.connect():
            pass
    start = time.perf_counter()
    if mode == "import":
        assert store is not None
        report = import_files(store, files)
        assert report.committed, report.lines()[-5:]
    elif mode == "openpyxl":
        for path in files:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for sheet in book.worksheets:
                for _row in sheet.iter_rows(values_only=True):
                    pass
            book.close()
    elif mode == "calamine":
        for path in files:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python()
    elif mode == "pandas-executemany":
        assert store is not None
        _pandas_executemany(files[0], store)
    seconds = time.perf_counter() - start
    if store is not None:
        store.dispose()
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB on Linux
    return {"seconds": seconds, "peak_mib": peak}


def _pandas_executemany(path: Path, store: Any) -> None:
    """The floor for an enquiry log: parse the CSV with pandas, look up the categories, and
    insert the rows with one executemany."""
    import pandas
    from sqlalchemy import insert, select

    from secdesk.domain import Enquiry, EnquiryCategory

    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    received = (
        pandas.to_datetime(frame["Received"], format="%d/%m/%Y %H:%M")
        .dt.tz_localize("Europe/London", ambiguous=True, nonexistent="shift_forward")
        .dt.tz_convert("UTC")
    )
    with store.engine.begin() as db:
        categories = dict(db.execute(select(EnquiryCategory.name, EnquiryCategory.id)).all())
        now = datetime.now(UTC)
        rows = [
            {
                "received_at": when.to_pydatetime(),
                "channel": "Email" if channel.startswith("E") else "Telephone",
                "category_id": categories[category],
                "subject": subject,
                "enquirer_name": name,
                "enquirer_email": email,
                "status": "Open",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for when, channel, category, subject, name, email in zip(
                received,
                frame["Channel"],
                frame["Category"],
                frame["Subject"],
                frame["Enquirer"],
                frame["E-mail"],
                strict=True,
            )
        ]
        db.execute(insert(Enquiry), rows)


def _once(mode: str, folder: Path, url: str | None) -> dict[str, float]:
    target = _fresh_store(folder, url) if mode in ("import", "pandas-executemany") else ""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", mode, str(folder), target],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def rounds(
    folder: Path, modes: list[tuple[str, str, str | None]], runs: int
) -> tuple[dict[str, dict[str, float]], list[dict[str, float]]]:
    """Each mode once a round, the rounds one after another, so that a noisy neighbour on
    a shared machine slows a whole round rather than one mode: the medians of each mode,
    and each round's figures (for ratios within a round)."""
    per_round: list[dict[str, float]] = []
    measured: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in modes}
    for _ in range(runs):
        figures = {}
        for name, mode, url in modes:
            result = _once(mode, folder, url)
            measured[name].append(result)
            figures[name] = result["seconds"]
        per_round.append(figures)
    medians = {
        name: {key: statistics.median(m[key] for m in results) for key in results[0]}
        for name, results in measured.items()
    }
    return medians, per_round


def ratio(per_round: list[dict[str, float]], ours: str, base: str) -> float:
    """The median over rounds of ours / base, each pair measured in the same round."""
    return statistics.median(r[ours] / r[base] for r in per_round)


# ---- inputs -----------------------------------------------------------------------------


def _published(folder: Path, url: str) -> int:
    from sqlalchemy.engine import make_url

    from secdesk.sheets.publish import publish
    from secdesk.store.engine import Store

    store = Store(make_url(url), user="bench")
    publish(store, folder)
    store.dispose()
    for note in folder.glob("*.txt"):
        note.unlink()
    import python_calamine

    rows = 0
    for path in folder.glob("*.xlsx"):
        rows += (
            python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).height - 1
        )
    return rows


def _log_csv(path: Path) -> None:
    from secdesk.domain.enquiry import DEFAULT_CATEGORIES

    rng = random.Random(19)
    start = datetime(2024, 1, 1, 9, 0)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Received", "Channel", "Category", "Subject", "Enquirer", "E-mail"])
        for i in range(LOG_ROWS):
            when = start + timedelta(minutes=37 * i)
            out.writerow(
                [
                    when.strftime("%d/%m/%Y %H:%M"),
                    "E-mail" if i % 20 else "Telephone",
                    rng.choice(DEFAULT_CATEGORIES),
                    f"Question about item {i}",
                    f"Person {i % 700}" if i % 3 else "",
                    f"p{i % 700}@example.com" if i % 5 else "",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pg = os.environ.get("SECDESK_BENCH_POSTGRES_URL")

    import bench_publish

    from secdesk.demo import load_demo
    from secdesk.store import open_store

    work = Path(tempfile.mkdtemp(prefix="secdesk-bench-import-"))
    demo_url = f"sqlite:///{work / 'demo.sqlite3'}"
    store = open_store(demo_url)
    load_demo(store, enquiries=0, today=date(2026, 11, 1))
    store.dispose()
    bench_publish.BIG = args.big
    big_url = f"sqlite:///{work / 'big.sqlite3'}"
    bench_publish.make_big_register(big_url)

    print(f"{'input':<26}{'rows':>8}  {'':<34}{'wall':>9}{'peak':>10}")
    targets = [("SQLite", None)] + ([("PostgreSQL", pg)] if pg else [])
    registers = (("demo register", demo_url), (f"{args.big:,}-Party register", big_url))
    for label, url in registers:
        folder = work / label.replace(" ", "-")
        folder.mkdir()
        rows = _published(folder, url)
        modes = [("openpyxl", "openpyxl", None), ("calamine", "calamine", None)]
        modes += [(name, "import", target) for name, target in targets]
        medians, per_round = rounds(folder, modes, args.runs)
        titles = {"openpyxl": "openpyxl read-only, same cells"}
        titles["calamine"] = "python-calamine, same cells"
        titles |= {name: f"secdesk import ({name})" for name, _ in targets}
        for name, title in titles.items():
            r = medians[name]
            print(f"{label:<26}{rows:>8}  {title:<34}{r['seconds']:8.2f}s{r['peak_mib']:8.0f}MiB")
        for name, _ in targets:
            print(
                f"{'':<36}import ({name}): {ratio(per_round, name, 'openpyxl'):.2f}x "
                f"openpyxl, {ratio(per_round, name, 'calamine'):.0f}x calamine "
                "(median of the rounds' ratios)"
            )

    folder = work / "log"
    folder.mkdir()
    _log_csv(folder / "log.csv")
    for name, target in targets:
        modes = [("floor", "pandas-executemany", target), ("ours", "import", target)]
        medians, per_round = rounds(folder, modes, args.runs)
        for title, key in (("pandas read_csv + executemany", "floor"), ("secdesk import", "ours")):
            r = medians[key]
            print(
                f"{'enquiry log (' + name + ')':<26}{LOG_ROWS:>8}  {title:<34}"
                f"{r['seconds']:8.2f}s{r['peak_mib']:8.0f}MiB"
            )
        print(f"{'':<36}import: {ratio(per_round, 'ours', 'floor'):.2f}x the floor")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        print(json.dumps(_measure(*sys.argv[2:5])))
    else:
        main()
