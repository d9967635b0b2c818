"""The role matrix of a shared store, and the grants that make it so.

Every table is read by every role. Writes are granted table by table to the least role that
may make them (secdesk.domain.roles); the group roles are nested (admin is a member of
engagement, engagement of helpdesk), so a role holds what the roles below it hold. Nobody is
granted INSERT, UPDATE, DELETE or TRUNCATE on the audit trail: only its owner's trigger writes
it. A table the matrix does not name may be read by all and written by admins only, and
tests/store/test_roles.py fails until the matrix names it.
"""

from __future__ import annotations

from sqlalchemy import Connection

from secdesk.domain.roles import Role
from secdesk.store.guard import ddl

WRITES = ("INSERT", "UPDATE", "DELETE")
_ALL = dict.fromkeys(WRITES, Role.ENGAGEMENT)
_ADMIN = dict.fromkeys(WRITES, Role.ADMIN)

# table → privilege → the least role granted it. Reading (SELECT) is everyone's.
MATRIX: dict[str, dict[str, Role]] = {
    # The register, its children, and what publishing and allocating write.
    "party": _ALL,
    "voting_group": _ALL,
    "party_name": _ALL,
    "energy_licence": _ALL,
    "affiliate": _ALL,
    "mpid": _ALL,
    "gas_identifier": _ALL,
    "party_dcc_role": _ALL,
    "membership_event": _ALL,
    "testing_completion": _ALL,
    # The security team's work is the engagement role's.
    "assessment": _ALL,
    "security_profile": _ALL,
    "g527_return": _ALL,
    # The helpdesk links an enquiry to the assessment it is about.
    "enquiry_assessment": dict.fromkeys(WRITES, Role.HELPDESK),
    "operations_contact": _ALL,
    "organisation": _ALL,
    "id_allocation": _ALL,
    "notification": _ALL,
    "publication": _ALL,
    "publication_file": _ALL,
    "store_lock": _ALL,
    # The helpdesk logs and changes enquiries; removing one from the log is an admin's.
    "enquiry": {"INSERT": Role.HELPDESK, "UPDATE": Role.HELPDESK, "DELETE": Role.ADMIN},
    # The helpdesk records a request as it arrives; reviewing and actioning it is engagement's.
    "change_request": {
        "INSERT": Role.HELPDESK,
        "UPDATE": Role.ENGAGEMENT,
        "DELETE": Role.ENGAGEMENT,
    },
    "change_request_item": {
        "INSERT": Role.HELPDESK,
        "UPDATE": Role.ENGAGEMENT,
        "DELETE": Role.ENGAGEMENT,
    },
    # The helpdesk reads the mailbox (storing what it fetches), logs or sets aside each
    # message, and purges those never logged after the retention period.
    "mail_message": dict.fromkeys(WRITES, Role.HELPDESK),
    # Which mailboxes are read is the admin's; where a fetch got to, the fetcher's.
    "mail_account": {"INSERT": Role.ADMIN, "UPDATE": Role.HELPDESK, "DELETE": Role.ADMIN},
    # Categories and classifications are the admin's.
    "enquiry_category": _ADMIN,
    "spreadsheet_setting": _ADMIN,
    "store_setting": _ADMIN,
    "panel_meeting": _ADMIN,
    # Written by the trigger and by migrations only.
    "audit_entry": {},
    "alembic_version": {},
}


def expected(table: str) -> dict[Role, set[str]]:
    """What each role may do to ``table``, counting what it holds through the roles below."""
    matrix = MATRIX.get(table, _ADMIN)
    return {
        role: {"SELECT"} | {privilege for privilege, least in matrix.items() if role >= least}
        for role in Role
    }


def apply(connection: Connection, tables: set[str], schema: str) -> None:
    """Revoke what the groups held on ``tables`` and grant the matrix again, with the
    sequences their inserts draw ids from. Run by every ``secdesk db upgrade``."""
    groups = ", ".join(role.group for role in Role)
    ddl.run(connection, f'GRANT USAGE ON SCHEMA "{schema}" TO {groups}')
    for table in sorted(tables):
        quoted = f'"{schema}"."{table}"'
        ddl.run(connection, f"REVOKE ALL ON {quoted} FROM PUBLIC, {groups}")
        ddl.run(connection, f"GRANT SELECT ON {quoted} TO {Role.HELPDESK.group}")
        for privilege, least in MATRIX.get(table, _ADMIN).items():
            ddl.run(connection, f"GRANT {privilege} ON {quoted} TO {least.group}")
        inserting = MATRIX.get(table, _ADMIN).get("INSERT")
        sequence = connection.exec_driver_sql(
            "SELECT pg_get_serial_sequence(%(t)s, 'id') FROM information_schema.columns "
            "WHERE table_schema = %(s)s AND table_name = %(n)s AND column_name = 'id'",
            {"t": quoted, "s": schema, "n": table},
        ).scalar()
        if sequence:
            ddl.run(connection, f"REVOKE ALL ON SEQUENCE {sequence} FROM PUBLIC, {groups}")
            if inserting is not None:
                connection.exec_driver_sql(
                    f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {inserting.group}"
                )


def revoke(connection: Connection, tables: set[str], schema: str) -> None:
    groups = ", ".join(role.group for role in Role)
    for table in sorted(tables):
        ddl.run(connection, f'REVOKE ALL ON "{schema}"."{table}" FROM {groups}')
    connection.exec_driver_sql(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "{schema}" FROM {groups}')
    ddl.run(connection, f'REVOKE USAGE ON SCHEMA "{schema}" FROM {groups}')
