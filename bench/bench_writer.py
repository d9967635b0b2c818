"""The published spreadsheets' writer against XlsxWriter, the library made for the job, on
the 10,000-Party register. Prints figures and the ratio; asserts nothing.

    pip install -e ".[bench]"
    python bench/bench_writer.py [--big 10000] [--runs 5]

Both write the same four workbooks from the same rows (read from the store once, before
any clock starts): secdesk.sheets.workbook.write_workbook (openpyxl builds the workbook,
sheets.row_stream streams the data rows), and the same workbook through XlsxWriter in
constant-memory mode, written here the way secdesk would (header format, widths, frozen
and filtered header, dates, About sheet; text as text). The rule (issue 16): prefer the
library unless it costs more than 20%. Each figure is the median of --runs fresh processes.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))


def write_with_xlsxwriter(path: Path, layout: Any, rows: list[list[Any]], edition: Any) -> None:
    import xlsxwriter

    from secdesk.sheets.columns import Kind
    from secdesk.sheets.workbook import tlp_label

    label = tlp_label(edition.classification)
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"title": layout.title, "subject": f"{layout.title} ({label})"})
    header = book.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#0B4F6C"})
    day = book.add_format({"num_format": "DD/MM/YYYY"})
    sheet = book.add_worksheet(layout.sheet)
    for index, column in enumerate(layout.columns):
        sheet.set_column(index, index, column.width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(layout.columns) - 1)
    sheet.repeat_rows(0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_header(f"&L&B{label}&C{layout.title}")
    sheet.set_footer(f"&L&B{label}&RPage &P of &N")
    sheet.write_row(0, 0, layout.headers, header)
    dates = {i for i, c in enumerate(layout.columns) if c.kind is Kind.DATE}
    for number, values in enumerate(rows, 1):
        for index, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(number, index, value)
            elif isinstance(value, datetime):
                sheet.write_datetime(number, index, value.replace(tzinfo=None), day)
            elif index in dates:
                sheet.write_datetime(number, index, datetime(*value.timetuple()[:3]), day)
            else:
                sheet.write(number, index, value)
    about = book.add_worksheet("About")
    for row, (name, value) in enumerate(
        (("Title", layout.title), ("Classification", label), ("Rows", len(rows)))
    ):
        about.write_string(row, 0, name)
        about.write(row, 1, value)
    book.close()


def _measure(mode: str, data: str) -> dict[str, float]:
    import openpyxl  # noqa: F401 - libraries load before the clock
    import xlsxwriter  # noqa: F401

    from secdesk.domain import Classification
    from secdesk.sheets.published_sheets import LAYOUTS
    from secdesk.sheets.workbook import Edition, write_workbook

    rows = pickle.loads(Path(data).read_bytes())
    out = Path(tempfile.mkdtemp(prefix="secdesk-bench-writer-"))
    edition = Edition(Classification.GREEN, datetime.now(UTC), "Publication 1")
    write = write_workbook if mode == "secdesk" else write_with_xlsxwriter
    start = time.perf_counter()
    for layout in LAYOUTS:
        write(out / layout.file_name, layout, rows[layout.key], edition)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import bench_publish
    from sqlalchemy.engine import make_url

    from secdesk.sheets.published_sheets import LAYOUTS
    from secdesk.sheets.register_snapshot import RegisterSnapshot
    from secdesk.store.engine import Store

    work = Path(tempfile.mkdtemp(prefix="secdesk-bench-writer-"))
    url = f"sqlite:///{work / 'big.sqlite3'}"
    bench_publish.BIG = args.big
    bench_publish.make_big_register(url)
    store = Store(make_url(url), user="bench")
    with store.session() as session:
        register = RegisterSnapshot(session)
        rows = {layout.key: [cells for _, cells in layout.rows(register)] for layout in LAYOUTS}
    store.dispose()
    data = work / "rows.pickle"
    data.write_bytes(pickle.dumps(rows))
    cells = sum(len(r) * len(r[0]) for r in rows.values() if r)
    results: dict[str, list[dict[str, float]]] = {"secdesk": [], "xlsxwriter": []}
    for _ in range(args.runs):
        for mode in results:
            out = subprocess.run(
                [sys.executable, __file__, "--measure", mode, str(data)],
                capture_output=True,
                text=True,
            )
            if out.returncode:
                raise SystemExit(out.stderr[-3000:])
            results[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))
    medians = {
        mode: {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        for mode, runs in results.items()
    }
    print(f"{args.big:,}-Party register, four workbooks, {cells:,} data cells")
    for mode, title in (
        ("secdesk", "secdesk (openpyxl + row stream)"),
        ("xlsxwriter", "XlsxWriter constant_memory"),
    ):
        m = medians[mode]
        print(f"  {title:<36}{m['seconds']:7.2f}s{m['peak_mib']:8.0f}MiB")
    ratio = medians["xlsxwriter"]["seconds"] / medians["secdesk"]["seconds"]
    print(f"  XlsxWriter takes {ratio:.2f}x secdesk's writer (prefer the library within 1.20x)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        print(json.dumps(_measure(sys.argv[2], sys.argv[3])))
    else:
        main()
