"""Who is acting on a store, as the store itself knows it.

On PostgreSQL that is the login the server authenticated (``session_user``): not the user
name in the URL, ``PGUSER`` or ``LOGNAME``, which only say whom to ask the server to log in
as. Its role is the secdesk group it is a member of; the schema's owner and superusers are
admins. On a local SQLite store the one user is the desktop login, and its admin.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import Connection

from secdesk.domain.roles import GROUPS, Role


@dataclass(frozen=True)
class Identity:
    login: str
    role: Role | None  # None: a login of the server that is in no secdesk group
    # The schema's owner (the database's, before it has one) or a superuser: an admin, and
    # the one login that may upgrade the schema.
    owner: bool = False
    # The database writes the audit trail (PostgreSQL with migration 0007); else secdesk.audit
    trail_by_database: bool = False

    def describe(self) -> str:
        role = self.role.label if self.role else "no secdesk role"
        return f"{self.login} ({role})"


def desktop_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


_RANK = " ".join(f"WHEN '{group}' THEN {role.value}" for role, group in GROUPS.items())
_GROUP_NAMES = ", ".join(f"'{group}'" for group in GROUPS.values())

WHO = f"""
SELECT session_user,
  (SELECT max(CASE g.rolname {_RANK} END) FROM pg_roles g
   WHERE g.rolname IN ({_GROUP_NAMES}) AND pg_has_role(session_user, g.oid, 'MEMBER')),
  (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
  OR coalesce((SELECT pg_has_role(session_user, tableowner, 'MEMBER') FROM pg_tables
               WHERE schemaname = current_schema() AND tablename = 'alembic_version'),
              (SELECT pg_has_role(session_user, datdba, 'MEMBER') FROM pg_database
               WHERE datname = current_database())),
  EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE p.proname = 'secdesk_trail' AND n.nspname = current_schema())
"""


def who(connection: Connection) -> Identity:
    """The identity of a PostgreSQL connection, in one round trip."""
    login, rank, owner, trail = connection.exec_driver_sql(WHO).one()
    role = Role.ADMIN if owner else (Role(rank) if rank else None)
    return Identity(str(login), role, bool(owner), bool(trail))


def local(user: str | None = None) -> Identity:
    return Identity(user or desktop_login(), Role.ADMIN, owner=True)
