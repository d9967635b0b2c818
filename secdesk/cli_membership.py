"""``secdesk membership record|list``: a Party's membership history from the command line.
Recording an event the Party already holds undated dates it; ``list --out`` writes the
Membership Events layout, which ``secdesk import`` reads back into another store."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any


def add_commands(commands: Any) -> None:
    membership = commands.add_parser("membership", help="SEC Party membership events")
    actions = membership.add_subparsers(dest="membership_command", required=True)
    record = actions.add_parser(
        "record",
        help="record an event (dating it, if the Party holds it undated)",
        description="Events: Accession, Event of Default, Default Cured, Withdrawal, "
        "Expulsion. A default, withdrawal or expulsion needs a reason.",
    )
    record.add_argument("party", metavar="PARTY", help="a Party's name, signifier or MPID")
    record.add_argument("event", metavar="EVENT")
    record.add_argument("--date", required=True, metavar="DD/MM/YYYY")
    record.add_argument("--reason", metavar="TEXT")
    record.set_defaults(run=_record)
    listing = actions.add_parser("list", help="every Party's events (or one Party's)")
    listing.add_argument("party", nargs="?", metavar="PARTY")
    listing.add_argument(
        "--out", type=Path, metavar="FILE", help="also write them as FILE.xlsx or FILE.csv"
    )
    listing.set_defaults(run=_list)


def _record(args: argparse.Namespace) -> int:
    from secdesk import validate as v
    from secdesk.domain import MembershipEventKind
    from secdesk.domain.roles import Action
    from secdesk.services import membership, parties
    from secdesk.services.party_fields import PARTY_FIELDS
    from secdesk.services.records import save_checked
    from secdesk.store import open_store

    kind = v.choice(args.event, MembershipEventKind, "Event")
    when = v.parse_date(args.date, "--date")
    reason = v.optional_text(args.reason, "--reason", 2000)
    store = open_store(args.store)
    try:
        store.require(Action.RECORD_MEMBERSHIP)
        with store.unit_of_work() as session:
            party = parties.find_party(session, args.party)
            changed = membership.record_history(session, party, kind, when, reason)
            if changed:
                save_checked(session, party, party.version, PARTY_FIELDS)
            name, status = party.name, party.status.value
    finally:
        store.dispose()
    verb = "Recorded" if changed else "Already recorded:"
    print(f"{verb} {kind.value} of {name} on {v.format_date(when)}; status {status}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from secdesk.cli_records import read_store
    from secdesk.display import as_text
    from secdesk.services import parties
    from secdesk.sheets.published_sheets import MEMBERSHIP_EVENTS
    from secdesk.sheets.register_snapshot import RegisterSnapshot

    def rows(session: Any) -> list[list[Any]]:
        party_id = parties.find_party(session, args.party).id if args.party else None
        cells = [column.cell for column in MEMBERSHIP_EVENTS.columns]
        return [
            [cell(event) for cell in cells]
            for event in MEMBERSHIP_EVENTS.records(RegisterSnapshot(session))
            if party_id is None or event.party_id == party_id
        ]

    found = read_store(args, rows)
    for name, event, when, reason in found:
        print("\t".join([name, event, as_text(when) or "undated", reason or ""]))
    if args.out:
        print(f"Saved {_write(args.out, found)}")
    return 0


def _write(path: Path, rows: list[list[Any]]) -> Path:
    from datetime import UTC, datetime

    from secdesk import validate as v
    from secdesk.domain import Classification
    from secdesk.environment import plain_os_error
    from secdesk.errors import ConfigurationError
    from secdesk.files import replaced_atomically
    from secdesk.sheets.published_sheets import MEMBERSHIP_EVENTS
    from secdesk.sheets.workbook import Edition, write_workbook

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ConfigurationError(f"--out {path.name}: give a file ending .xlsx or .csv")
    try:
        with replaced_atomically(path) as target:
            if suffix == ".xlsx":
                edition = Edition(Classification.WHITE, datetime.now(UTC), "membership events")
                write_workbook(target, MEMBERSHIP_EVENTS, rows, edition)
            else:
                with target.open("w", newline="", encoding="utf-8-sig") as handle:
                    out = csv.writer(handle)
                    out.writerow(MEMBERSHIP_EVENTS.headers)
                    for name, event, when, reason in rows:
                        out.writerow([name, event, v.format_date(when), reason or ""])
    except OSError as exc:
        raise plain_os_error(exc, f"writing {path}") from None
    return path
