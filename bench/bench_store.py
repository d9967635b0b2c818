"""Store timings beside a raw-SQL baseline measured in the same run. Prints figures and
ratios; asserts nothing.

    python bench/bench_store.py                  # SQLite
    SECDESK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test \\
        python bench/bench_store.py              # and PostgreSQL (a scratch database)

What it measures, on the demo register:
- listing all parties through services.parties.list_parties vs the raw SELECT it needs;
- one validated, version-checked, audited party update vs a bare UPDATE;
- bulk-loading 50,000 enquiries vs a raw executemany of the same rows.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch import median_ms, on_each_store
from sqlalchemy import text

from secdesk.demo import load_demo
from secdesk.demo.enquiries import enquiry_rows
from secdesk.domain import Party
from secdesk.services import parties
from secdesk.store.engine import Store

ENQUIRIES = 50_000


def row(label: str, ours: float, baseline: float, unit: str = "ms") -> None:
    print(
        f"  {label:<44} {ours:9.2f} {unit}   raw {baseline:9.2f} {unit}   "
        f"ratio {ours / baseline if baseline else float('nan'):5.2f}x"
    )


RAW_LIST = text(
    "SELECT p.id, p.name, p.category, p.status, p.company_number, g.name, p.accession_date, "
    "p.version FROM party p LEFT JOIN voting_group g ON g.id = p.voting_group_id "
    "ORDER BY p.name, p.id"
)
RAW_MPIDS = text("SELECT party_id, code FROM mpid ORDER BY code")


def bench(store: Store) -> None:
    print(f"\n{store.describe()}")
    start = time.perf_counter()
    summary = load_demo(store, enquiries=0, today=date(2026, 11, 1))
    print(
        f"  demo register ({summary.parties} parties, {summary.contacts} contacts) "
        f"through the services: {(time.perf_counter() - start):.2f} s"
    )

    def ours_list() -> object:
        with store.session() as session:
            return parties.list_parties(session)

    def raw_list() -> object:
        with store.engine.connect() as connection:
            return connection.execute(RAW_LIST).all(), connection.execute(RAW_MPIDS).all()

    row("list 300 parties (sorted, with MPIDs)", median_ms(ours_list, 20), median_ms(raw_list, 20))

    with store.session() as session:
        party_id = session.query(Party.id).order_by(Party.id).first()[0]

    def ours_update() -> object:
        with store.unit_of_work() as session:
            party = session.get(Party, party_id)
            flip = (
                "a@bench.example" if party.notices_email != "a@bench.example" else "b@bench.example"
            )
            return parties.update_party(session, party_id, {"notices_email": flip}, party.version)

    def raw_update() -> object:
        with store.engine.begin() as connection:
            return connection.execute(
                text("UPDATE party SET notices_email = :e, version = version + 1 WHERE id = :i"),
                {"e": f"{uuid.uuid4().hex[:6]}@bench.example", "i": party_id},
            )

    ours, raw = median_ms(ours_update, 20), median_ms(raw_update, 20)
    row("update one party (validated, audited)", ours, raw)

    rows = list(enquiry_rows(ENQUIRIES, [(1, "Applications")], [], seed=1, today=date(2026, 11, 1)))
    from secdesk.demo.enquiries import load_enquiries

    start = time.perf_counter()
    load_enquiries(store, ENQUIRIES, today=date(2026, 11, 1))
    ours = (time.perf_counter() - start) * 1000
    columns = ", ".join(rows[0])
    placeholders = ", ".join(f":{c}" for c in rows[0])
    plain = [{k: (v.value if hasattr(v, "value") else v) for k, v in r.items()} for r in rows]
    start = time.perf_counter()
    with store.engine.begin() as connection:
        connection.execute(text(f"INSERT INTO enquiry ({columns}) VALUES ({placeholders})"), plain)
    raw = (time.perf_counter() - start) * 1000
    row(f"bulk-load {ENQUIRIES:,} enquiries", ours, raw)


def main() -> None:
    on_each_store(bench)


if __name__ == "__main__":
    main()
