"""The audit trail written by PostgreSQL's trigger, beside the trail secdesk used to write
through the ORM and a bare UPDATE with no trail, in one run. Prints figures; asserts nothing.

    SECDESK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test \\
        python bench/bench_trail.py [--rounds 15] [--saves 20] [--enquiries 2000]

Two scratch databases on the server: one at the latest schema (the trigger writes the trail)
and one at schema 0006 (before the trigger: secdesk.audit writes it, as it did). Each round
times, on each, --saves validated, version-checked, audited saves of one Party as the window
makes them (update_party in a unit of work), a bare UPDATE of the same field (no checks, no
trail), and one bulk change of --enquiries enquiries' status (the Helpdesk's "Change
selected"). Rounds interleave the variants so the machine's noise falls on all alike; the
figures are medians, and the ratios the median of each round's ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))

from sqlalchemy import create_engine, select, text  # noqa: E402
from sqlalchemy.engine import URL, make_url  # noqa: E402

from secdesk.demo.enquiries import insert_enquiries  # noqa: E402
from secdesk.domain import Enquiry, EnquiryStatus, Party  # noqa: E402
from secdesk.services import enquiry_log, parties  # noqa: E402
from secdesk.store import migrate  # noqa: E402
from secdesk.store.engine import Store  # noqa: E402


def _store(server: URL, name: str, revision: str, enquiries: int) -> tuple[Store, int]:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    store = Store(server.set(database=name), user="bench")
    migrate.upgrade(store.engine, revision)
    with store.unit_of_work() as session:
        party = parties.create_party(
            session,
            {"name": "Acme Energy Ltd", "category": "Large Supplier", "mpids": ["ABCD", "EFGH"]},
        )
        insert_enquiries(session, enquiries)
    return store, party.id


def _save(store: Store, party_id: int, saves: int) -> Callable[[], None]:
    counter = iter(range(10**9))

    def run() -> None:
        for _ in range(saves):
            with store.session() as session:
                version = session.scalar(select(Party.version).where(Party.id == party_id))
            with store.unit_of_work() as session:
                email = f"n{next(counter)}@acme.example"
                parties.update_party(session, party_id, {"notices_email": email}, version)

    return run


def _bare(store: Store, party_id: int, saves: int) -> Callable[[], None]:
    counter = iter(range(10**9))
    statement = text("UPDATE party SET notices_email = :e WHERE id = :id")

    def run() -> None:
        for _ in range(saves):
            with store.engine.begin() as connection:
                connection.execute(
                    statement, {"e": f"b{next(counter)}@acme.example", "id": party_id}
                )

    return run


def _bulk(store: Store) -> Callable[[], None]:
    with store.session() as session:
        ids = list(session.scalars(select(Enquiry.id)))
    flip = iter([EnquiryStatus.RESOLVED, EnquiryStatus.OPEN] * 10**6)

    def run() -> None:
        with store.unit_of_work() as session:
            enquiry_log.change_enquiries(session, ids, {"status": next(flip)})

    return run


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--enquiries", type=int, default=2000)
    args = parser.parse_args()
    raw = os.environ.get("SECDESK_BENCH_POSTGRES_URL")
    if not raw:
        sys.exit("set SECDESK_BENCH_POSTGRES_URL to a PostgreSQL server you may make databases on")
    server = make_url(raw).set(drivername="postgresql+psycopg")
    names = {kind: f"secdesk_bench_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("trigger", "orm")}
    stores: dict[str, tuple[Store, int]] = {}
    try:
        stores["trigger"] = _store(server, names["trigger"], "head", args.enquiries)
        stores["orm"] = _store(server, names["orm"], "0006", args.enquiries)
        assert stores["trigger"][0].identity.trail_by_database
        assert not stores["orm"][0].identity.trail_by_database
        variants = {
            "save, trail by trigger": _save(*stores["trigger"], args.saves),
            "save, trail by ORM": _save(*stores["orm"], args.saves),
            "bare UPDATE, no trail": _bare(*stores["orm"], args.saves),
            "bulk change, trail by trigger": _bulk(stores["trigger"][0]),
            "bulk change, trail by ORM": _bulk(stores["orm"][0]),
        }
        for action in variants.values():
            action()  # warm-up
        times: dict[str, list[float]] = {name: [] for name in variants}
        for round_number in range(args.rounds):
            order = list(variants)
            if round_number % 2:
                order.reverse()
            for name in order:
                times[name].append(_timed(variants[name]))
        per_save = {
            name: statistics.median(t) / (args.saves if name.startswith(("save", "bare")) else 1)
            for name, t in times.items()
        }
        print(f"PostgreSQL, {args.rounds} rounds (median):")
        for name, ms in per_save.items():
            unit = (
                "per save" if name.startswith(("save", "bare")) else f"{args.enquiries} enquiries"
            )
            print(f"  {name:32} {ms:8.2f} ms {unit}")

        def ratio(a: str, b: str) -> float:
            return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))

        print("Ratios (median of each round's):")
        pairs = (
            ("save: trigger / ORM ", "save, trail by trigger", "save, trail by ORM"),
            ("save: trigger / bare", "save, trail by trigger", "bare UPDATE, no trail"),
            ("bulk: trigger / ORM ", "bulk change, trail by trigger", "bulk change, trail by ORM"),
        )
        for label, ours, base in pairs:
            target = "  (target: 1.00 or less)" if label.startswith("save: trigger / ORM") else ""
            print(f"  {label}     {ratio(ours, base):.2f}{target}")
        for kind, (store, _party) in stores.items():
            with store.session() as session:
                count = session.scalar(text("SELECT count(*) FROM audit_entry"))
            print(f"  audit entries written ({kind}): {count}")
    finally:
        for store, _party in stores.values():
            store.dispose()
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in names.values():
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
