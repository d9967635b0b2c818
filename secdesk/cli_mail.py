"""``secdesk mail import|list|log|dismiss|restore``: the helpdesk inbox from the command
line, for scripts and admins (the window's Inbox does the same)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from secdesk.cli_records import change_store, on_store, positive_number


def add_commands(commands: Any) -> None:
    mail = commands.add_parser("mail", help="the helpdesk inbox: e-mails waiting to be logged")
    actions = mail.add_subparsers(dest="mail_command", required=True)
    adding = actions.add_parser(
        "add",
        help="a mailbox to read (admins)",
        description="URL: imaps://user@host[:port]/FOLDER (TLS) or imap://user@host/FOLDER "
        "(STARTTLS); for Microsoft 365, imaps://user%%40domain@outlook.office365.com/INBOX"
        "?auth=microsoft&tenant=TENANT&client_id=APPLICATION-ID (you sign in with a code "
        "shown here). The password or sign-in goes to this computer's keyring, never to a file.",
    )
    adding.add_argument("name", metavar="NAME")
    adding.add_argument("url", metavar="URL")
    signing = actions.add_parser(
        "signin",
        help="sign in to a mailbox on this computer (its password, or Microsoft 365's sign-in)",
    )
    signing.add_argument("name", metavar="NAME")
    for parser, run in ((adding, _add), (signing, _sign_in)):
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        parser.set_defaults(run=run)
    removing = actions.add_parser(
        "remove", help="stop reading a mailbox (admins; its messages stay in the inbox)"
    )
    removing.add_argument("name", metavar="NAME")
    removing.set_defaults(run=_remove)
    accounts = actions.add_parser("accounts", help="the mailboxes secdesk reads")
    accounts.set_defaults(run=_accounts)
    fetching = actions.add_parser(
        "fetch", help="read what is new in the mailboxes (or one) into the inbox"
    )
    fetching.add_argument("name", nargs="?", metavar="NAME")
    fetching.set_defaults(run=_fetch)
    importing = actions.add_parser(
        "import", help="put e-mails saved as files (.eml, Outlook .msg) in the inbox"
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.set_defaults(run=_import)
    listing = actions.add_parser("list", help="the messages waiting to be logged, oldest first")
    listing.add_argument("--all", action="store_true", help="also those logged or set aside")
    listing.add_argument("--json", action="store_true", help="as a JSON array")
    listing.set_defaults(run=_list)
    logging = actions.add_parser("log", help="log messages as enquiries")
    logging.add_argument("ids", nargs="+", type=positive_number("ID"), metavar="ID")
    logging.add_argument(
        "--category", metavar="C", help="the category's name (default: the one suggested)"
    )
    logging.add_argument(
        "--party", metavar="P", help="a Party's name, signifier or MPID (default: suggested)"
    )
    logging.add_argument(
        "--new",
        action="store_true",
        help="a reply to an enquiry already logged becomes a new enquiry, not part of that one",
    )
    logging.set_defaults(run=_log)
    keeping = actions.add_parser(
        "retention",
        help="how long e-mails never logged are kept (show it, or set it: admins)",
    )
    keeping.add_argument("days", nargs="?", metavar="DAYS")
    keeping.set_defaults(run=_retention)
    for name, helping, run in (
        ("dismiss", "set messages aside as not enquiries", _dismiss),
        ("restore", "put messages set aside back in the inbox", _restore),
    ):
        action = actions.add_parser(name, help=helping)
        action.add_argument("ids", nargs="+", type=positive_number("ID"), metavar="ID")
        action.set_defaults(run=run)


def _how(args: argparse.Namespace, url: str) -> Any:
    """The password (asked for, or read from standard input), or Microsoft's sign-in with
    a device code shown here."""
    import getpass
    import sys

    from secdesk.mail.accounts import SignIn
    from secdesk.mail.address import Mailbox

    if Mailbox.parse(url).microsoft:
        return SignIn(show=lambda words: print(words, flush=True))
    if args.password_stdin:
        return SignIn(password=sys.stdin.readline().rstrip("\r\n"))
    return SignIn(password=getpass.getpass(f"Password for {url}: "))


def _add(args: argparse.Namespace) -> int:
    from secdesk.mail.accounts import add_account

    how = _how(args, args.url)
    on_store(args, lambda store: add_account(store, args.name, args.url, how))
    print(f"Added the mailbox {args.name.strip()}; its sign-in is in this computer's keyring")
    return 0


def _sign_in(args: argparse.Namespace) -> int:
    from secdesk.cli_records import read_store
    from secdesk.mail.accounts import account_url, sign_in

    url = read_store(args, lambda session: account_url(session, args.name))
    how = _how(args, url)
    on_store(args, lambda store: sign_in(store, args.name, how))
    print(f"Signed in to the mailbox {args.name} on this computer")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from secdesk.mail.accounts import remove_account

    on_store(args, lambda store: remove_account(store, args.name))
    print(f"Stopped reading the mailbox {args.name}; its messages stay in the inbox")
    return 0


def _accounts(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from secdesk.cli_records import read_store
    from secdesk.display import as_text
    from secdesk.domain import MailAccount

    def rows(session: Any) -> list[tuple[str, str, Any]]:
        found = session.scalars(select(MailAccount).order_by(MailAccount.name))
        return [(a.name, a.url, a.fetched_at) for a in found]

    for name, url, fetched in read_store(args, rows):
        print(f"{name}\t{url}\t{'last read ' + as_text(fetched) if fetched else 'not read yet'}")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from secdesk.mail.mailbox import fetch

    results = on_store(args, lambda store: fetch(store, args.name))
    for result in results:
        stored = result.stored
        aside = f", {stored.set_aside} set aside as automatic" if stored.set_aside else ""
        print(
            f"{result.account}: {result.read} read, {stored.added} new in the inbox{aside}, "
            f"{stored.already} already there"
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    from secdesk.mail.files import import_files

    stored = on_store(args, lambda store: import_files(store, args.files))
    aside = f", {stored.set_aside} set aside as automatic" if stored.set_aside else ""
    print(f"{stored.added} added to the inbox{aside}; {stored.already} already there")
    return 0


def _list(args: argparse.Namespace) -> int:
    from secdesk.cli_records import read_store
    from secdesk.display import as_text
    from secdesk.months import UK_TIME
    from secdesk.services import inbox

    rows = read_store(
        args, lambda session: inbox.inbox(session, everything=args.all, categories=args.json)
    )
    if args.json:
        print(json.dumps([_as_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        sender = f"{row.from_name} <{row.from_address}>" if row.from_name else row.from_address
        party = row.party[1] if row.party else ""
        if row.thread:
            party = f"reply to enquiry {row.thread.enquiry_id}" + (f", {party}" if party else "")
        print(
            "\t".join(
                [
                    str(row.id),
                    as_text(row.received_at.astimezone(UK_TIME).replace(tzinfo=None)),
                    sender or "",
                    row.subject,
                    party,
                    row.state.value if args.all else "",
                ]
            ).rstrip("\t")
        )
    return 0


def _as_json(row: Any) -> dict[str, Any]:
    from secdesk.months import UK_TIME

    return {
        "id": row.id,
        "message_id": row.message_id,
        "from_name": row.from_name,
        "from_address": row.from_address,
        "subject": row.subject,
        "received": row.received_at.astimezone(UK_TIME).isoformat(),
        "state": row.state.value,
        "party": {"id": row.party[0], "name": row.party[1]} if row.party else None,
        "categories": [{"name": c.name, "probability": c.probability} for c in row.categories],
    }


def _in_unit_of_work(args: argparse.Namespace, work: Any) -> Any:
    from secdesk.domain.roles import Action

    return change_store(args, Action.LOG_ENQUIRY, work)


def _log(args: argparse.Namespace) -> int:
    from secdesk.errors import ValidationError
    from secdesk.services import enquiries, inbox, parties
    from secdesk.services.category_suggestions import MIN_HISTORY

    def work(session: Any) -> list[int]:
        party_id = parties.find_party(session, args.party).id if args.party else None
        chosen = {"party_id": party_id, "as_new": args.new}
        if args.category:
            category = enquiries.category_by_name(session, args.category)
            return inbox.log_messages(session, args.ids, category_id=category.id, **chosen)
        replies = set() if args.new else set(inbox.replies(session, args.ids))
        logged = []
        for message_id, suggested in zip(
            args.ids, inbox.suggest_categories(session, args.ids), strict=True
        ):
            if not suggested and message_id not in replies:
                raise ValidationError(
                    "--category",
                    f"name the category of message {message_id}: too few enquiries are "
                    f"logged yet to suggest one (it takes {MIN_HISTORY})",
                )
            best = suggested[0].category_id if suggested else None
            logged += inbox.log_messages(session, [message_id], category_id=best, **chosen)
        return logged

    logged = _in_unit_of_work(args, work)
    print(f"Logged as enquiries {', '.join(str(i) for i in logged)}")
    return 0


def _retention(args: argparse.Namespace) -> int:
    from secdesk.cli_records import read_store
    from secdesk.domain.roles import Action
    from secdesk.services import store_settings

    setting = store_settings.MAIL_RETENTION_DAYS
    if args.days is None:
        days = read_store(args, lambda session: store_settings.get(session, setting))
        print(f"E-mails never logged are kept for {days} days")
        return 0

    days = change_store(
        args, Action.MANAGE_MAILBOXES, lambda s: store_settings.put(s, setting, args.days)
    )
    print(f"E-mails never logged are now kept for {days} days")
    return 0


def _dismiss(args: argparse.Namespace) -> int:
    from secdesk.services import inbox

    count = _in_unit_of_work(args, lambda session: inbox.dismiss(session, args.ids))
    print(f"{count} set aside as not enquiries")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from secdesk.services import inbox

    count = _in_unit_of_work(args, lambda session: inbox.bring_back(session, args.ids))
    print(f"{count} back in the inbox")
    return 0
