"""`secdesk users` on a shared store: admins manage logins; anyone else is told, in one
line, that it needs the admin role; a local store says it has one user."""

from __future__ import annotations

import io

import pytest

from secdesk.domain.roles import Role
from tests.test_cli import one_line_error, run


def _url(people, login):
    return people.url.set(username=login).render_as_string(hide_password=False)


@pytest.mark.parametrize("backend", ["postgresql"])
def test_an_admin_adds_moves_lists_and_disables_users(capsys, people, monkeypatch):
    admin = _url(people, people.add(Role.ADMIN))
    login = "jo.bloggs"
    people.logins.append(login)
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret words\n"))
    code, out, err = run(
        capsys, "--store", admin, "users", "add", login, "--role", "helpdesk", "--password-stdin"
    )
    assert (code, err) == (0, ""), err
    assert "as helpdesk" in out
    assert run(capsys, "--store", admin, "users", "set-role", login, "engagement")[0] == 0
    assert run(capsys, "--store", admin, "users", "disable", login)[0] == 0
    code, out, _ = run(capsys, "--store", admin, "users", "list")
    assert f"{login}\tparty engagement\tdisabled" in out.splitlines()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_anyone_else_is_told_it_needs_the_admin_role(capsys, people):
    helpdesk = _url(people, people.add(Role.HELPDESK))
    code, _out, err = run(
        capsys, "--store", helpdesk, "users", "add", "mallory", "--role", "admin", "--no-password"
    )
    assert code == 1
    assert one_line_error(err) == "secdesk: managing users needs the admin role"


@pytest.mark.parametrize("backend", ["postgresql"])
def test_db_upgrade_needs_the_owner(capsys, people):
    admin = _url(people, people.add(Role.ADMIN))
    code, _out, err = run(capsys, "--store", admin, "db", "upgrade")
    assert code == 1
    assert "owner" in one_line_error(err)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_local_store_has_one_user(capsys, store_url):
    code, _out, err = run(capsys, "--store", f"sqlite:///{store_url.database}", "users", "list")
    assert code == 1 and "a local store has one user, you" in one_line_error(err)


@pytest.mark.parametrize("backend", ["postgresql"])
def test_commands_a_role_may_not_run_say_which_role_they_need(capsys, people, tmp_path):
    helpdesk = people.add(Role.HELPDESK)
    url = _url(people, helpdesk)
    code, _out, err = run(capsys, "--store", url, "publish", "--to", str(tmp_path))
    assert code == 1
    assert one_line_error(err) == (
        "secdesk: Publishing needs the party engagement role; "
        f"you are signed in as {helpdesk} (helpdesk)"
    )
    code, _out, err = run(
        capsys, "--store", url, "membership", "record", "Acme", "Withdrawal", "--date", "01/11/2026"
    )
    assert code == 1 and "Recording membership events needs the party engagement role" in err
