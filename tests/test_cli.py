"""The secdesk command as scripts and admins use it: one line per error, exit codes, and
no traceback ever."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from secdesk import __version__, cli
from secdesk.store.settings import Settings
from tests.sheets.test_export import SPEC_HEADERS

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("secdesk: ")
    assert "Traceback" not in err
    return lines[0]


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"secdesk {__version__}"


def test_upgrade_then_demo_then_list_on_each_backend(capsys, empty_url):
    url = empty_url.render_as_string(hide_password=False)
    code, out, _ = run(capsys, "--store", url, "db", "upgrade")
    assert code == 0 and "(latest)" in out
    code, out, _ = run(capsys, "--store", url, "demo", "--enquiries", "150")
    assert code == 0
    assert "Added 300 parties in 230 voting groups" in out
    code, out, _ = run(capsys, "--store", url, "parties")
    assert code == 0 and len(out.strip().splitlines()) == 300
    code, out, _ = run(capsys, "--store", url, "parties", "--former")
    assert code == 0 and all(
        ("Withdrawn" in line or "Expelled" in line) for line in out.strip().splitlines()
    )
    # A second demo refuses; --if-empty makes that a quiet success for the set-up command.
    code, _, err = run(capsys, "--store", url, "demo")
    assert code == 1 and "already holds parties" in one_line_error(err)
    code, out, _ = run(capsys, "--store", url, "demo", "--if-empty")
    assert code == 0 and "no demo data added" in out


def test_db_current_reports_the_revision(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    code, out, _ = run(capsys, "--store", url, "db", "current")
    assert code == 0 and "schema none" in out
    run(capsys, "--store", url, "db", "upgrade")
    code, out, _ = run(capsys, "--store", url, "db", "current")
    assert "up to date" in out


def test_store_use_saves_the_url_and_keeps_the_password_in_the_keyring(
    capsys, monkeypatch, postgres, postgres_template, memory_keyring
):
    url = postgres.database_url(postgres_template).set(username="postgres", password=None)
    text_url = url.render_as_string(hide_password=False)
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO("hunter2\n"))
    code, out, err = run(capsys, "store", "use", text_url, "--password-stdin")
    assert code == 0, err
    assert "secdesk now opens PostgreSQL" in out
    saved = Settings.load().store_url
    assert saved and "hunter2" not in saved and "hunter2" not in Settings.path().read_text()
    assert "hunter2" in memory_keyring.passwords.values()
    code, out, _ = run(capsys, "store", "show")
    assert (
        out.strip() == f"PostgreSQL {postgres_template} on {url.host}:{url.port or 5432}"
        or out.strip().startswith(f"PostgreSQL {postgres_template}")
    )


def test_store_use_sqlite(capsys, tmp_path):
    path = tmp_path / "mine.sqlite3"
    code, out, _ = run(capsys, "store", "use", f"sqlite:///{path}")
    assert code == 0 and path.exists()
    code, out, _ = run(capsys, "store", "show")
    assert out.strip() == f"SQLite file {path}"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--store", "mysql://root@localhost/x", "parties"], "--store: 'mysql' stores"),
        (["demo", "--enquiries", "-5"], "--enquiries: must be 0 or more"),
        (["store", "use", "postgresql://db.example/secdesk"], "name your PostgreSQL login"),
    ],
)
def test_bad_input_is_one_line_naming_the_option(capsys, argv, needle):
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert needle in one_line_error(err)


def test_usage_errors_exit_2_in_one_line(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["frobnicate"])
    assert caught.value.code == 2
    one_line_error(capsys.readouterr().err)


def test_a_bug_is_logged_not_shown(capsys, monkeypatch, secdesk_home):
    def broken(_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_store_show", broken)
    code, _, err = run(capsys, "store", "show")
    assert code == 1
    line = one_line_error(err)
    assert "unexpected error (RuntimeError: boom)" in line
    log = secdesk_home / "data" / "logs" / "secdesk-errors.log"
    assert "Traceback" in log.read_text()


def test_unreachable_store_from_a_real_process_prints_one_line():
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "secdesk",
            "--store",
            "postgresql://nobody@127.0.0.1:1/x",
            "parties",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "cannot reach the PostgreSQL store" in one_line_error(result.stderr)


def test_import_and_publish_commands(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'one.sqlite3'}"
    run(capsys, "--store", url, "demo", "--enquiries", "0")
    code, out, _ = run(capsys, "--store", url, "publish", "--to", str(tmp_path / "pub"))
    assert code == 0 and "Published 4 spreadsheets" in out and "(publication 1)" in out
    code, out, _ = run(capsys, "--store", url, "publish", "--to", str(tmp_path / "pub"))
    assert code == 0 and "Nothing has changed since the last publication" in out

    files = [str(p) for p in sorted((tmp_path / "pub").glob("*.xlsx"))]
    other = f"sqlite:///{tmp_path / 'two.sqlite3'}"
    code, out, _ = run(capsys, "--store", other, "import", "--dry-run", *files)
    assert code == 0
    assert "SEC Parties List: 300 would be created, 0 changed, 0 unchanged, 0 rejected" in out
    assert out.strip().endswith("Dry run: nothing was imported.")
    code, out, _ = run(capsys, "--store", other, "import", *files)
    assert code == 0 and "300 were created" in out


def test_import_with_errors_exits_1_and_marks_a_copy(capsys, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(SPEC_HEADERS["SEC Parties List.xlsx"])
    book.active.append(["Acme", "Gigantic Supplier", None, "Party", "01/01/2020", None, None, None])
    path = tmp_path / "parties.xlsx"
    book.save(path)
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    code, out, err = run(
        capsys, "--store", url, "import", str(path), "--errors", str(tmp_path / "marked")
    )
    assert code == 1
    assert "row 2, column 'Party Category' ('Gigantic Supplier')" in out
    assert "1 error(s); nothing was imported" in one_line_error(err)
    assert (tmp_path / "marked" / "parties - errors.xlsx").exists()


def test_changes_and_audit_commands(capsys, store):
    from secdesk.services import change_requests, parties

    with store.unit_of_work() as session:
        party = parties.create_party(
            session, {"name": "Acme Energy Ltd", "category": "Large Supplier"}
        )
        request = change_requests.record_request(
            session,
            {
                "party_id": party.id,
                "received_on": "02/11/2026",
                "requester_name": "Jo Bloggs",
                "requester_email": "jo@acme.example",
                "notify_dcc": "Y",
            },
            {"notices_email": "notices@acme.example", "registered_postcode": "nowhere"},
        )
        party_id, request_id = party.id, request.id
    url = store.engine.url.render_as_string(hide_password=False)
    code, out, _ = run(capsys, "--store", url, "changes", "list")
    assert code == 0
    assert out.startswith(f"{request_id}\t02/11/2026\t") and "Acme Energy Ltd" in out
    assert "2 fields, 2 pending" in out
    code, out, _ = run(capsys, "--store", url, "changes", "show", str(request_id))
    assert code == 0
    assert "Notify: DCC" in out
    assert "* Notices e-mail\n    current:   (blank)\n    requested: notices@acme.example" in out
    assert "problem:" in out  # the postcode breaks its rule
    code, _, err = run(capsys, "--store", url, "changes", "show", "999")
    assert code == 1 and "does not exist" in one_line_error(err)

    code, out, _ = run(capsys, "--store", url, "audit", "--record", f"party/{party_id}")
    assert code == 0
    lines = out.strip().splitlines()
    assert any(
        "\ttester\t" in line and "Party name: (blank) -> Acme Energy Ltd" in line for line in lines
    )
    assert all(f"Party {party_id}: Acme Energy Ltd" in line for line in lines)
    code, out, _ = run(capsys, "--store", url, "audit", "--user", "nobody")
    assert code == 0 and out == ""
    code, _, err = run(capsys, "--store", url, "audit", "--record", "spaceship/1")
    assert code == 1 and "'spaceship' is not a kind of record" in one_line_error(err)


@pytest.mark.parametrize(
    "argv", [[], ["--store", "sqlite:///elsewhere.db"], ["--store=sqlite:///elsewhere.db"]]
)
def test_opening_the_window_reads_the_store_option_as_the_full_parser_does(argv, monkeypatch):
    quick = cli._window_only(argv)
    assert quick is not None
    assert quick.store == cli.build_parser().parse_args(argv).store
    opened = []
    monkeypatch.setattr(cli, "_open_window", lambda args: opened.append(args.store) or 0)
    assert cli.main(argv) == 0
    assert opened == [quick.store]


@pytest.mark.parametrize(
    "argv", [["demo"], ["--help"], ["-h"], ["--version"], ["--store"], ["--store", "x", "db"]]
)
def test_anything_but_opening_the_window_goes_to_the_full_parser(argv):
    assert cli._window_only(argv) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's platform plugin")
@pytest.mark.parametrize(
    ("environment", "missing", "said"),
    [
        ({"DISPLAY": None, "WAYLAND_DISPLAY": None}, False, "there is no desktop"),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": None}, True, "sudo apt install libxcb-cursor0"),
    ],
)
def test_a_window_that_cannot_open_on_linux_is_said_in_one_line(
    capsys, monkeypatch, environment, missing, said
):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    for name, value in environment.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    if missing:

        def no_library(name):
            raise OSError(f"{name}: cannot open shared object file")

        monkeypatch.setattr("secdesk.window_check.ctypes.CDLL", no_library)
    code, _out, err = run(capsys)
    assert code == 1 and said in one_line_error(err)


def test_a_mistyped_store_folder_is_refused_not_made(capsys, tmp_path):
    missing = tmp_path / "no-such-folder" / "store.sqlite3"
    code, _out, err = run(capsys, "--store", f"sqlite:///{missing}", "parties")
    assert code == 1
    assert f"the folder {missing.parent} does not exist" in one_line_error(err)
    assert not missing.parent.exists()


def test_the_inbox_from_the_command_line(capsys, store_url, tmp_path):
    """mail import → list (and --json with its documented keys) → log → dismiss."""
    import json

    from tests.mail.messages import message

    url = store_url.render_as_string(hide_password=False)
    files = []
    for n, subject in enumerate(["Where can I find the SEC?", "Out of office: SEC"]):
        path = tmp_path / f"message{n}.eml"
        path.write_bytes(message(subject=subject).as_bytes())
        files.append(str(path))
    code, out, _ = run(capsys, "--store", url, "mail", "import", *files, files[0])
    assert (
        code == 0
        and out.strip() == "2 added to the inbox, 1 set aside as automatic; 1 already there"
    )
    code, out, _ = run(capsys, "--store", url, "mail", "list", "--json")
    [waiting] = json.loads(out)
    assert set(waiting) == {
        "id",
        "message_id",
        "from_name",
        "from_address",
        "subject",
        "received",
        "state",
        "party",
        "categories",
    }
    assert (waiting["subject"], waiting["state"], waiting["party"]) == (
        "Where can I find the SEC?",
        "new",
        None,
    )
    assert waiting["received"] == "2026-11-02T09:30:00+00:00"  # UK time, with its offset
    code, out, _ = run(
        capsys, "--store", url, "mail", "log", str(waiting["id"]), "--category", "general queries"
    )
    assert code == 0 and out.startswith("Logged as enquiries ")
    code, out, _ = run(capsys, "--store", url, "mail", "list", "--all")
    assert [line.split("\t")[-1] for line in out.strip().splitlines()] == [
        "logged",
        "not an enquiry",
    ] or len(out.strip().splitlines()) == 2
    code, _, err = run(capsys, "--store", url, "mail", "log", "999", "--category", "Other")
    assert code != 0 and "999" in one_line_error(err)
    code, _, err = run(capsys, "--store", url, "mail", "import", str(tmp_path / "x.pdf"))
    assert code != 0 and "is not an e-mail file" in one_line_error(err)
