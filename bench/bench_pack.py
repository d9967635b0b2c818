"""How long the Operations Report pack takes on the demo store (300 Parties, three years
of enquiries), beside a baseline measured in the same run: the three report tables it
draws on, asked for one by one as they were before the pack. Prints figures; asserts
nothing. SECDESK_BENCH_POSTGRES_URL adds a run on a scratch PostgreSQL database.

    python bench/bench_pack.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scratch import median_ms, on_each_store  # noqa: E402

from secdesk.demo import load_demo  # noqa: E402
from secdesk.months import Month  # noqa: E402
from secdesk.reports.catalogue import save_pack  # noqa: E402
from secdesk.reports.helpdesk import helpdesk_report  # noqa: E402
from secdesk.reports.membership import membership_report  # noqa: E402
from secdesk.reports.pack import operations_pack  # noqa: E402
from secdesk.reports.uep import uep_report  # noqa: E402
from secdesk.store.engine import Store  # noqa: E402


def bench(store: Store) -> None:
    today = date.today()
    load_demo(store, today=today)
    month = Month.of(today).plus(-1)
    kind = "SQLite" if store.is_sqlite else "PostgreSQL"

    def three_tables() -> None:
        with store.reading() as session:
            helpdesk_report(session, month)
            membership_report(session, month)
            uep_report(session, month.twelve()[0].first_day, month.last_day)

    def pack() -> object:
        with store.reading() as session:
            return operations_pack(session, month)

    baseline = median_ms(three_tables)
    built = median_ms(pack)
    made = pack()
    with tempfile.TemporaryDirectory() as folder:
        saved = median_ms(lambda: save_pack(Path(folder) / "pack.xlsx", made), repeat=3)  # type: ignore[arg-type]
    print(f"{kind}, {month.long_label}:")
    print(f"  three report tables (baseline): median {baseline:7.1f} ms")
    print(f"  the pack's five sections:       median {built:7.1f} ms  ({built / baseline:.2f}x)")
    print(f"  workbook and PDF written:       median {saved:7.1f} ms")


if __name__ == "__main__":
    on_each_store(bench)
