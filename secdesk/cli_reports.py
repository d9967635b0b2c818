"""``secdesk report`` (the Operations Report's tables, and the whole pack) and ``secdesk
panel`` (the SEC Panel's meeting dates, which the Report counts "since")."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from secdesk.cli_records import change_store, read_store


def add_commands(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="the Operations Report: a table (helpdesk, membership, uep, security) or the pack",
        description="pack: the Operations Report's market-entry, membership and helpdesk "
        "sections, as a workbook (--out FILE.xlsx) and a PDF beside it (FILE.pdf).",
    )
    report.add_argument("kind", choices=["helpdesk", "membership", "uep", "security", "pack"])
    report.add_argument(
        "--month", metavar="YYYY-MM", help="the reporting month (default: this month)"
    )
    report.add_argument(
        "--since",
        metavar="DD/MM/YYYY",
        help="uep: completions on or after this date (default: the start of the twelve "
        "months); pack: report UEP and testing since this date instead of the day after the "
        "last SEC Panel meeting",
    )
    report.add_argument(
        "--out", type=Path, metavar="FILE.xlsx", help="save it as a workbook (pack: and a PDF)"
    )
    report.set_defaults(run=_report)

    panel = commands.add_parser("panel", help="the SEC Panel's meeting dates")
    actions = panel.add_subparsers(dest="panel_command", required=True)
    adding = actions.add_parser("add", help="record a meeting (admins)")
    adding.add_argument("held_on", metavar="DD/MM/YYYY")
    adding.set_defaults(run=_panel_add)
    removing = actions.add_parser("remove", help="remove a meeting recorded in error (admins)")
    removing.add_argument("held_on", metavar="DD/MM/YYYY")
    removing.set_defaults(run=_panel_remove)
    listing = actions.add_parser("list", help="the meetings, latest first")
    listing.set_defaults(run=_panel_list)


def _report(args: argparse.Namespace) -> int:
    from secdesk import validate
    from secdesk.months import Month

    month = Month.parse(args.month, "--month") if args.month else Month.current()
    if args.kind == "pack":
        return _pack(args, month)
    from secdesk.reports.catalogue import BY_KEY, default_since, save_report
    from secdesk.reports.tables import as_text, notes_of

    kind = BY_KEY[args.kind]
    since = validate.parse_date(args.since, "--since") if args.since else default_since(month)
    report = read_store(args, lambda session: kind.make(session, month, since))
    print(f"{kind.title} — {kind.subtitle(month, since)}")
    for line in [*as_text(report.table()), *notes_of(report)]:
        print(line)
    if args.out:
        print(f"Saved {save_report(args.out, kind, month, since, report)}")
    return 0


def _pack(args: argparse.Namespace, month: Any) -> int:
    from secdesk import validate
    from secdesk.errors import ValidationError
    from secdesk.reports.catalogue import save_pack
    from secdesk.reports.pack import operations_pack
    from secdesk.reports.tables import as_text

    if not args.out:
        raise ValidationError("--out", "name the workbook to write: --out FILE.xlsx")
    since = validate.parse_date(args.since, "--since") if args.since else None
    pack = read_store(args, lambda session: operations_pack(session, month, since))
    print(f"Operations Report pack — {pack.subtitle}")
    for section in pack.sections:
        print(f"\n{section.heading}")
        for line in section.sentences:
            print(f"  {line}")
        for table in section.tables:
            print(f"  {table.caption}")
            for line in as_text([table.headers, *table.rows]):
                print(f"    {line}")
        for line in section.footnotes:
            print(f"  {line}")
    workbook, pdf = save_pack(args.out, pack)
    print(f"\nSaved {workbook} and {pdf}")
    return 0


def _panel_change(args: argparse.Namespace, work: Any) -> Any:
    from secdesk.domain.roles import Action

    return change_store(args, Action.KEEP_PANEL_MEETINGS, work)


def _panel_add(args: argparse.Namespace) -> int:
    from secdesk.services import panel_meetings

    held_on = _panel_change(args, lambda s: panel_meetings.add_meeting(s, args.held_on))
    print(f"Recorded the SEC Panel meeting of {held_on:%d/%m/%Y}")
    return 0


def _panel_remove(args: argparse.Namespace) -> int:
    from secdesk.services import panel_meetings

    _panel_change(args, lambda s: panel_meetings.remove_meeting(s, args.held_on))
    print(f"Removed the SEC Panel meeting of {args.held_on}")
    return 0


def _panel_list(args: argparse.Namespace) -> int:
    from secdesk.services import panel_meetings

    for held_on in read_store(args, panel_meetings.meetings):
        print(f"{held_on:%d/%m/%Y}")
    return 0
