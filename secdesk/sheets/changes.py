"""What changed between two publications, in words, per spreadsheet.

Rows are compared by the identity of the record behind them (a Party's id, not its name),
so a renamed Party reads as renamed rather than as one removed and one added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from secdesk.sheets.published_sheets import Layout

# Beyond this many lines a spreadsheet's list is summarised; the files hold the detail.
MAX_LINES_PER_SHEET = 40
Snapshot = Mapping[str, Sequence[Any]]


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def _sheet_changes(layout: Layout, before: Snapshot, after: Snapshot) -> list[str]:
    n = layout.name_columns

    def name(cells: Sequence[Any]) -> str:
        return " / ".join(_show(cell) for cell in cells[:n])

    lines: list[str] = []
    lines += [f"  Added: {name(after[key])}" for key in after if key not in before]
    lines += [f"  Removed: {name(before[key])}" for key in before if key not in after]
    for key in after:
        if key not in before or list(before[key]) == list(after[key]):
            continue
        old, new = before[key], after[key]
        if name(old) != name(new):
            lines.append(f"  Renamed: {name(old)} → {name(new)}")
        fields = [
            f"{column.header} {_show(a)} → {_show(b)}"
            for column, a, b in zip(layout.columns[n:], old[n:], new[n:], strict=True)
            if a != b
        ]
        if fields:
            lines.append(f"  Changed: {name(new)}: {'; '.join(fields)}")
    if len(lines) > MAX_LINES_PER_SHEET:
        hidden = len(lines) - MAX_LINES_PER_SHEET
        lines = [*lines[:MAX_LINES_PER_SHEET], f"  … and {hidden} more changes"]
    return lines


def describe_changes(
    layouts: Sequence[Layout],
    before: Mapping[str, Snapshot] | None,
    after: Mapping[str, Snapshot],
) -> list[str]:
    """Lines for the note and the console; empty when nothing changed."""
    if before is None:
        return [
            f"First publication: {layout.title}, {len(after[layout.title])} rows."
            for layout in layouts
        ]
    lines: list[str] = []
    for layout in layouts:
        sheet = _sheet_changes(layout, before.get(layout.title, {}), after[layout.title])
        if sheet:
            lines.append(f"{layout.title}:")
            lines += sheet
    return lines
