"""Time to the first painted main window and to the party list on screen, beside a bare
PySide6 QMainWindow + QTableView measured in the same run. Prints figures and ratios;
asserts nothing.

    pip install -e ".[bench]"
    python bench/bench_gui.py

Each measurement is a fresh process timed from its first line (before any import) to the
moment the window has painted, and for secdesk also to the moment the demo register's 300
parties are in the table and painted. secdesk starts through its real entry point, the
`secdesk` command's main(), which reads the command line before it imports Qt. The first
run of each warms the disk cache and writes the bytecode, and is not counted. "Again" is
the party list refreshed in a running application (F5). The bare window also reads the
same 300 rows with sqlite3 after importing SQLAlchemy and shows them in a
QStandardItemModel: the floor for an ORM-backed list. The bare window keeps the import
hook PySide6 installs, as any PySide6 application has it unless it takes it off (secdesk
does: secdesk/gui/import_hook.py).
Targets: first paint within 1.3x the bare window; parties on screen within 0.6 s warm.

    python bench/bench_gui.py --instructions

counts the instructions each process executes up to each point instead, one run each under
valgrind's callgrind (the process ends at the point counted). Times on a shared machine
move with its load; the counts do not, so they show what a change saves when the times
are too noisy to.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

from secdesk.store import paths

ROOT = Path(__file__).resolve().parents[1]
RUNS = 9

PROBE = r"""
import time
start = time.perf_counter()
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

def load_qt_helpers():
    # Defined once Qt is imported: by the bare window at once, for secdesk by its own
    # start-up (the probe imports nothing of Qt before secdesk's main() does).
    global QEvent, QEventLoop, QObject, QTimer, QApplication, Painted, painted, until
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    # Waiting happens in a Qt event loop, as in the running application: a loop that spun
    # on processEvents() would hold the GIL and slow the worker thread opening the store.

    class Painted(QObject):
        # The moment a widget next paints.
        def __init__(self, widget):
            super().__init__()
            self.at = None
            self.loop = QEventLoop()
            widget.installEventFilter(self)
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
                self.loop.quit()
            return False
        def wait(self):
            if self.at is None:
                self.loop.exec()
            return self.at

    def painted(widget, show=False):
        # When the widget next paints (after showing or repainting it).
        probe = Painted(widget)
        widget.show() if show else widget.update()
        return probe.wait()

    def until(condition):
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda: condition() and loop.quit())
        timer.start()
        if not condition():
            loop.exec()
        timer.stop()

mode, stop = sys.argv[1], sys.argv[2]
result = {}

def reached(point, seconds):
    # Counting instructions, the process ends at the point counted: nothing after it adds.
    result[point] = seconds
    if point == stop:
        os._exit(0)
if mode == "bare":
    load_qt_helpers()
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView
    app = QApplication([])
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 7))
    window.setCentralWidget(table)
    window.resize(1280, 760)
    reached("first_paint", painted(window, show=True) - start)
    # The same 300 parties with no application around them: sqlite3 (and SQLAlchemy's
    # import, which any ORM-backed tool pays), a QStandardItemModel, a repaint.
    import sqlite3
    from PySide6.QtGui import QStandardItem
    import sqlalchemy.orm  # noqa: F401
    from secdesk.store import paths
    db = sqlite3.connect(paths.default_database_path())
    rows = db.execute(
        "SELECT p.name, p.category, p.status, p.company_number, g.name, p.accession_date, "
        "p.id FROM party p LEFT JOIN voting_group g ON g.id = p.voting_group_id ORDER BY p.name"
    ).fetchall()
    model = table.model()
    for row in rows:
        model.appendRow([QStandardItem("" if v is None else str(v)) for v in row])
    table.resizeColumnsToContents()
    reached("parties_on_screen", painted(table.viewport()) - start)
else:
    # The real entry point, as the `secdesk` command runs it: main() parses the command
    # line, pauses the collector, imports Qt and opens the window. A hook placed around
    # secdesk.gui.app.start as that module loads watches the window start() returns.
    import importlib.util

    def watch(window):
        load_qt_helpers()
        window.resize(1280, 760)
        first = Painted(window)  # before the event loop runs: the first paint is ahead
        def measure():
            reached("first_paint", first.wait() - start)
            until(lambda: "parties" in window._built and window.parties.model.rowCount() > 0)
            viewport = window.parties.table.viewport()
            reached("parties_on_screen", painted(viewport) - start)
            # Warm: the application is up; the user refreshes (F5) and waits for the list.
            loaded = []
            window.parties.loaded.connect(loaded.append)
            again = time.perf_counter()
            window.parties.refresh()
            until(lambda: bool(loaded))
            result["warm_refresh"] = painted(viewport) - again
            QApplication.exit(0)
        QTimer.singleShot(0, measure)

    class WatchStart:
        def find_spec(self, name, path, target=None):
            if name != "secdesk.gui.app":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            load = spec.loader.exec_module
            def exec_module(module):
                load(module)
                real_start = module.start
                def watched_start(store_option):
                    window = real_start(store_option)
                    watch(window)
                    return window
                module.start = watched_start
            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, WatchStart())
    from secdesk.cli import main
    main([])
print(json.dumps(result))
"""


# What each line of the report compares: (mode, point, label).
POINTS = [
    ("bare", "first_paint", "bare QMainWindow + QTableView, first paint"),
    ("secdesk", "first_paint", "secdesk main window, first paint"),
    ("bare", "parties_on_screen", "bare + sqlite3 + SQLAlchemy import, {rows} rows"),
    ("secdesk", "parties_on_screen", "secdesk, {rows} parties on screen from start"),
]
TARGETS = "targets: first paint within 1.3x bare; parties on screen within 600 ms"


def measure(mode: str, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode, "end"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def count_instructions(mode: str, point: str, env: dict[str, str], folder: str) -> int:
    """Instructions from the first line to ``point``, under valgrind's callgrind."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={folder}/callgrind.{mode}.{point}",
            sys.executable,
            "-c",
            PROBE,
            mode,
            point,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def bench_environment() -> tuple[dict[str, str], int]:
    """A scratch home holding the demo register, what a process started in it needs, and
    how many parties the register holds."""
    home = tempfile.mkdtemp(prefix="secdesk-bench-gui-")
    env = os.environ | {"SECDESK_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
    # An installed secdesk starts from bytecode (pip and PyInstaller compile it); a shell
    # that forbids writing it would time compiling our sources on every start instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run(
        [sys.executable, "-m", "secdesk", "demo", "--enquiries", "0"],
        env=env,
        check=True,
        capture_output=True,
    )
    os.environ["SECDESK_HOME"] = home  # for paths, here
    with closing(sqlite3.connect(paths.default_database_path())) as db:
        (parties,) = db.execute("SELECT count(*) FROM party").fetchone()
    return env, parties


def report(figures: dict[tuple[str, str], float], unit: str, scale: float, rows: str) -> None:
    """One line per point; secdesk's beside the bare figure measured for the same point."""
    for mode, point, label in POINTS:
        value = figures[mode, point]
        line = f"{label.format(rows=rows):<48}{value * scale:8.0f} {unit}"
        if mode == "secdesk":
            line += f"  ({value / figures['bare', point]:.2f}x bare)"
        print(line)


def timed(env: dict[str, str], parties: int) -> None:
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "secdesk": []}
    for mode in runs:
        measure(mode, env)  # warm the disk cache and bytecode
    for _ in range(RUNS):
        for mode in runs:
            runs[mode].append(measure(mode, env))

    def median(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[mode])

    rows = str(parties)
    print(f"median of {RUNS} warm runs, each a fresh process, offscreen")
    report({(m, p): median(m, p) for m, p, _ in POINTS}, "ms", 1000, rows)
    warm = median("secdesk", "warm_refresh")
    print(f"{f'secdesk, {rows} parties again (F5, app warm)':<48}{warm * 1000:8.0f} ms")
    print(TARGETS)


def counted(env: dict[str, str], parties: int) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (Debian: apt install valgrind)")
    for mode in ("bare", "secdesk"):
        measure(mode, env)  # bytecode written, as for the timed runs
    with tempfile.TemporaryDirectory() as folder:
        figures = {(m, p): count_instructions(m, p, env, folder) for m, p, _ in POINTS}
    print("instructions executed to each point, one run each under valgrind's callgrind")
    print("(the same however busy the machine is; the ratios are the figures to compare)")
    report({key: float(n) for key, n in figures.items()}, "M", 1e-6, str(parties))
    print(TARGETS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count the instructions to each point under valgrind instead of timing them",
    )
    args = parser.parse_args()
    env, parties = bench_environment()
    if args.instructions:
        counted(env, parties)
    else:
        timed(env, parties)


if __name__ == "__main__":
    main()
