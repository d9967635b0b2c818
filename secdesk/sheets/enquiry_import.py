"""Importing an existing enquiry log (a workbook or CSV): all or nothing, at tens of thousands
of rows a second.

Each row is read with the enquiry's own field rules (the same the quick-log form uses);
its category is found by name (a retired one too: the log is history), and its Party by
name, signifier or MPID. Rows that pass are bulk-inserted in the import's transaction, with
one audit entry each naming the file it came from; if any row fails, nothing is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, literal, select, text
from sqlalchemy.orm import Session

from secdesk import audit
from secdesk import validate as v
from secdesk.domain import (
    AuditAction,
    AuditEntry,
    Enquiry,
    EnquiryCategory,
    EnquiryStatus,
    IdAllocation,
    Mpid,
    Organisation,
    Party,
)
from secdesk.domain.base import utcnow
from secdesk.errors import ValidationError, ValidationErrors
from secdesk.services.enquiries import ENQUIRY_FIELDS
from secdesk.sheets.reading import UNCALCULATED_MESSAGE, Uncalculated
from secdesk.sheets.row_error import RowError
from secdesk.store.bulk import insert_rows
from secdesk.store.guard.trail import imported_from
from secdesk.store.search_index import deferred_search_index

TITLE = "Enquiry log"
# Header → the enquiry field it fills; the first four must be there.
REQUIRED = ("Received", "Channel", "Category", "Subject")
COLUMNS = {
    "Received": "received_at",
    "Channel": "channel",
    "Category": "category",
    "Subject": "subject",
    "Party": "party",
    "Enquirer": "enquirer_name",
    "E-mail": "enquirer_email",
    "Status": "status",
    "Notes": "notes",
    "Assigned To": "assigned_to",
    "Resolved": "resolved_at",
}


@dataclass
class LogSheet:
    """An enquiry log as found: where its header row is, which cell column holds which
    header, the headers it has that a log does not, and its non-blank rows."""

    path: Path
    sheet: str
    header_row: int
    columns: dict[int, str]
    extra_headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    cells: list[list[Any]] = field(default_factory=list, repr=False)


# ---- applying ---------------------------------------------------------------------------


class _Lookups:
    """Names as the log writes them → ids, read once for the whole file."""

    def __init__(self, session: Session) -> None:
        self.categories = {
            name.casefold(): i
            for i, name in session.execute(select(EnquiryCategory.id, EnquiryCategory.name))
        }
        self.category_names = ", ".join(
            session.scalars(
                select(EnquiryCategory.name)
                .where(EnquiryCategory.retired_at.is_(None))
                .order_by(EnquiryCategory.position)
            )
        )
        parties: dict[str, set[int]] = {}
        for name, i in session.execute(select(Party.name, Party.id)):
            parties.setdefault(name.casefold(), set()).add(i)
        for code, i in session.execute(select(Mpid.code, Mpid.party_id)):
            parties.setdefault(code.casefold(), set()).add(i)
        signifiers = select(IdAllocation.signifier, Organisation.party_id).join(Organisation)
        for code, holder in session.execute(signifiers.where(Organisation.party_id.is_not(None))):
            if holder is not None:  # the query has only a Party's allocations
                parties.setdefault(code.casefold(), set()).add(holder)
        self.parties = parties

    def category(self, raw: Any) -> int:
        found = self.categories.get(v.visible_text(str(raw)).strip().casefold())
        if found is None:
            raise ValidationError(
                "Category", f"{raw!r} is not a category (one of: {self.category_names})"
            )
        return found

    def party(self, raw: Any) -> int:
        found = self.parties.get(v.visible_text(str(raw)).strip().casefold(), set())
        if not found:
            raise ValidationError("Party", "no Party has this name, signifier or MPID")
        if len(found) > 1:
            raise ValidationError("Party", "more than one Party goes by this; write its name")
        return next(iter(found))


_HEADER_OF = {field: header for header, field in COLUMNS.items()}


def _header(label: str | None) -> str | None:
    """The log's column for a field error labelled as the enquiry form labels it."""
    for f in ENQUIRY_FIELDS:
        if f.label == label:
            return _HEADER_OF.get(f.key, label)
    return label


def _row(cells: dict[str, Any], lookups: _Lookups) -> dict[str, Any]:
    """One row as an enquiry's stored values; all its problems at once."""
    uncalculated = [
        ValidationError(header, UNCALCULATED_MESSAGE)
        for header, value in cells.items()
        if isinstance(value, Uncalculated)
    ]
    if uncalculated:
        raise ValidationErrors(uncalculated)
    raw = {COLUMNS[h]: value for h, value in cells.items() if value is not None}
    errors: list[ValidationError] = []
    ids: dict[str, Any] = {}
    for key, find in (("category", lookups.category), ("party", lookups.party)):
        if key in raw:
            try:
                ids[f"{key}_id"] = find(raw.pop(key))
            except ValidationError as exc:
                errors.append(exc)
    if "resolved_at" in raw and "status" not in raw:
        raw["status"] = EnquiryStatus.RESOLVED
    raw.setdefault("status", EnquiryStatus.OPEN)
    try:
        cleaned = ENQUIRY_FIELDS.clean(raw | ids, creating=True)
    except (ValidationError, ValidationErrors) as exc:
        named = {e.field for e in errors}  # a category not found is not also "required"
        found = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        errors.extend(e for e in found if e.field not in named)
    if errors:
        raise ValidationErrors(errors)
    if cleaned["status"] is not EnquiryStatus.RESOLVED:
        cleaned["resolved_at"] = None
    return cleaned


def _new_ids(session: Session, count: int) -> list[int] | None:
    """On PostgreSQL, the ids of ``count`` new enquiries, drawn from the table's sequence in
    one statement, so the rows go in without RETURNING: a batch of a thousand rows that
    returns its ids takes psycopg longer to send than the rows take the server to insert.
    None elsewhere (SQLite returns ids from a batch cheaply)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    draw = text(
        "SELECT nextval(pg_get_serial_sequence('enquiry', 'id')) FROM generate_series(1, :n)"
    )
    return list(session.scalars(draw, {"n": count}))


def apply_log(session: Session, log: LogSheet, errors: list[RowError], batch: int = 5000) -> int:
    """Insert every row of ``log`` if all are valid, and return how many rows are; add the
    problems of the rest to ``errors``. The caller decides whether the transaction stands."""
    lookups = _Lookups(session)
    user = session.info.get("user") or "unknown"
    now = utcnow()
    good: list[dict[str, Any]] = []
    rejected = False
    for number, cells in log.rows:
        try:
            good.append(_row(cells, lookups))
        except ValidationErrors as exc:
            rejected = True
            for e in exc.errors:
                column = _header(e.field)
                value = cells.get(column or "")
                errors.append(RowError(log.path.name, log.sheet, number, column, value, e.message))
    if rejected:
        return len(good)
    # RETURNING without asking for the rows' order keeps the inserts batched on SQLite;
    # render_nulls keeps every row's columns the same, so the rows go in as few large
    # batches (by default the ORM leaves out a row's None values, and rows with different
    # blanks went in separate tiny batches: 20,000 of them for 30,000 rows). The audit
    # entry names the file, which every row shares.
    statement = insert(Enquiry).returning(Enquiry.id).execution_options(render_nulls=True)
    by_database = bool(session.info.get(audit.BY_DATABASE))
    with (
        deferred_search_index(session.connection(), len(good)),
        imported_from(session.connection(), log.path.name if by_database else None),
    ):
        for start in range(0, len(good), batch):
            chunk = good[start : start + batch]
            rows = [
                {f.key: None for f in ENQUIRY_FIELDS}
                | values
                | {"version": 1, "created_at": now, "updated_at": now}
                for values in chunk
            ]
            ids = _new_ids(session, len(rows))
            if ids is None:
                ids = list(session.scalars(statement, rows))
            else:  # PostgreSQL: by COPY, with the ids drawn
                columns = ["id", *rows[0]]
                for row, new_id in zip(rows, ids, strict=True):
                    row["id"] = new_id
                table = cast(Table, Enquiry.__table__)
                insert_rows(
                    session.connection(), table, columns, [[r[c] for c in columns] for r in rows]
                )
            if by_database:
                continue  # the trigger wrote an entry a row naming the file
            # One audit entry per row, made by the database from the rows just inserted:
            # one statement a chunk instead of a chunk's worth of parameters.
            enquiry = Enquiry.__table__
            made = select(
                literal(now, AuditEntry.at.type),
                literal(user),
                literal(AuditAction.CREATE, AuditEntry.action.type),
                literal(Enquiry.__tablename__),
                enquiry.c.id,
                literal(Enquiry.__tablename__),
                enquiry.c.id,
                literal("imported from"),
                literal(log.path.name),
            ).where(enquiry.c.id.in_(ids))
            columns = [c for c in audit.COLUMNS if c != "old_value"]
            session.execute(insert(AuditEntry).from_select(columns, made))
    return len(good)
