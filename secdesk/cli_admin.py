"""The admin's commands: `secdesk db` (the schema, upgraded by the store's owner) and
`secdesk users` (the logins and roles of a shared store; the store's own functions refuse
anyone but an admin, and the refusal is said in words)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secdesk.domain.roles import Role

ROLE_WORDS = ("helpdesk", "engagement", "admin")


def add_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    db = commands.add_parser("db", help="schema administration")
    db_commands = db.add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    db_commands.add_parser("upgrade", help="bring the store's schema up to date").set_defaults(
        run=_db_upgrade
    )
    db_commands.add_parser("current", help="show the store's schema revision").set_defaults(
        run=_db_current
    )

    users = commands.add_parser("users", help="the logins and roles of a shared store (admins)")
    actions = users.add_subparsers(
        dest="users_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    actions.add_parser("list", help="every login with its role").set_defaults(run=_list)
    add = actions.add_parser("add", help="a new login for a person, in a role")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--role", required=True, choices=ROLE_WORDS)
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new login's password from standard input (else: asked for, or none "
        "with --no-password where the server knows people by Kerberos, SSPI or certificate)",
    )
    add.add_argument("--no-password", action="store_true", help="create it without a password")
    add.set_defaults(run=_add)
    set_role = actions.add_parser("set-role", help="move a login to another role")
    set_role.add_argument("login", metavar="LOGIN")
    set_role.add_argument("role", metavar="ROLE", choices=ROLE_WORDS)
    set_role.set_defaults(run=_set_role)
    disable = actions.add_parser("disable", help="stop a login connecting (its trail stays)")
    disable.add_argument("login", metavar="LOGIN")
    disable.set_defaults(run=_disable)
    enable = actions.add_parser("enable", help="let a disabled login connect again")
    enable.add_argument("login", metavar="LOGIN")
    enable.set_defaults(run=_enable)
    password = actions.add_parser("password", help="set a login's password")
    password.add_argument("login", metavar="LOGIN")
    password.add_argument("--password-stdin", action="store_true")
    password.set_defaults(run=_password)


def _role(word: str) -> Role:
    from secdesk.domain.roles import Role

    return Role.from_word(word)


def _read_password(args: argparse.Namespace, login: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    from getpass import getpass

    first = getpass(f"Password for {login}: ")
    if getpass("Again: ") != first:
        from secdesk.errors import ValidationError

        raise ValidationError("Password", "the two did not match; nothing was changed")
    return first


def _write(args: argparse.Namespace, work: Any) -> None:
    from secdesk.store import open_store

    store = open_store(args.store)
    try:
        with store.unit_of_work() as session:
            work(session)
    finally:
        store.dispose()


def _list(args: argparse.Namespace) -> int:
    from secdesk.cli_records import read_store
    from secdesk.services.users import list_users

    for user in read_store(args, list_users):
        state = "" if user.can_log_in else "\tdisabled"
        print(f"{user.login}\t{user.role.label}{state}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from secdesk.services.users import add_user, check_login

    login = check_login(args.login)
    password = None if args.no_password else _read_password(args, login)
    _write(args, lambda session: add_user(session, login, _role(args.role), password))
    print(f"{login} can now use secdesk as {_role(args.role).label}.")
    return 0


def _set_role(args: argparse.Namespace) -> int:
    from secdesk.services.users import set_role

    _write(args, lambda session: set_role(session, args.login, _role(args.role)))
    print(f"{args.login} is now {_role(args.role).label} (from their next start of secdesk).")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from secdesk.services.users import disable_user

    _write(args, lambda session: disable_user(session, args.login))
    print(f"{args.login} can no longer connect; what they did stays in the trail.")
    return 0


def _enable(args: argparse.Namespace) -> int:
    from secdesk.services.users import enable_user

    _write(args, lambda session: enable_user(session, args.login))
    print(f"{args.login} can connect again.")
    return 0


def _password(args: argparse.Namespace) -> int:
    from secdesk.services.users import set_password

    password = _read_password(args, args.login)
    _write(args, lambda session: set_password(session, args.login, password))
    print(f"The password of {args.login} is set.")
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from secdesk.store import dberrors, migrate, open_store

    store = open_store(args.store, upgrade=True)
    try:
        # Once more even when current: the grants and triggers are re-applied.
        with dberrors.translated():
            migrate.upgrade(store.engine, store_name=store.describe())
        print(f"{store.describe()} is at schema {migrate.current_revision(store.engine)} (latest).")
    finally:
        store.dispose()
    return 0


def _db_current(args: argparse.Namespace) -> int:
    from secdesk.store import migrate
    from secdesk.store.engine import Store
    from secdesk.store.url import resolve_store_url

    store = Store(resolve_store_url(args.store))
    try:
        current = migrate.current_revision(store.engine)
        head = migrate.head_revision()
        state = "up to date" if current == head else f"behind (latest is {head})"
        print(f"{store.describe()}: schema {current or 'none'}, {state}")
    finally:
        store.dispose()
    return 0
