"""Importing workbooks in the published layouts: all or nothing.

Every row of every file is read with its column's rule and applied in one transaction, each
row under a savepoint so that one bad row does not hide the next one's problems. If any row
is rejected, or on a dry run, the transaction is rolled back and the register is exactly as
it was; the report says what would have been created, changed, left unchanged and rejected,
with each error's file, sheet, row, column and value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from secdesk import collector
from secdesk.errors import SecdeskError, ValidationError, ValidationErrors
from secdesk.sheets.apply import APPLIERS, Outcome
from secdesk.sheets.columns import Column
from secdesk.sheets.enquiry_import import TITLE, LogSheet, apply_log, find_log, read_csv_log
from secdesk.sheets.layouts import LAYOUTS, Layout
from secdesk.sheets.row_error import RowError
from secdesk.sheets.workbook import SheetData, open_workbook, read_workbook
from secdesk.store import Store, dberrors

REJECTED = "rejected"


@dataclass
class ImportReport:
    dry_run: bool
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sheets: list[SheetData] = field(default_factory=list)
    logs: list[LogSheet] = field(default_factory=list)
    committed: bool = False

    @property
    def workbooks(self) -> list[SheetData | LogSheet]:
        """The sheets read from .xlsx files (an errors copy can be written of these)."""
        return [*self.sheets, *(log for log in self.logs if log.path.suffix.lower() == ".xlsx")]

    def count(self, title: str, outcome: str, times: int = 1) -> None:
        self.counts.setdefault(title, Counter())[outcome] += times

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run or self.errors else "were"
        out = []
        for title, counts in self.counts.items():
            out.append(
                f"{title}: {counts[Outcome.CREATED.value]} {verb} created, "
                f"{counts[Outcome.CHANGED.value]} changed, "
                f"{counts[Outcome.UNCHANGED.value]} unchanged, {counts[REJECTED]} rejected"
            )
        out.extend(self.notices)
        out.extend(f"Error: {error}" for error in self.errors)
        if self.errors:
            out.append(f"Nothing was imported: {len(self.errors)} error(s) to correct first.")
        elif self.dry_run:
            out.append("Dry run: nothing was imported.")
        return out


def _column_for(layout: Layout, label: str) -> Column | None:
    """The column a field error belongs to ("Registered postcode" → Registered Address)."""
    return next((column for column in layout.columns if column.names(label)), None)


def _errors_in(exc: SecdeskError) -> list[tuple[str | None, str]]:
    if isinstance(exc, ValidationErrors):
        return [(e.field, e.message) for e in exc.errors]
    if isinstance(exc, ValidationError):
        return [(exc.field, exc.message)]
    return [(None, str(exc))]


def _parse(
    sheet: SheetData, number: int, cells: dict[Column, Any], report: ImportReport
) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    ok = True
    for column, raw in cells.items():
        if column.parse is None or column.field is None:
            continue
        try:
            values[column.field] = column.read(raw)
        except ValidationError as exc:
            ok = False
            report.errors.append(
                RowError(sheet.path.name, sheet.sheet, number, column.header, raw, exc.message)
            )
    return values if ok else None


def _reject(
    report: ImportReport, sheet: SheetData, number: int, cells: dict[Column, Any], exc: SecdeskError
) -> None:
    for label, message in _errors_in(exc):
        column = _column_for(sheet.layout, label) if label else None
        report.errors.append(
            RowError(
                sheet.path.name,
                sheet.sheet,
                number,
                column.header if column else label,
                cells.get(column) if column else None,
                message,
            )
        )


def _ignored(report: ImportReport, sheet: SheetData | LogSheet) -> None:
    if sheet.extra_headers:
        report.notices.append(
            f"{sheet.path.name}, sheet {sheet.sheet!r}: ignored column(s) "
            f"{', '.join(repr(h) for h in sheet.extra_headers)}"
        )


def read_files(paths: Iterable[Path], report: ImportReport) -> list[SheetData]:
    """The register sheets of ``paths``, in the order they must be applied; enquiry logs
    go to ``report.logs``."""
    sheets: list[SheetData] = []
    for path in paths:
        try:
            if path.suffix.lower() == ".csv":
                log: LogSheet | None = read_csv_log(path)
                found: list[SheetData] = []
            else:
                with open_workbook(path) as book:
                    log = find_log(path, book)
                    found = [] if log is not None else read_workbook(path, book)
            if log is not None:
                _ignored(report, log)
                report.logs.append(log)
        except ValidationError as exc:
            report.errors.append(RowError(path.name, "", 0, None, None, exc.message))
            continue
        for sheet in found:
            _ignored(report, sheet)
            sheets.append(sheet)
    order = {layout.key: i for i, layout in enumerate(LAYOUTS)}
    return sorted(sheets, key=lambda s: order[s.layout.key])


def _import_log(session: Session, log: LogSheet, report: ImportReport) -> None:
    before = len(report.errors)
    report.count(TITLE, Outcome.CREATED.value, apply_log(session, log, report.errors))
    report.count(TITLE, REJECTED, len({e.row for e in report.errors[before:]}))


@collector.paused()  # bulk work: see secdesk.collector
def import_files(store: Store, paths: Sequence[Path], *, dry_run: bool = False) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    sheets = report.sheets = read_files(paths, report)
    with dberrors.translated(), store.session() as session:
        try:
            for sheet in sheets:
                apply = APPLIERS[sheet.layout.key]
                for number, cells in sheet.rows:
                    values = _parse(sheet, number, cells, report)
                    if values is None:
                        report.count(sheet.layout.title, REJECTED)
                        continue
                    savepoint = session.begin_nested()
                    try:
                        outcome = apply(session, values)
                        session.flush()
                        savepoint.commit()
                    except (SecdeskError, IntegrityError) as exc:
                        savepoint.rollback()
                        error = dberrors.translate(exc) if isinstance(exc, IntegrityError) else exc
                        _reject(report, sheet, number, cells, error)
                        report.count(sheet.layout.title, REJECTED)
                    else:
                        report.count(sheet.layout.title, outcome.value)
            # Enquiry logs last: their Party column may name Parties imported just now.
            for log in report.logs:
                _import_log(session, log, report)
            if report.errors or dry_run:
                session.rollback()
            else:
                session.commit()
                report.committed = True
        except BaseException:
            session.rollback()
            raise
    return report
