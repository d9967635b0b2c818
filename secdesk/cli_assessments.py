"""``secdesk assessments list|due|import``: the security and privacy assessments, and the
obligations due and overdue, for scripts and the security team (the window's Assessments
screen does the same)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from secdesk.cli_records import read_store, run_import


def add_commands(commands: Any) -> None:
    top = commands.add_parser(
        "assessments", help="security and privacy assessments, and the obligations due"
    )
    actions = top.add_subparsers(dest="assessments_command", required=True)
    listing = actions.add_parser("list", help="the assessments, latest requested first")
    listing.add_argument("--party", metavar="P", help="a Party's name, signifier or MPID")
    listing.add_argument("--json", action="store_true", help="as a JSON array")
    listing.set_defaults(run=_list)
    due = actions.add_parser("due", help="the obligations not yet met, soonest first")
    due.add_argument(
        "--within", type=int, metavar="DAYS", help="only those due within DAYS, and the overdue"
    )
    due.add_argument("--json", action="store_true", help="as a JSON array")
    due.set_defaults(run=_due)
    importing = actions.add_parser(
        "import", help="assessments from a workbook or CSV (all or nothing)"
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.set_defaults(run=_import)


def _print_json(rows: list[dict[str, Any]]) -> None:
    print(json.dumps(rows, ensure_ascii=False, indent=2))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _list(args: argparse.Namespace) -> int:
    from secdesk.services import assessments, parties

    def read(session: Any) -> list[Any]:
        party_id = parties.find_party(session, args.party).id if args.party else None
        return assessments.list_assessments(session, party_id=party_id)

    rows = read_store(args, read)
    if args.json:
        _print_json(
            [
                {
                    "id": r.id,
                    "party": {"id": r.party_id, "name": r.party_name},
                    "type": r.kind.value,
                    "application_received": _iso(r.application_received),
                    "requested_for": _iso(r.requested_for),
                    "fieldwork_end": _iso(r.fieldwork_end),
                    "outcome": r.outcome.value if r.outcome else None,
                    "outcome_date": _iso(r.outcome_on),
                    "status": r.status,
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        print(f"{r.id}\t{r.party_name}\t{r.kind.short}\t{r.requested_for:%d/%m/%Y}\t{r.status}")
    return 0


def _due(args: argparse.Namespace) -> int:
    from secdesk.services import obligations

    today = date.today()
    items = read_store(args, lambda session: obligations.due(session, today, args.within))
    if args.json:
        _print_json(
            [
                {
                    "party": {"id": i.party_id, "name": i.party},
                    "type": i.obligation,
                    "detail": i.detail,
                    "due": _iso(i.due_on),
                    "overdue": i.overdue(today),
                    "status": i.status(today),
                    "assessment_id": i.assessment_id,
                }
                for i in items
            ]
        )
        return 0
    for i in items:
        print(f"{i.due_on:%d/%m/%Y}\t{i.status(today)}\t{i.party}\t{i.obligation}\t{i.detail}")
    return 0


def _import(args: argparse.Namespace) -> int:
    return run_import(args, args.files)
