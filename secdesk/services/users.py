"""The people of a shared store: their logins and roles (admin only).

Each person is a PostgreSQL LOGIN role that is a member of one secdesk group. Admins act
through the store's own functions (secdesk.store.guard.people), which the database lets only
``secdesk_admin`` run, so these calls need no rights of their own; a refusal arrives as
PermissionRefused. A password, where the server checks passwords, goes as a SCRAM verifier
made here by libpq: the server, its logs and its statistics never see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from secdesk.domain.roles import GROUPS, Role
from secdesk.errors import ConfigurationError, ValidationError

# Names a person can type on any system, and that PostgreSQL keeps as typed.
LOGIN_PATTERN = re.compile(r"[a-z][a-z0-9_.@-]{0,62}")


@dataclass(frozen=True)
class User:
    login: str
    role: Role
    can_log_in: bool


_MEMBERS = text(
    "SELECT r.rolname, g.rolname, r.rolcanlogin FROM pg_auth_members m "
    "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
    "WHERE g.rolname = ANY(:groups) AND NOT r.rolname = ANY(:groups) ORDER BY r.rolname"
)


def _shared(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise ConfigurationError(
            "a local store has one user, you; logins and roles are for a shared PostgreSQL store"
        )


def list_users(session: Session) -> list[User]:
    """Every secdesk login with its role, by login."""
    _shared(session)
    by_group = {group: role for role, group in GROUPS.items()}
    users: dict[str, User] = {}
    for login, group, can_log_in in session.execute(_MEMBERS, {"groups": list(GROUPS.values())}):
        role = by_group[group]
        if login not in users or users[login].role < role:
            users[login] = User(login, role, bool(can_log_in))
    return list(users.values())


def check_login(login: str) -> str:
    cleaned = login.strip()
    if not LOGIN_PATTERN.fullmatch(cleaned):
        raise ValidationError(
            "Login",
            "must start with a letter and hold only lower-case letters, digits and . _ - @ "
            "(at most 63)",
        )
    if cleaned.startswith(("secdesk_", "pg_")):
        raise ValidationError("Login", f"{cleaned} is a name secdesk or PostgreSQL keeps")
    return cleaned


def _verifier(session: Session, login: str, password: str) -> bytes:
    if not password:
        raise ValidationError("Password", "is empty")
    driver: Any = session.connection().connection.driver_connection
    verifier: bytes = driver.pgconn.encrypt_password(
        password.encode(), login.encode(), b"scram-sha-256"
    )
    return verifier


def add_user(session: Session, login: str, role: Role, password: str | None = None) -> User:
    """A new login in ``role``. Without a password the server must know the person some
    other way (Kerberos, SSPI, a certificate) or the admin sets one later."""
    _shared(session)
    login = check_login(login)
    verifier = _verifier(session, login, password).decode() if password is not None else None
    session.execute(
        text("SELECT secdesk_add_user(:login, :group, :verifier)"),
        {"login": login, "group": role.group, "verifier": verifier},
    )
    return User(login, role, True)


def set_role(session: Session, login: str, role: Role) -> None:
    _shared(session)
    session.execute(
        text("SELECT secdesk_set_role(:login, :group)"),
        {"login": login.strip(), "group": role.group},
    )


def disable_user(session: Session, login: str) -> None:
    """The login can no longer connect (its open sessions are ended); its trail stays."""
    _shared(session)
    session.execute(text("SELECT secdesk_disable_user(:login)"), {"login": login.strip()})


def enable_user(session: Session, login: str) -> None:
    _shared(session)
    session.execute(text("SELECT secdesk_enable_user(:login)"), {"login": login.strip()})


def set_password(session: Session, login: str, password: str) -> None:
    _shared(session)
    login = login.strip()
    verifier = _verifier(session, login, password).decode()
    session.execute(
        text("SELECT secdesk_set_password(:login, :verifier)"),
        {"login": login, "verifier": verifier},
    )
