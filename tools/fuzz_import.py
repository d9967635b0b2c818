"""A longer run of the import fuzzer than the suite's: ``python tools/fuzz_import.py
--cases 20000 --seed 7`` (a fresh SQLite store; ``--store URL`` for an empty PostgreSQL
database you have made). Stops at the first case that crashes or changes the store without
committing, and prints the outcome counts."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.engine import make_url

from secdesk.store import Store, migrate
from secdesk.store.engine import create_store_engine
from tests.sheets import fuzzing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", help="an empty database's URL (default: a new SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="secdesk-fuzz-"))
    url = make_url(args.store or f"sqlite:///{folder / 'fuzz.sqlite3'}")
    engine = create_store_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    store = Store(url, user="fuzzer")
    started = time.perf_counter()
    try:
        outcomes = fuzzing.run(store, folder, args.cases, args.seed)
    finally:
        store.dispose()
    seconds = time.perf_counter() - started
    print(f"{args.cases} cases, seed {args.seed}: {outcomes} in {seconds:.0f} s")


if __name__ == "__main__":
    main()
