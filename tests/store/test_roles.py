"""A shared store guards itself: real PostgreSQL logins in each role, refused by the database
what their role may not do, and every change in the trail under the login that made it."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from secdesk.domain import Base, load_all
from secdesk.domain.roles import Role
from secdesk.errors import PermissionRefused, ValidationError
from secdesk.services import enquiries, enquiry_log, history, parties, users
from secdesk.services.change_requests import record_request
from secdesk.sheets.publish import publish
from secdesk.store import migrate
from secdesk.store.engine import Store
from secdesk.store.guard import grants, trail
from tests.people import People
from tests.services.conftest import new_party

pytestmark = pytest.mark.parametrize("backend", ["postgresql"])
PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")


@pytest.fixture
def party(store) -> int:
    party_id, _ = new_party(store, mpids=["ABCD"])
    return party_id


def refused(people: People, login: str, statement: str, **params) -> None:
    with pytest.raises(ProgrammingError) as caught:
        people.raw(login, statement, **params)
    assert caught.value.orig.sqlstate == "42501", caught.value  # insufficient_privilege


def test_every_table_has_the_grants_its_role_matrix_says(store):
    load_all()
    with store.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert set(Base.metadata.tables) <= set(grants.MATRIX), "a table the matrix forgot"
        assert tables <= set(grants.MATRIX)
        wrong = []
        for table in sorted(tables):
            for role, allowed in grants.expected(table).items():
                for privilege in PRIVILEGES:
                    held = connection.scalar(
                        text("SELECT has_table_privilege(:r, :t, :p)"),
                        {"r": role.group, "t": table, "p": privilege},
                    )
                    if held != (privilege in allowed):
                        wrong.append((table, role.word, privilege, held))
    assert wrong == []
    assert not grants.MATRIX["audit_entry"]


def test_helpdesk_logs_and_changes_enquiries_and_records_requests(people, party):
    login = people.add(Role.HELPDESK)
    helpdesk = people.store(login)
    with helpdesk.unit_of_work() as session:
        category = enquiries.list_categories(session)[0].id
        enquiry = enquiries.log_enquiry(
            session, {"channel": "Email", "category_id": category, "subject": "Where is my ID?"}
        )
    with helpdesk.unit_of_work() as session:
        enquiry_log.resolve_enquiries(session, [enquiry.id])
        request = record_request(
            session,
            {
                "party_id": party,
                "received_on": "01/11/2026",
                "requester_name": "Jo",
                "requester_email": "jo@acme.example",
            },
            {"vat_number": "GB980780684"},
        )
    assert request.id
    with helpdesk.session() as session:
        trail = history.history(session, "enquiry", enquiry.id)
    assert {e.user_name for e in trail} == {login}
    assert ("status", "Open", "Resolved") in [(e.field, e.old_value, e.new_value) for e in trail]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE party SET name = 'Taken over' WHERE id = :party",
        "DELETE FROM enquiry",
        "INSERT INTO publication (number, published_at, published_by, folder, changes, state) "
        "VALUES (99, now(), 'x', '/tmp', '', 'Published')",
        "UPDATE change_request SET status = 'Actioned'",
        "INSERT INTO enquiry_category (name, position, version, created_at, updated_at) "
        "VALUES ('Mine', 99, 1, now(), now())",
        "INSERT INTO audit_entry (at, user_name, action, table_name, record_id, owner_table, "
        "owner_id, field, old_value, new_value) VALUES (now(), 'colleague', 'update', 'party', "
        ":party, 'party', :party, 'name', 'a', 'b')",
        "UPDATE audit_entry SET user_name = 'colleague'",
        "DELETE FROM audit_entry",
        "TRUNCATE audit_entry",
    ],
)
def test_the_database_refuses_the_helpdesk_what_its_role_may_not(people, party, statement):
    refused(people, people.add(Role.HELPDESK), statement, party=party)


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM enquiry",
        "UPDATE enquiry_category SET name = name || '!'",
        "UPDATE spreadsheet_setting SET classification = classification",
        "INSERT INTO audit_entry (at, user_name, action, table_name, record_id, owner_table, "
        "owner_id) VALUES (now(), 'colleague', 'create', 'party', 1, 'party', 1)",
        "UPDATE audit_entry SET new_value = 'forged'",
        "DELETE FROM audit_entry",
    ],
)
def test_the_database_refuses_engagement_what_its_role_may_not(people, party, statement):
    refused(people, people.add(Role.ENGAGEMENT), statement, party=party)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO audit_entry (at, user_name, action, table_name, record_id, owner_table, "
        "owner_id) VALUES (now(), 'colleague', 'create', 'party', 1, 'party', 1)",
        "UPDATE audit_entry SET user_name = 'colleague'",
        "DELETE FROM audit_entry",
    ],
)
def test_not_even_an_admin_can_write_the_trail(people, party, statement):
    refused(people, people.add(Role.ADMIN), statement, party=party)


def test_engagement_changes_the_register_and_publishes(people, party, tmp_path):
    login = people.add(Role.ENGAGEMENT)
    engagement = people.store(login)
    with engagement.unit_of_work() as session:
        version = parties.get_party(session, party).version
        parties.update_party(session, party, {"vat_number": "GB980780684"}, version)
    result = publish(engagement, tmp_path / "published")
    assert result.number == 1
    with engagement.session() as session:
        entry = history.history(session, "party", party)[-1]
    assert (entry.user_name, entry.field, entry.new_value) == (login, "vat_number", "980780684")


def test_a_raw_sql_change_is_in_the_trail_under_its_login(people, party, store):
    login = people.add(Role.ENGAGEMENT)
    people.raw(login, "UPDATE party SET registered_postcode = 'SW1A 1AA' WHERE id = :p", p=party)
    people.raw(login, "UPDATE mpid SET code = 'WXYZ' WHERE party_id = :p", p=party)
    with store.session() as session:
        trail = [
            (e.user_name, e.action.value, e.table_name, e.field, e.old_value, e.new_value)
            for e in history.history(session, "party", party)
            if e.user_name == login
        ]
    assert trail == [
        (login, "update", "party", "registered_postcode", None, "SW1A 1AA"),
        (login, "update", "mpid", "code", "ABCD", "WXYZ"),
    ]


def test_set_role_does_not_change_who_the_trail_names(people, party, store):
    login = people.add(Role.ENGAGEMENT)
    engine = create_engine(people.url.set(username=login))
    with engine.begin() as connection:
        connection.execute(text("SET ROLE secdesk_engagement"))
        connection.execute(text("UPDATE party SET name = 'Renamed' WHERE id = :p"), {"p": party})
    engine.dispose()
    with store.session() as session:
        assert history.history(session, "party", party)[-1].user_name == login


def test_what_the_client_says_cannot_change_the_recorded_name(people, party, monkeypatch):
    login = people.add(Role.ENGAGEMENT)
    for variable in ("PGUSER", "LOGNAME", "USER", "USERNAME"):
        monkeypatch.setenv(variable, "colleague")
    engagement = people.store(login, user="colleague")
    assert engagement.user == login
    with engagement.unit_of_work() as session:
        version = parties.get_party(session, party).version
        parties.update_party(session, party, {"name": "Acme Power Ltd"}, version)
    with engagement.session() as session:
        assert history.history(session, "party", party)[-1].user_name == login


def test_a_role_changed_meanwhile_is_refused_in_plain_words(people, party, store):
    login = people.add(Role.ENGAGEMENT)
    engagement = people.store(login)
    assert engagement.identity.role is Role.ENGAGEMENT
    with store.unit_of_work() as session:
        users.set_role(session, login, Role.HELPDESK)
    with pytest.raises(PermissionRefused) as caught, engagement.unit_of_work() as session:
        version = parties.get_party(session, party).version
        parties.update_party(session, party, {"name": "Acme Power Ltd"}, version)
    assert "your role may not change the register" in str(caught.value)
    assert "permission denied" not in str(caught.value)


def test_users_are_listed_moved_and_disabled_by_admins_only(people, store):
    helpdesk = people.add(Role.HELPDESK)
    admin = people.add(Role.ADMIN)
    with people.store(admin).unit_of_work() as session:
        users.set_role(session, helpdesk, Role.ENGAGEMENT)
        users.disable_user(session, helpdesk)
    with store.session() as session:
        listed = {u.login: u for u in users.list_users(session)}
    assert listed[helpdesk] == users.User(helpdesk, Role.ENGAGEMENT, False)
    from secdesk.errors import StoreError
    from secdesk.store import open_store

    url = people.url.set(username=helpdesk).render_as_string(hide_password=False)
    with pytest.raises(StoreError, match=f"the login {helpdesk} is disabled on this store"):
        open_store(url)
    assert listed[admin].role is Role.ADMIN and listed["tester"].role is Role.ADMIN
    other = people.add(Role.ENGAGEMENT)
    engagement = people.store(other)
    with (
        pytest.raises(PermissionRefused, match="managing users needs the admin role"),
        engagement.unit_of_work() as session,
    ):
        users.set_role(session, other, Role.ADMIN)


def test_an_admin_cannot_touch_the_owner_or_a_superuser(people):
    admin = people.store(people.add(Role.ADMIN))
    for login in ("postgres", "secdesk_admin"):
        with (
            pytest.raises(
                (PermissionRefused, ValidationError), match=r"owner or a superuser|not a person"
            ),
            admin.unit_of_work() as session,
        ):
            users.disable_user(session, login)


def test_a_password_goes_to_the_server_as_a_scram_verifier(people, postgres):
    login = people.add(Role.HELPDESK, password="correct horse battery staple")
    with postgres.admin.connect() as connection:
        stored = connection.scalar(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": login}
        )
    assert stored.startswith("SCRAM-SHA-256$4096:")
    assert "correct horse" not in stored


def test_a_login_without_a_role_is_told_what_to_ask_for(people, postgres, store_url):
    login = f"t{uuid.uuid4().hex[:10]}_nobody"
    with postgres.admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{login}" LOGIN'))
    people.logins.append(login)
    from secdesk.errors import StoreError
    from secdesk.store import open_store

    url = store_url.set(username=login).render_as_string(hide_password=False)
    with pytest.raises(StoreError, match=f"users set-role {login} helpdesk"):
        open_store(url)


def _trail_triggers(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(
            text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_trail\\_%'")
        )


def test_migration_down_and_up_with_the_roles_in_place(people, party):
    helpdesk = people.add(Role.HELPDESK)
    owner = create_engine(people.url.set(username="postgres"))
    try:
        assert _trail_triggers(owner) == 3 * len(trail.audited_tables())
        migrate.downgrade(owner, "0006")
        assert _trail_triggers(owner) == 0
        migrate.upgrade(owner)
        assert _trail_triggers(owner) == 3 * len(trail.audited_tables())
    finally:
        owner.dispose()
    with people.store(helpdesk).session() as session:
        assert [u.role for u in users.list_users(session) if u.login == helpdesk] == [Role.HELPDESK]
    refused(people, helpdesk, "UPDATE party SET name = 'x'")


def test_a_store_set_up_as_the_readme_says(backend, postgres, capsys):
    """The README's steps on a fresh database: a DBA makes an owner login (not a superuser)
    and its database; the owner runs db upgrade and adds the first admin; the admin adds a
    helpdesk login; nobody but the owner can upgrade, and no admin can touch the owner."""
    from secdesk import cli

    tag = uuid.uuid4().hex[:8]
    owner, admin, helper = f"own_{tag}", f"adm_{tag}", f"hlp_{tag}"
    name = f"secdesk_readme_{tag}"
    with postgres.admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE'))
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))

    def url(login: str) -> str:
        return postgres.url.set(database=name, username=login).render_as_string(False)

    def secdesk(login: str, *argv: str) -> tuple[int, str]:
        code = cli.main(["--store", url(login), *argv])
        out, err = capsys.readouterr()
        return code, out + err

    try:
        assert secdesk(owner, "db", "upgrade")[0] == 0
        assert secdesk(owner, "users", "add", admin, "--role", "admin", "--no-password")[0] == 0
        assert secdesk(admin, "users", "add", helper, "--role", "helpdesk", "--no-password")[0] == 0
        code, said = secdesk(admin, "users", "disable", owner)
        assert code == 1 and "owner or a superuser" in said
        code, said = secdesk(admin, "db", "upgrade")
        assert code == 1 and "runs as the store's owner" in said
        code, said = secdesk(helper, "demo")
        assert code == 1 and "Traceback" not in said
        needs = "Changing the register needs the party engagement role"
        assert said == f"secdesk: {needs}; you are signed in as {helper} (helpdesk)\n"
        helpdesk = Store(make_url(url(helper)))
        try:
            assert helpdesk.identity.role is Role.HELPDESK
            with helpdesk.unit_of_work() as session:
                category = enquiries.list_categories(session)[0].id
                enquiry = enquiries.log_enquiry(
                    session, {"channel": "Phone", "category_id": category, "subject": "Hello"}
                )
            with helpdesk.session() as session:
                assert {e.user_name for e in history.history(session, "enquiry", enquiry.id)} == {
                    helper
                }
        finally:
            helpdesk.dispose()
    finally:
        postgres.drop(name)
        with postgres.admin.connect() as connection:
            for login in (helper, admin, owner):
                connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))


def test_who_recorded_an_event_is_the_login_whatever_the_statement_says(people, party, store):
    login = people.add(Role.ENGAGEMENT)
    people.raw(
        login,
        "INSERT INTO membership_event (party_id, kind, occurred_on, recorded_at, recorded_by) "
        "VALUES (:p, 'Event of Default', '2026-11-02', now(), 'colleague')",
        p=party,
    )
    with store.session() as session:
        recorded = session.scalar(
            text("SELECT recorded_by FROM membership_event WHERE occurred_on = '2026-11-02'")
        )
    assert recorded == login
