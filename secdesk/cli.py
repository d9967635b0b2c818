"""The ``secdesk`` command: with no subcommand it opens the window; subcommands run the
same services for scripts and admins.

Every failure a person can cause or meet prints one line and exits non-zero; a bug writes
its traceback to a log file and says where, never on the screen.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from secdesk import __version__
from secdesk.cli_admin import add_commands as add_admin_commands
from secdesk.cli_assessments import add_commands as add_assessment_commands
from secdesk.cli_mail import add_commands as add_mail_commands
from secdesk.cli_membership import add_commands as add_membership_commands
from secdesk.cli_records import add_commands as add_record_commands
from secdesk.cli_records import read_store, run_import
from secdesk.cli_reports import add_commands as add_report_commands
from secdesk.errors import ConfigurationError, SecdeskError

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (it already does) and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"secdesk: {message} (see secdesk --help)\n")


def _add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="URL",
        help="the store to use: sqlite:///PATH or postgresql://USER@HOST[:PORT]/DATABASE "
        "(default: SECDESK_STORE, then the configured store, then the local SQLite file)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="secdesk",
        description="SECAS helpdesk log and SEC Party register. "
        "Without a command, opens the secdesk window.",
    )
    parser.add_argument("--version", action="version", version=f"secdesk {__version__}")
    _add_store_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="fill an empty store with fictional demo data")
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing (and succeed) when the store already holds parties",
    )
    demo.add_argument(
        "--enquiries",
        type=int,
        metavar="N",
        help="how many helpdesk enquiries to make (default: three years at ~1,580 a month)",
    )
    demo.add_argument("--seed", type=int, default=2018, help="random seed (default 2018)")
    demo.set_defaults(run=_demo)

    store = commands.add_parser("store", help="choose the store secdesk opens")
    store_commands = store.add_subparsers(
        dest="store_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    use = store_commands.add_parser(
        "use", help="make URL the configured store (asks for a PostgreSQL password)"
    )
    use.add_argument("url", metavar="URL")
    use.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking",
    )
    use.set_defaults(run=_store_use)
    store_commands.add_parser("show", help="show which store secdesk opens").set_defaults(
        run=_store_show
    )

    imports = commands.add_parser(
        "import",
        help="import workbooks in the layouts of the published spreadsheets (all or nothing)",
    )
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imports.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )
    imports.add_argument(
        "--errors",
        type=Path,
        metavar="DIR",
        help="write a copy of each file with errors, with an Errors column, into DIR",
    )
    imports.set_defaults(run=_import)

    publish = commands.add_parser("publish", help="publish the four SEC spreadsheets")
    publish.add_argument(
        "--to", type=Path, metavar="DIR", help="the publish folder (default: the configured one)"
    )
    publish.set_defaults(run=_publish)

    add_record_commands(commands)
    add_membership_commands(commands)
    add_mail_commands(commands)
    add_report_commands(commands)
    add_assessment_commands(commands)
    add_admin_commands(commands, _Parser)

    party = commands.add_parser("parties", help="list parties")
    party.add_argument("--search", help="part of a name, a company number or an MPID")
    party.add_argument("--former", action="store_true", help="only withdrawn or expelled")
    party.set_defaults(run=_parties)
    return parser


# ---- commands ---------------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    from secdesk.demo import is_empty, load_demo
    from secdesk.domain.roles import Action
    from secdesk.store import open_store

    if args.enquiries is not None and args.enquiries < 0:
        raise ConfigurationError("--enquiries: must be 0 or more")
    store = open_store(args.store)
    try:
        with store.session() as session:
            empty = is_empty(session)
        if not empty:
            if args.if_empty:
                print(f"{store.describe()} already holds parties; no demo data added")
                return 0
            raise ConfigurationError(
                f"{store.describe()} already holds parties; demo data goes in an empty store"
            )
        store.require(Action.EDIT_REGISTER)  # before saying it is adding anything
        print(f"Adding demo data to {store.describe()} …", flush=True)
        summary = load_demo(store, seed=args.seed, enquiries=args.enquiries)
        print(f"Added {summary}.")
    finally:
        store.dispose()
    return 0


def _store_use(args: argparse.Namespace) -> int:
    from secdesk.store import credentials, open_store
    from secdesk.store.settings import Settings
    from secdesk.store.url import describe, is_sqlite, parse_store_url

    url = parse_store_url(args.url, "URL")
    if not is_sqlite(url):
        if not url.username:
            raise ConfigurationError(
                "URL: name your PostgreSQL login, as postgresql://USER@HOST/DB"
            )
        password = url.password
        if password is None:
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\r\n")
            else:
                from getpass import getpass

                password = getpass(
                    f"Password for {url.username} on {url.host or 'localhost'} "
                    "(empty if none is needed): "
                )
        url = url.set(password=None)
        if password:
            credentials.set_password(url, password)
        else:
            credentials.delete_password(url)
    store = open_store(url.render_as_string(hide_password=False))
    store.dispose()
    settings = Settings.load()
    settings.store_url = url.render_as_string(hide_password=False)
    settings.save()
    print(f"secdesk now opens {describe(url)}.")
    return 0


def _store_show(args: argparse.Namespace) -> int:
    from secdesk.store.url import describe, resolve_store_url

    print(describe(resolve_store_url(args.store)))
    return 0


def _parties(args: argparse.Namespace) -> int:
    from secdesk.services.parties import list_parties

    rows = read_store(
        args,
        lambda session: list_parties(
            session, search=args.search, current=False if args.former else None
        ),
    )
    for row in rows:
        print(f"{row.name}\t{row.category}\t{row.status}\t{row.company_number or ''}")
    return 0


def _import(args: argparse.Namespace) -> int:
    return run_import(args, args.files, dry_run=args.dry_run)


def _publish(args: argparse.Namespace) -> int:
    from secdesk.sheets.publish import publish
    from secdesk.store import open_store

    store = open_store(args.store)
    try:
        result = publish(store, args.to)
    finally:
        store.dispose()
    for line in result.lines():
        print(line)
    return 0


def _open_window(args: argparse.Namespace) -> int:
    from secdesk import collector
    from secdesk.window_check import window_problem

    problem = window_problem()
    if problem is not None:
        raise ConfigurationError(problem)

    collector.pause()  # from before Qt loads: the window resumes it once start-up is over
    from secdesk.gui.app import run

    return run(args.store)


# ---- entry point ------------------------------------------------------------------------


def _log_bug(exc: BaseException) -> Path | None:
    from secdesk.store import paths

    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "secdesk-errors.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now(UTC).isoformat()} secdesk {__version__}\n")
            log.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


def _window_only(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The command line that only opens the window (nothing, or ``--store URL``), read
    without building every command's parser: that takes longer than the window's first paint
    can spare. Anything else (a command, --help, a mistake) is None, for the full parser."""
    quick = argparse.ArgumentParser(prog="secdesk", add_help=False, exit_on_error=False)
    _add_store_option(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    args = _window_only(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="secdesk: %(message)s")
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", _open_window)
    try:
        return run(args)
    except SecdeskError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("secdesk: interrupted; nothing more was saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`secdesk report uep | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # The machine's fault (a full disk, a file where a folder belongs, permissions):
        # said in plain words, not reported as a bug.
        from secdesk.environment import plain_os_error

        command = " ".join(a for a in (argv or sys.argv[1:])[:2] if not a.startswith("-"))
        print(f"secdesk: {plain_os_error(exc, f'secdesk {command}'.strip())}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            from secdesk.store import dberrors

            print(f"secdesk: {dberrors.translate(exc)}", file=sys.stderr)
            return EXIT_ERROR
        where = _log_bug(exc)
        detail = f"; details are in {where}" if where else ""
        print(
            f"secdesk: unexpected error ({type(exc).__name__}: {exc}){detail}. "
            "Please report it to the secdesk developers.",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
