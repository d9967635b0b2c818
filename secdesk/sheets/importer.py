"""Importing workbooks in the published layouts: all or nothing.

Every row of every file is read with its column's rule, checked against the others (one
record, one set of values), and applied in one transaction: each sheet's rows together when
all is well, else each row under a savepoint so that one bad row does not hide the next
one's problems. If any row is rejected, or on a dry run, the transaction is rolled back and
the register is exactly as it was; the report says what would have been created, changed,
left unchanged and rejected, with each error's file, sheet, row, column and value.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from secdesk import collector
from secdesk.domain.roles import Action
from secdesk.errors import SecdeskError, ValidationError, ValidationErrors
from secdesk.memo import remembered
from secdesk.services.records import batched
from secdesk.sheets import identity
from secdesk.sheets.apply import (
    APPLIERS,
    CONTACTS_MATCHED,
    ON_UNFLUSHED,
    PREPARE,
    Outcome,
)
from secdesk.sheets.classify import SheetData, classify_file, ordered
from secdesk.sheets.columns import Column, Kind
from secdesk.sheets.dates import settle_dates
from secdesk.sheets.enquiry_import import TITLE, LogSheet, apply_log
from secdesk.sheets.identity import Row
from secdesk.sheets.loaded_register import load_register
from secdesk.sheets.published_sheets import MEMBERSHIP_EVENTS
from secdesk.sheets.reading import UNCALCULATED_MESSAGE, Uncalculated
from secdesk.sheets.row_error import RowError
from secdesk.sheets.sheet_layout import Layout
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
        """Every sheet read (an errors copy can be written of each)."""
        return [*self.sheets, *self.logs]

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
    sheet: SheetData,
    number: int,
    cells: dict[Column, Any],
    report: ImportReport,
    reported: Collection[Column] = (),
    memo: dict[Any, Any] | None = None,
) -> dict[str, Any] | None:
    """A row's values by field, or None after adding its errors to the report (except for
    the columns in ``reported``, whose error is already the column's)."""
    values: dict[str, Any] = {}
    ok = True
    for column, raw in cells.items():
        if column.parse is None or column.field is None:
            continue
        if column in reported:
            ok = False
            continue
        try:
            if isinstance(raw, Uncalculated):
                raise ValidationError(column.header, UNCALCULATED_MESSAGE)
            values[column.field] = (
                column.read(raw) if memo is None else remembered(memo, column.read, raw)
            )
        except ValidationError as exc:
            ok = False
            report.errors.append(
                RowError(sheet.path.name, sheet.sheet, number, column.header, raw, exc.message)
            )
    return values if ok else None


def _settle_dates(
    report: ImportReport, path: Path, sheet: str, rows: Any, keys: list[Any]
) -> set[Any]:
    """Read each date column one way (secdesk.sheets.dates); the columns that cannot be."""
    notices, errors = settle_dates(rows, keys)
    report.notices.extend(f"{path.name}, sheet {sheet!r}: {notice}" for notice in notices)
    for key, (number, message) in errors.items():
        label = getattr(key, "header", key)
        report.errors.append(RowError(path.name, sheet, number, label, None, message))
    return set(errors)


def _parse_all(sheets: list[SheetData], report: ImportReport) -> list[Row]:
    """Every row that passes its column rules, in the order it is to be applied."""
    parsed: list[Row] = []
    for sheet in sheets:
        dates = [c for c in sheet.columns.values() if c.kind is Kind.DATE and c.parse]
        unreadable = _settle_dates(report, sheet.path, sheet.sheet, sheet.rows, dates)
        rows = []
        memo: dict[Any, Any] = {}
        for number, cells in sheet.rows:
            values = _parse(sheet, number, cells, report, unreadable, memo)
            if values is None:
                report.count(sheet.layout.title, REJECTED)
            else:
                raw = {c.field: value for c, value in cells.items() if c.field}
                rows.append(Row(sheet.path.name, sheet.sheet, number, sheet.layout, values, raw))
        if sheet.layout.key == MEMBERSHIP_EVENTS.key:
            # History is applied in the order it happened, whatever the file's order.
            rows.sort(key=lambda r: (r.values.get("date") is None, r.values.get("date")))
        parsed.extend(rows)
    return parsed


def _reject(report: ImportReport, row: Row, exc: SecdeskError) -> None:
    for label, message in _errors_in(exc):
        column = _column_for(row.layout, label) if label else None
        value = row.raw.get(column.field) if column and column.field else None
        report.errors.append(
            RowError(
                row.file,
                row.sheet,
                row.number,
                column.header if column else label,
                value,
                message,
            )
        )


def _ignored(report: ImportReport, sheet: SheetData | LogSheet) -> None:
    if sheet.extra_headers:
        report.notices.append(
            f"{sheet.path.name}, sheet {sheet.sheet!r}: ignored column(s) "
            f"{', '.join(repr(h) for h in sheet.extra_headers)}"
        )


def read_files(
    paths: Iterable[Path], report: ImportReport, progress: Progress = lambda _say: None
) -> list[SheetData]:
    """The register sheets of ``paths``, in the order they must be applied; enquiry logs
    go to ``report.logs``."""
    sheets: list[SheetData] = []
    for path in paths:
        progress(f"Reading {path.name}…")
        found, logs, errors = classify_file(path)
        report.errors.extend(errors)
        read: list[SheetData | LogSheet] = [*found, *logs]
        for sheet in read:
            _ignored(report, sheet)
        sheets.extend(found)
        for log in logs:
            _settle_dates(report, path, log.sheet, log.rows, ["Received", "Resolved"])
        report.logs.extend(logs)
    return ordered(sheets)


def _import_log(session: Session, log: LogSheet, report: ImportReport) -> None:
    before = len(report.errors)
    report.count(TITLE, Outcome.CREATED.value, apply_log(session, log, report.errors))
    report.count(TITLE, REJECTED, len({e.row for e in report.errors[before:]}))


# Told where a long import has got to ("Reading Parties.xlsx…"), between steps; it may
# raise errors.Cancelled to stop the import there, before anything is saved.
Progress = Callable[[str], None]


@collector.paused()  # bulk work: see secdesk.collector
def import_files(
    store: Store,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    progress: Progress = lambda _say: None,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    sheets = report.sheets = read_files(paths, report, progress)
    # Before any work: a preview of what a role may not import would only mislead.
    if sheets:
        store.require(Action.IMPORT_REGISTER)
    if report.logs:
        store.require(Action.LOG_ENQUIRY)
    progress(f"Checking {sum(len(s.rows) for s in sheets):,} rows…")
    rows = _parse_all(sheets, report)
    conflicts, skipped = identity.check(rows)
    report.errors.extend(conflicts)
    with dberrors.translated(), store.session(writing=True) as session:
        try:
            progress(f"Comparing {len(rows):,} rows with the register…")
            if report.errors or not _applied_by_sheet(session, rows, report):
                _applied_row_by_row(session, rows, skipped, report, progress)
            # Enquiry logs last: their Party column may name Parties imported just now.
            for log in report.logs:
                progress(f"Adding {len(log.rows):,} enquiries from {log.sheet}…")
                _import_log(session, log, report)
            if not (report.errors or dry_run):
                progress("Saving…")  # the last moment to cancel: after it, all is saved
            if report.errors or dry_run:
                session.rollback()
            else:
                session.commit()
                report.committed = True
        except BaseException:
            session.rollback()
            raise
    return report


def _applied_by_sheet(session: Session, rows: list[Row], report: ImportReport) -> bool:
    """The quick path, for rows that passed every check made so far: each sheet's rows are
    applied together and flushed once (its version checks and the store's constraints then
    apply to all of them). The rows were checked against each other beforehand (one record,
    one row). Any problem at all, and nothing is applied: False, and the row-by-row path
    then finds the row it belongs to and names it."""
    outcomes: list[tuple[str, str]] = []
    savepoint = session.begin_nested()
    try:
        load_register(session)
        for _sheet, group in itertools.groupby(rows, key=lambda r: (r.file, r.sheet)):
            sheet_rows = list(group)
            if sheet_rows[0].layout.key not in ON_UNFLUSHED:
                session.flush()
            with batched(session):
                prepare = PREPARE.get(sheet_rows[0].layout.key)
                if prepare is not None:
                    prepare(session, [row.values for row in sheet_rows])
                for row in sheet_rows:
                    outcome = APPLIERS[row.layout.key](session, row.values)
                    outcomes.append((row.layout.title, outcome.value))
        session.flush()
        savepoint.commit()
    except (SecdeskError, DBAPIError, StaleDataError):
        savepoint.rollback()
        session.info.pop(CONTACTS_MATCHED, None)
        return False
    for title, outcome_value in outcomes:
        report.count(title, outcome_value)
    return True


def _applied_row_by_row(
    session: Session,
    rows: list[Row],
    skipped: set[tuple[str, str, int]],
    report: ImportReport,
    progress: Progress,
) -> None:
    """Each row under its own savepoint, so that one bad row does not hide the next one's
    problems: slower, and taken when a row is known or found to be wrong."""
    for number, row in enumerate(rows):
        if number % 500 == 0:
            progress(f"Checking row by row: {number:,} of {len(rows):,}…")
        if (row.file, row.sheet, row.number) in skipped:
            report.count(row.layout.title, REJECTED)
            continue
        _apply(session, row, report)


def _apply(session: Session, row: Row, report: ImportReport) -> None:
    savepoint = session.begin_nested()
    try:
        outcome = APPLIERS[row.layout.key](session, row.values)
        session.flush()
        savepoint.commit()
    except (SecdeskError, IntegrityError, DataError) as exc:
        savepoint.rollback()
        error = dberrors.translate(exc) if isinstance(exc, DBAPIError) else exc
        _reject(report, row, error)
        report.count(row.layout.title, REJECTED)
    else:
        report.count(row.layout.title, outcome.value)
