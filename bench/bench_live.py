"""How soon a colleague's change shows in an open window. Prints figures; asserts nothing.

    python bench/bench_live.py [--changes 10]
    SECDESK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test \\
        python bench/bench_live.py                # and on PostgreSQL (a scratch database)

On each store a window is open on the Parties screen (offscreen); another process saves a
new Party through the services, as a colleague's secdesk would, --changes times. Each time
is from the colleague's commit to the row being in the open list. Target: within 2 s.
The window's own screens learn of changes the same way, so an import or a publish here
shows in the other screens as quickly.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COLLEAGUE = """
import sys, time
from sqlalchemy.engine import make_url
from secdesk.services import parties
from secdesk.store.engine import Store
store = Store(make_url(sys.argv[1]), user="colleague")
for line in sys.stdin:
    with store.unit_of_work() as session:
        parties.create_party(session, {"name": line.strip(), "category": "Small Supplier"})
    print(time.time(), flush=True)
"""


def bench(store, changes: int) -> None:
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from secdesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(store)
    window.show()
    parties = window.parties

    def spin_until(done, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            loop = QEventLoop()
            QTimer.singleShot(10, loop.quit)
            loop.exec()

    spin_until(lambda: parties.count.text().endswith("parties"))
    url = store.url.render_as_string(hide_password=False)
    colleague = subprocess.Popen(
        [sys.executable, "-c", COLLEAGUE, url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert colleague.stdin is not None and colleague.stdout is not None
    delays = []
    for n in range(changes):
        before = parties.model.rowCount()
        colleague.stdin.write(f"Live Bench {n:03d} Ltd\n")
        colleague.stdin.flush()
        committed = float(colleague.stdout.readline())
        spin_until(lambda before=before: parties.model.rowCount() > before)
        delays.append(time.time() - committed)
    colleague.stdin.close()
    colleague.wait()
    window.close()
    QThreadPool.globalInstance().waitForDone()
    app.processEvents()
    kind = "SQLite" if store.is_sqlite else "PostgreSQL"
    median = statistics.median(delays)
    print(
        f"{kind:<11} colleague's save → in the open list: median {median:.2f} s, "
        f"slowest {max(delays):.2f} s, over {changes} saves (target: within 2 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=10)
    args = parser.parse_args()
    from scratch import on_each_store

    on_each_store(lambda store: bench(store, args.changes))


if __name__ == "__main__":
    main()
