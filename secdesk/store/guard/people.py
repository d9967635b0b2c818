"""The group roles, and the functions through which an admin manages people's logins.

The three groups are NOLOGIN roles, nested so that each holds the rights of the one below.
A person is a LOGIN role that is a member of exactly one group. Admins manage logins through
SECURITY DEFINER functions owned by the schema owner (who may create roles) and executable by
``secdesk_admin`` only, rather than by holding CREATEROLE themselves: the functions touch
secdesk's own logins and nothing else on the server, so an admin cannot make themself a
superuser, the schema owner, or anyone outside secdesk. Passwords reach the server as SCRAM
verifiers made on the admin's machine (as psql's ``\\password`` does), never in clear.
"""

from __future__ import annotations

from sqlalchemy import Connection

from secdesk.domain.roles import Role
from secdesk.store.guard import ddl

_GROUPS = "ARRAY['secdesk_helpdesk', 'secdesk_engagement', 'secdesk_admin']"

# Checks shared by the functions: the login named is a person, not a group, the owner,
# a superuser or one of PostgreSQL's own roles.
_REFUSE_SPECIAL = f"""
  IF login = ANY ({_GROUPS}) OR login LIKE 'pg\\_%' THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s is not a person''s login', login);
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND rolsuper)
     OR (CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login)
              THEN pg_has_role(login, (SELECT tableowner FROM pg_tables
                                       WHERE tablename = 'alembic_version'
                                       AND schemaname = {{schema}}), 'MEMBER')
              ELSE false END) THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s is the store''s owner or a superuser; a DBA manages it', login);
  END IF;"""

_MEMBER_ONLY = f"""
  IF NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                 JOIN pg_roles r ON r.oid = m.member
                 WHERE r.rolname = login AND g.rolname = ANY ({_GROUPS})) THEN
    RAISE EXCEPTION USING ERRCODE = '42704',
      MESSAGE = format('%s is not a secdesk login', login);
  END IF;"""

_CHECK_GROUP = f"""
  IF NOT grp = ANY ({_GROUPS}) THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s is not a secdesk role', grp);
  END IF;"""

_SET_GROUP = f"""
  FOREACH g IN ARRAY {_GROUPS} LOOP
    IF g <> grp AND EXISTS (SELECT 1 FROM pg_auth_members m
                            JOIN pg_roles gr ON gr.oid = m.roleid
                            JOIN pg_roles r ON r.oid = m.member
                            WHERE gr.rolname = g AND r.rolname = login) THEN
      EXECUTE format('REVOKE %I FROM %I', g, login);
    END IF;
  END LOOP;
  EXECUTE format('GRANT %I TO %I', grp, login);"""

FUNCTIONS = {
    "secdesk_add_user(login text, grp text, verifier text)": f"""
DECLARE g text;
BEGIN
  {_CHECK_GROUP}
  {_REFUSE_SPECIAL}
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION USING ERRCODE = '42710', MESSAGE = format('%s already exists', login);
  END IF;
  IF verifier IS NULL THEN
    EXECUTE format('CREATE ROLE %I LOGIN', login);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, verifier);
  END IF;
  {_SET_GROUP}
END""",
    "secdesk_set_role(login text, grp text)": f"""
DECLARE g text;
BEGIN
  {_CHECK_GROUP}
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND rolcanlogin) THEN
    RAISE EXCEPTION USING ERRCODE = '42704', MESSAGE = format('%s is not a login', login);
  END IF;
  {_REFUSE_SPECIAL}
  {_SET_GROUP}
END""",
    "secdesk_disable_user(login text)": f"""
BEGIN
  {_REFUSE_SPECIAL}
  {_MEMBER_ONLY}
  IF login = session_user THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'you cannot disable your own login';
  END IF;
  EXECUTE format('ALTER ROLE %I NOLOGIN', login);
  BEGIN  -- their open sessions end too, where the owner may end them
    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = login;
  EXCEPTION WHEN insufficient_privilege THEN NULL;
  END;
END""",
    "secdesk_enable_user(login text)": f"""
BEGIN
  {_REFUSE_SPECIAL}
  {_MEMBER_ONLY}
  EXECUTE format('ALTER ROLE %I LOGIN', login);
END""",
    "secdesk_set_password(login text, verifier text)": f"""
BEGIN
  {_REFUSE_SPECIAL}
  {_MEMBER_ONLY}
  EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
END""",
}


def ensure_groups(connection: Connection) -> None:
    """The three group roles, nested; made if missing (roles belong to the server, so a
    second secdesk database on it shares them)."""
    have = {
        name
        for (name,) in connection.exec_driver_sql(
            f"SELECT rolname FROM pg_roles WHERE rolname = ANY ({_GROUPS})"
        )
    }
    for role in Role:
        if role.group not in have:
            ddl.run(connection, f"CREATE ROLE {role.group} NOLOGIN")
    for lower, higher in zip(list(Role)[:-1], list(Role)[1:], strict=True):
        member = connection.exec_driver_sql(
            "SELECT pg_has_role(%(h)s, %(l)s, 'MEMBER')", {"h": higher.group, "l": lower.group}
        ).scalar()
        if not member:
            ddl.run(connection, f"GRANT {lower.group} TO {higher.group}")


def install(connection: Connection, schema: str) -> None:
    for signature, body in FUNCTIONS.items():
        # The functions run with a fixed search_path, so they name the store's schema.
        body = body.replace("{schema}", "'" + schema.replace("'", "''") + "'")
        ddl.run(
            connection,
            f"CREATE OR REPLACE FUNCTION {signature} RETURNS void LANGUAGE plpgsql "
            f'SECURITY DEFINER SET search_path = pg_catalog, "{schema}" AS $fn${body}\n$fn$',
        )
        ddl.run(connection, f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        ddl.run(connection, f"GRANT EXECUTE ON FUNCTION {signature} TO {Role.ADMIN.group}")


def uninstall(connection: Connection) -> None:
    for signature in FUNCTIONS:
        ddl.run(connection, f"DROP FUNCTION IF EXISTS {signature}")
