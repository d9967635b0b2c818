"""The command line's reading of records: the audit trail (`secdesk audit`) and the Change
in Party Details requests (`secdesk changes list|show N`), and the one way a command reads
the store."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the command line loads SQLAlchemy only for commands that use the store
    from sqlalchemy.orm import Session

    from secdesk.store.engine import Store

T = TypeVar("T")


def add_commands(commands: Any) -> None:
    """Add ``audit`` and ``changes`` to the command line's sub-commands."""
    audit = commands.add_parser("audit", help="print the audit trail, oldest first")
    audit.add_argument("--since", metavar="DD/MM/YYYY", help="entries on or after this day")
    audit.add_argument("--until", metavar="DD/MM/YYYY", help="entries on or before this day")
    audit.add_argument("--user", help="only this user's changes")
    audit.add_argument(
        "--record",
        metavar="TYPE[/ID]",
        help="one kind of record (party, operations_contact, enquiry…) or one record (party/12)",
    )
    audit.set_defaults(run=_audit)

    changes = commands.add_parser("changes", help="Change in Party Details requests")
    change_commands = changes.add_subparsers(dest="changes_command", required=True)
    listing = change_commands.add_parser("list", help="open requests, oldest first")
    listing.add_argument("--all", action="store_true", help="closed requests too, newest first")
    listing.set_defaults(run=_changes_list)
    show = change_commands.add_parser("show", help="one request, field by field")
    show.add_argument("number", type=positive_number("N"), metavar="N")
    show.set_defaults(run=_changes_show)


def positive_number(label: str) -> Callable[[str], int]:
    """An argparse type: a whole number above zero, refused in one line naming ``label``."""

    def parse(text: str) -> int:
        from secdesk import validate
        from secdesk.errors import ValidationError

        try:
            return validate.positive_integer(text, label)
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    return parse


def on_store(args: argparse.Namespace, work: Callable[[Store], T]) -> T:
    """Open the store, run ``work`` with it, and close it again whatever happens."""
    from secdesk.store import open_store

    store = open_store(args.store)
    try:
        return work(store)
    finally:
        store.dispose()


def change_store(args: argparse.Namespace, action: Any, work: Callable[[Session], T]) -> T:
    """Open the store, check the user's role may take ``action``, run ``work`` in one unit
    of work (all of it saved, or none), and close the store again."""

    def change(store: Store) -> T:
        store.require(action)
        with store.unit_of_work() as session:
            return work(session)

    return on_store(args, change)


def read_store(args: argparse.Namespace, work: Callable[[Session], T]) -> T:
    """Open the store, run ``work`` in one read session, and close the store again."""

    def read(store: Store) -> T:
        with store.session() as session:
            return work(session)

    return on_store(args, read)


def _audit(args: argparse.Namespace) -> int:
    from secdesk import validate
    from secdesk.display import as_text
    from secdesk.services.audit_trail import AuditFilter, find_table, trail

    table, record_id = None, None
    if args.record:
        kind, _, number = args.record.partition("/")
        table = find_table(kind)
        record_id = validate.positive_integer(number, "--record") if number else None
    where = AuditFilter(
        user=args.user,
        since=validate.parse_date(args.since, "--since") if args.since else None,
        until=validate.parse_date(args.until, "--until") if args.until else None,
        table=table,
        record_id=record_id,
    )

    def show(session: Session) -> None:  # printed as read: the trail can be long
        for row in trail(session, where):
            change = f"{row.field}: {row.old or '(blank)'} -> {row.new or '(blank)'}"
            print(
                f"{as_text(row.at)}\t{row.user}\t{row.record}\t{row.what}"
                + (f"\t{change}" if row.field else "")
            )

    read_store(args, show)
    return 0


def _changes_list(args: argparse.Namespace) -> int:
    from secdesk.display import as_text
    from secdesk.services.change_review import list_requests

    rows = read_store(args, lambda session: list_requests(session, open_only=not args.all))
    if not rows:
        print("No open change requests." if not args.all else "No change requests.")
    for r in rows:
        age = f"{r.age} working day{'s' if r.age != 1 else ''}"
        print(
            f"{r.id}\t{as_text(r.received_on)}\t{age}\t{r.status.value}\t{r.party}\t"
            f"{r.fields} field{'s' if r.fields != 1 else ''}, {r.pending} pending"
        )
    return 0


def _changes_show(args: argparse.Namespace) -> int:
    from secdesk.display import as_text
    from secdesk.services.change_review import review

    seen = read_store(args, lambda session: review(session, args.number))
    consents = [
        name
        for name, given in (("DCC", seen.notify_dcc), ("Alt HAN Co", seen.notify_alt_han))
        if given
    ]
    print(f"Change request {seen.request_id}: {seen.party_name} ({seen.party_category})")
    print(
        f"Received {as_text(seen.received_on)} from {seen.requester_name} "
        f"<{seen.requester_email}>, {seen.age} working days ago"
    )
    print(f"Notify: {', '.join(consents) or 'nobody'}")
    closed = f" by {seen.closed_by} on {as_text(seen.closed_at)}" if seen.closed_at else ""
    print(f"Status: {seen.status.value}{closed}")
    for line in seen.lines:
        mark = "*" if line.differs else " "
        print(f"{mark} {line.label}")
        print(f"    current:   {line.current or '(blank)'}")
        print(f"    requested: {line.requested or '(blank)'}")
        if line.problem:
            print(f"    problem:   {line.problem}")
        decision = line.decision.value + (f" ({line.reason})" if line.reason else "")
        print(f"    decision:  {decision}")
    return 0


def run_import(args: argparse.Namespace, files: list[Path], *, dry_run: bool = False) -> int:
    """Import ``files`` (all or nothing), print what it did, write the errors copies asked
    for, and fail in one line if any row was refused."""
    from secdesk.errors import ValidationError
    from secdesk.sheets.errors_copy import write_error_copies
    from secdesk.sheets.importer import import_files

    report = on_store(args, lambda store: import_files(store, files, dry_run=dry_run))
    for line in report.lines():
        print(line)
    errors_folder = getattr(args, "errors", None)
    if report.errors and errors_folder:
        for path in write_error_copies(report.errors, report.workbooks, errors_folder):
            print(f"Errors marked in {path}")
    if report.errors:
        raise ValidationError("Import", f"{len(report.errors)} error(s); nothing was imported")
    return 0
