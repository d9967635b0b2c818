"""The one mechanism every register's create and update goes through.

A FieldSet declares a record's editable fields: the key callers use, the label people know,
the rule (from secdesk.validate) that turns raw input into the stored value, and how to read
and write it (plain columns by default; collections such as MPIDs supply their own). From
that one declaration come validation with every error named, the snapshot a conflict shows,
and the version-checked write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from secdesk import validate as v
from secdesk.domain.base import Base, utcnow
from secdesk.errors import ConflictError, NotFoundError, ValidationError, ValidationErrors
from secdesk.memo import remembered

Record = TypeVar("Record", bound=Base)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    clean: Callable[[Any], Any]
    read: Callable[[Any], Any] | None = None
    write: Callable[[Session, Any, Any], None] | None = None
    required: bool = False

    def get(self, record: Any) -> Any:
        return self.read(record) if self.read else getattr(record, self.key)

    def set(self, session: Session, record: Any, value: Any) -> None:
        if self.write:
            self.write(session, record, value)
        else:
            setattr(record, self.key, value)


def optional_field(key: str, label: str, rule: Callable[..., Any], **options: Any) -> Field:
    """A field that may be left blank (stored as None); anything else must pass ``rule``."""
    return Field(key, label, lambda raw: v.optional(rule, raw, label), **options)


def required_field(key: str, label: str, rule: Callable[..., Any], **options: Any) -> Field:
    return Field(key, label, lambda raw: rule(raw, label), required=True, **options)


def choice_field(key: str, label: str, options: type[Any], **kw: Any) -> Field:
    return Field(key, label, lambda raw: v.choice(raw, options, label), required=True, **kw)


class FieldSet:
    def __init__(self, entity: str, *fields: Field) -> None:
        self.entity = entity
        self.fields = {f.key: f for f in fields}

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields.values())

    def label(self, key: str) -> str:
        return self.fields[key].label if key in self.fields else key

    def clean(
        self,
        changes: Mapping[str, Any],
        *,
        creating: bool = False,
        memo: dict[Any, Any] | None = None,
    ) -> dict[str, Any]:
        """Validate every given field, collecting all errors before raising any. With a
        ``memo`` (a batch's), each distinct value of a field is checked once."""
        cleaned: dict[str, Any] = {}
        errors: list[ValidationError] = []
        for key, raw in changes.items():
            field = self.fields.get(key)
            if field is None:
                errors.append(ValidationError(key, f"is not a field of a {self.entity}"))
                continue
            try:
                cleaned[key] = (
                    field.clean(raw) if memo is None else remembered(memo, field.clean, raw)
                )
            except ValidationError as exc:
                errors.append(exc)
        if creating:
            errors.extend(
                ValidationError(f.label, "is required")
                for f in self.fields.values()
                if f.required and f.key not in changes
            )
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ValidationErrors(errors)
        return cleaned

    def snapshot(self, record: Any) -> dict[str, Any]:
        return {key: field.get(record) for key, field in self.fields.items()}

    def apply(self, session: Session, record: Any, cleaned: Mapping[str, Any]) -> None:
        for key, value in cleaned.items():
            self.fields[key].set(session, record, value)


def get_record(
    session: Session, model: type[Record], record_id: int, options: Sequence[Any] = ()
) -> Record:
    """The record, or NotFoundError; ``options`` load what its editor shows with it (in
    the same statement: one round trip to a distant server, not one a collection)."""
    record = session.get(model, record_id, options=options)
    if record is None:
        raise NotFoundError(model.__label__, record_id)
    return record


def referenced(session: Session, model: type[Record], record_id: Any, label: str) -> Record | None:
    """The record a field points at (a contact's Party, an enquiry's category), or a
    ValidationError naming that field if it does not exist. None when nothing is given."""
    if record_id is None:
        return None
    record = session.get(model, record_id)
    if record is None:
        raise ValidationError(label, f"there is no {model.__label__.lower()} with id {record_id}")
    return record


def load_for_update(
    session: Session,
    model: type[Record],
    record_id: int | Record,
    expected_version: int,
    fields: FieldSet,
) -> Record:
    """The record as stored, provided nobody saved it since the caller loaded
    ``expected_version``; otherwise a ConflictError carrying the stored values.

    A batch may pass the record itself, as it loaded it in this transaction (or made it,
    not yet flushed: a Party listed and detailed in one import is then one INSERT)."""
    if not isinstance(record_id, int) and not is_batched(session):
        record_id = record_id.id  # type: ignore[attr-defined]
    if isinstance(record_id, int):
        # Read afresh, unless in a batch: it loaded the record in this transaction, and
        # its flush checks every version anyway.
        found = session.get(model, record_id, populate_existing=not is_batched(session))
        if found is None:
            raise NotFoundError(model.__label__, record_id)
        record = found
    else:
        record = record_id
    if record.version != expected_version:  # type: ignore[attr-defined]
        raise ConflictError(
            model.__label__,
            record.id,  # type: ignore[attr-defined]
            expected_version,
            record.version,  # type: ignore[attr-defined]
            fields.snapshot(record),
        )
    return record


_BATCH = "flush once, at the end of the batch"


@contextmanager
def batched(session: Session) -> Iterator[None]:
    """Within the block, records created and saved are not flushed one by one: the caller
    flushes once at the end (an import's sheet), where the version checks and the store's
    constraints apply to all of them. Queries in the block see the store as it was before
    it; a caller must not rely on them to see the batch's own records (an import checks its
    rows against each other before it applies them)."""
    session.info[_BATCH] = {}
    try:
        with session.no_autoflush:
            yield
    finally:
        session.info.pop(_BATCH, None)


def _clean_memo(session: Session) -> dict[Any, Any] | None:
    """In a batch (an import's sheet, thousands of rows), each distinct value of a field
    is checked once: the rules are the same for every row."""
    return batch_cache(session, "cleaned values") if is_batched(session) else None


def is_batched(session: Session) -> bool:
    return _BATCH in session.info


def batch_cache(session: Session, name: str) -> dict[Any, Any]:
    """What a batch knows that its unflushed records make the store not know yet (the
    ranges allocated so far in an import's sheet): it lives as long as the batch."""
    caches: dict[str, dict[Any, Any]] = session.info[_BATCH]
    return caches.setdefault(name, {})


def flush_unless_batched(session: Session) -> None:
    if not is_batched(session):
        session.flush()


def save_checked(session: Session, record: Any, expected_version: int, fields: FieldSet) -> None:
    """Flush one record's changes under its version. Touching ``updated_at`` makes every
    save an UPDATE of the record's own row, so a change only to its child rows (MPIDs,
    licences) still bumps and checks the version."""
    record.updated_at = utcnow()
    if is_batched(session):
        return  # checked when the batch flushes (a StaleDataError there)
    # Which record it is, known before the flush: once a flush has failed the session
    # refuses to read anything, even the id, until it is rolled back.
    model, identity = type(record), inspect(record).identity
    assert identity is not None, "only a stored record is saved under its version"
    record_id: int = identity[0]
    try:
        session.flush()
    except StaleDataError:
        # Someone saved between our read and our write (their commit landed after our
        # version check and before our UPDATE): report what they stored.
        session.rollback()
        stored = session.get(model, record_id, populate_existing=True)
        if stored is None:
            raise NotFoundError(model.__label__, record_id) from None
        raise ConflictError(
            model.__label__, record_id, expected_version, stored.version, fields.snapshot(stored)
        ) from None


def retire_record(
    session: Session,
    model: type[Record],
    record_id: int,
    expected_version: int,
    fields: FieldSet,
    also: Callable[[Any], None] | None = None,
) -> Record:
    """Take a record out of use, version-checked; it stays in the store and its history.
    ``also`` does what retiring means beyond that (an RDP's allocations become Former)."""
    record = load_for_update(session, model, record_id, expected_version, fields)
    record.retired_at = utcnow()  # type: ignore[attr-defined]
    if also is not None:
        also(record)
    save_checked(session, record, expected_version, fields)
    return record


def update_record(
    session: Session,
    model: type[Record],
    record_id: int | Record,
    changes: Mapping[str, Any],
    expected_version: int,
    fields: FieldSet,
    check: Callable[[Session, Any, dict[str, Any]], None] | None = None,
) -> Record:
    """Validate ``changes``, check the version, run the register's own cross-record
    ``check`` (duplicates, overlaps), then write."""
    cleaned = fields.clean(changes, memo=_clean_memo(session))
    record = load_for_update(session, model, record_id, expected_version, fields)
    if check:
        check(session, record, cleaned)
    with session.no_autoflush:
        fields.apply(session, record, cleaned)
    save_checked(session, record, expected_version, fields)
    return record


_EMPTY: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _empty_keys(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A class's list relationships, and its columns with no default: what a new record
    has empty unless it is given them (worked out once a class)."""
    if cls not in _EMPTY:
        mapper: Mapper[Any] = inspect(cls)
        lists = tuple(r.key for r in mapper.relationships if r.uselist)
        columns = tuple(
            a.key
            for a in mapper.column_attrs
            if not a.columns[0].primary_key
            and a.columns[0].default is None
            and a.columns[0].server_default is None
        )
        _EMPTY[cls] = lists, columns
    return _EMPTY[cls]


def _known_empty(record: Any) -> None:
    """A new record's unset fields are empty, not unknown: say so, or after the flush each
    record would be read back from the store the first time one of them is read (a query a
    record: thousands in an import)."""
    lists, columns = _empty_keys(type(record))
    given = record.__dict__
    for key in lists:
        if key not in given:
            set_committed_value(record, key, [])
    for key in columns:
        if key not in given:
            set_committed_value(record, key, None)  # NULL on INSERT; no change to track


def create_record(
    session: Session,
    record: Record,
    data: Mapping[str, Any],
    fields: FieldSet,
    check: Callable[[Session, Any, dict[str, Any]], None] | None = None,
) -> Record:
    cleaned = fields.clean(data, creating=True, memo=_clean_memo(session))
    if check:
        check(session, None, cleaned)
    _known_empty(record)
    with session.no_autoflush:
        session.add(record)
        fields.apply(session, record, cleaned)
    flush_unless_batched(session)
    return record


def sync_children(
    collection: list[Any],
    wanted: Mapping[Any, Any],
    key_of: Callable[[Any], Any],
    make: Callable[[Any, Any], Any],
    update: Callable[[Any, Any], None] | None = None,
) -> None:
    """Make a child collection hold exactly ``wanted`` (key → value), keeping the rows
    that stay, so the audit trail records only what really changed."""
    existing = {key_of(child): child for child in collection}
    for key, child in existing.items():
        if key not in wanted:
            collection.remove(child)
        elif update:
            update(child, wanted[key])
    for key, value in wanted.items():
        if key not in existing:
            collection.append(make(key, value))


def clean_list(rule: Callable[[Any, str], Any], label: str) -> Callable[[Any], list[Any]]:
    """A rule for a list field: accepts a list or `; `-separated text, applies ``rule`` to
    each item, drops blanks and repeats, and names the field and the bad item on error."""

    def clean(raw: Any) -> list[Any]:
        if raw is None:
            items: list[Any] = []
        elif isinstance(raw, str):
            items = [part for part in raw.replace("\n", ";").split(";")]
        else:
            items = list(raw)
        result: list[Any] = []
        for item in items:
            if isinstance(item, str) and not item.strip():
                continue
            value = rule(item, label)
            if value not in result:
                result.append(value)
        return result

    return clean
