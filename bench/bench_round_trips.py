"""Round trips to a distant PostgreSQL server, per screen and per record editor. Prints
figures; asserts nothing.

    SECDESK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test \\
        python bench/bench_round_trips.py [--delay-ms 30] [--enquiries 20000]

A scratch database is filled with the demo data; the real window (offscreen) then opens
each screen and each kind of record editor through a TCP proxy on 127.0.0.1 that holds
every message for half the delay each way, as a server 30 ms away over a VPN would, and
counts the round trips (tests/store/tcp_proxy.py). For each: round trips, SQL statements,
and the time from asking to everything on screen. Target: at most 3 round trips each.
The same steps with no delay are the baseline the ratio is against.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import event  # noqa: E402

from tests.store.tcp_proxy import Proxy  # noqa: E402

TARGET = 3


class Counter:
    def __init__(self, proxy: Proxy) -> None:
        self.proxy = proxy
        self.statements = 0

    def on_execute(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        self.statements += 1
        if os.environ.get("BENCH_SHOW_SQL"):
            print("      " + " ".join(statement.split())[:150], file=sys.stderr)

    def mark(self) -> tuple[int, int]:
        return self.proxy.round_trips, self.statements


def spin(done: Callable[[], bool], seconds: float = 60.0) -> None:
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer

    deadline = time.monotonic() + seconds
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()
        idle = done() and QThreadPool.globalInstance().activeThreadCount() == 0
        if not idle:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 0.15:  # nothing more came of it
            return
    raise TimeoutError("the screen did not finish loading")


def measure(counter: Counter, step: Callable[[Callable[[], None]], None]) -> tuple[int, int, float]:
    """Round trips, statements and seconds from the step to its ``done``."""
    finished = []
    trips, statements = counter.mark()
    start = time.perf_counter()
    step(lambda: finished.append(time.perf_counter()))
    spin(lambda: bool(finished))
    after_trips, after_statements = counter.mark()
    return after_trips - trips, after_statements - statements, finished[0] - start


def steps(window) -> list[tuple[str, Callable[[Callable[[], None]], None]]]:
    from secdesk.gui.screen_list import SCREENS, number_of

    def open_screen(key: str) -> Callable[[Callable[[], None]], None]:
        def step(done: Callable[[], None]) -> None:
            window._built.pop(key, None)  # the first screen was built at start-up: again
            window.show_screen(number_of(key))
            window.page(key).when_loaded(done)

        return step

    def refresh(key: str) -> Callable[[Callable[[], None]], None]:
        def step(done: Callable[[], None]) -> None:
            page = window.page(key)
            page.when_loaded(done)
            page.refresh()

        return step

    def editor(key: str) -> Callable[[Callable[[], None]], None]:
        def step(done: Callable[[], None]) -> None:
            from PySide6.QtCore import Qt

            register = window.go_to(key)
            register.table.selectRow(0)
            register.open_selected()
            register.editor.ready.connect(done, Qt.ConnectionType.SingleShotConnection)

        return step

    def review(done: Callable[[], None]) -> None:
        from PySide6.QtCore import Qt

        page = window.go_to("changes")
        page.reviewed.connect(lambda _id: done(), Qt.ConnectionType.SingleShotConnection)
        page.load_review(page.requests[0].id)

    found: list[tuple[str, Callable[[Callable[[], None]], None]]] = []
    for screen in SCREENS:
        found.append((f"open {screen.title}", open_screen(screen.key)))
    for screen in SCREENS:
        found.append((f"refresh {screen.title}", refresh(screen.key)))
    for key, title in (
        ("parties", "Party"),
        ("contacts", "Operations contact"),
        ("allocations", "ID allocation"),
        ("helpdesk", "Enquiry"),
    ):
        found.append((f"editor: {title}", editor(key)))
    found.append(("review: Change request", review))
    return found


def run(url, delay_ms: float) -> dict[str, tuple[int, int, float]]:
    from PySide6.QtWidgets import QApplication

    from secdesk.gui.main_window import MainWindow
    from secdesk.store.engine import Store

    proxy = Proxy(url.host or "127.0.0.1", url.port or 5432, delay=delay_ms / 1000)
    store = Store(url.set(host="127.0.0.1", port=proxy.port))
    counter = Counter(proxy)
    event.listen(store.engine, "before_cursor_execute", counter.on_execute)
    app = QApplication.instance() or QApplication([])
    window = MainWindow(store)
    window.resize(1280, 800)
    window.show()
    spin(lambda: "parties" in window._built and window.parties.model.rowCount() > 0)
    settled = []
    window.settled.connect(lambda: settled.append(True))
    spin(lambda: bool(settled))
    figures = {}
    for name, step in steps(window):
        print(
            f"  {name}",
            end="\n" if os.environ.get("BENCH_SHOW_SQL") else "\r",
            file=sys.stderr,
            flush=True,
        )
        figures[name] = measure(counter, step)
        editor = getattr(window.current(), "editor", None)
        if editor is not None and editor.isVisible():
            editor.reject()
            spin(lambda: True)
    window.close()
    spin(lambda: True)
    app.processEvents()
    store.dispose()
    proxy.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=float, default=30.0)
    parser.add_argument("--enquiries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raw = os.environ.get("SECDESK_BENCH_POSTGRES_URL")
    if not raw:
        sys.exit("Set SECDESK_BENCH_POSTGRES_URL to a PostgreSQL server (a scratch database).")
    from scratch import scratch_database

    from secdesk.demo import load_demo
    from secdesk.store import migrate
    from secdesk.store.engine import Store

    with scratch_database(raw) as url:
        store = Store(url)
        migrate.upgrade(store.engine)
        load_demo(store, enquiries=args.enquiries)
        store.dispose()
        near = [run(url, 0.0) for _ in range(args.repeat)]
        far = [run(url, args.delay_ms) for _ in range(args.repeat)]
    print(
        f"{'step':<34} {'trips':>5} {'stmts':>5} {'local ms':>9} "
        f"{f'{args.delay_ms:g} ms away':>13} {'ratio':>6}"
    )
    worst = 0
    for step in far[0]:
        trips = max(run_[step][0] for run_ in far)
        statements = max(run_[step][1] for run_ in far)
        local = statistics.median(run_[step][2] for run_ in near) * 1000
        distant = statistics.median(run_[step][2] for run_ in far) * 1000
        worst = max(worst, trips)
        flag = "" if trips <= TARGET else "  over target"
        print(
            f"{step:<34} {trips:>5} {statements:>5} {local:>9.0f} {distant:>13.0f} "
            f"{distant / max(local, 0.1):>6.1f}{flag}"
        )
    print(
        f"most round trips for one step: {worst} (target: at most {TARGET}); median of "
        f"{args.repeat} runs each"
    )


if __name__ == "__main__":
    main()
