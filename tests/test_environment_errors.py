"""Every command, given bad arguments or a bad environment, says what is wrong in plain
words and what to do: never "unexpected error", never "please report", never a traceback,
and nothing half-done left behind. One row a case; add a row for each new one found."""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from secdesk import cli
from secdesk.store import paths
from tests.sheets.test_export import SPEC_HEADERS


def disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def settings(data: object) -> None:
    path = paths.config_dir() / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def a_file(tmp: Path) -> Path:
    path = tmp / "notes.txt"
    path.write_text("not a folder", encoding="utf-8")
    return path


def demo() -> None:
    assert cli.main(["demo", "--enquiries", "0"]) == 0


def bad_parties_list(tmp: Path) -> Path:
    book = Workbook()
    book.active.append(SPEC_HEADERS["SEC Parties List.xlsx"])
    book.active.append(["Acme Ltd", "Not a category", None, "Party", "01/02/2019"])
    path = tmp / "parties.xlsx"
    book.save(path)
    return path


def newer_store(tmp: Path) -> str:
    url = f"sqlite:///{tmp / 'newer.sqlite3'}"
    assert cli.main(["--store", url, "parties"]) == 0
    with sqlite3.connect(tmp / "newer.sqlite3") as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    return url


@dataclass(frozen=True)
class Case:
    # Prepares the environment (tmp folder, monkeypatch) and returns the command's arguments.
    argv: Callable[[Path, pytest.MonkeyPatch], list[str]]
    says: str
    exit_code: int = cli.EXIT_ERROR


CASES = {
    "publish --to a file": Case(
        lambda tmp, mp: ["publish", "--to", str(a_file(tmp))], "is a file, not a folder"
    ),
    "publish --to a folder under a file": Case(
        lambda tmp, mp: ["publish", "--to", str(a_file(tmp) / "sub")], "a file, not a folder"
    ),
    "publish onto a full disk": Case(
        lambda tmp, mp: (
            demo(),
            mp.setattr("secdesk.sheets.publish.write_workbook", disk_full),
            ["publish", "--to", str(tmp / "Published")],
        )[-1],
        "the disk is full; free some space",
    ),
    "import --errors into a file": Case(
        lambda tmp, mp: ["import", str(bad_parties_list(tmp)), "--errors", str(a_file(tmp))],
        "is a file, not a folder",
    ),
    "import --errors onto a full disk": Case(
        lambda tmp, mp: (
            bad := bad_parties_list(tmp),
            mp.setattr("openpyxl.workbook.workbook.Workbook.save", disk_full),
            ["import", str(bad), "--errors", str(tmp / "errors")],
        )[-1],
        "the disk is full; free some space",
    ),
    "settings file holding a number": Case(
        lambda tmp, mp: (settings(42), ["parties"])[-1], "settings file"
    ),
    "settings file holding a list": Case(
        lambda tmp, mp: (settings(["a"]), ["parties"])[-1], "holds list data"
    ),
    "settings file with a number for the store": Case(
        lambda tmp, mp: (settings({"store_url": 5}), ["parties"])[-1], "must be text"
    ),
    "a store made by a newer secdesk": Case(
        lambda tmp, mp: ["--store", newer_store(tmp), "parties"], "upgrade secdesk"
    ),
    "a URL whose port is not a number": Case(
        lambda tmp, mp: ["--store", "postgresql://someone@host:abc/db", "parties"],
        "port in 'postgresql://someone@host:abc/db' is not a number",
    ),
    "changes show with a huge number": Case(
        lambda tmp, mp: ["changes", "show", "99999999999999999999"],
        "too large",
        cli.EXIT_USAGE,
    ),
    "audit of a huge record number": Case(
        lambda tmp, mp: ["audit", "--record", "party/99999999999999"], "too large"
    ),
    "report --out under a file": Case(
        lambda tmp, mp: ["report", "uep", "--out", str(a_file(tmp) / "uep.xlsx")],
        "a file where a folder belongs",
    ),
    "report --out where nothing can be written": Case(
        lambda tmp, mp: ["report", "uep", "--out", "/proc/secdesk-report.xlsx"],
        "(/proc/secdesk-report.xlsx)",
    ),
    "membership list --out where nothing can be written": Case(
        lambda tmp, mp: ["membership", "list", "--out", "/proc/secdesk-history.csv"],
        "could not finish writing /proc/secdesk-history.csv",
    ),
    "a store path that is a folder": Case(
        lambda tmp, mp: ["--store", f"sqlite:///{tmp}", "parties"], "cannot be opened"
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_argument_or_environment_is_said_in_plain_words(name, tmp_path, monkeypatch, capsys):
    case = CASES[name]
    argv = case.argv(tmp_path, monkeypatch)
    capsys.readouterr()
    if case.exit_code == cli.EXIT_USAGE:
        with pytest.raises(SystemExit) as stopped:
            cli.main(argv)
        code = stopped.value.code
    else:
        code = cli.main(argv)
    err = capsys.readouterr().err
    assert code == case.exit_code, err
    assert case.says in err, err
    for never in ("unexpected error", "Please report", "Traceback", ".tmp-"):
        assert never not in err, err
    # Nothing half-done: no staging folder or half-written copy left anywhere.
    assert not list(tmp_path.rglob(".secdesk-publish-*"))
    assert not list(tmp_path.rglob(".tmp-*"))


def test_a_full_disk_under_the_store_is_said_in_plain_words():
    from sqlalchemy.exc import OperationalError

    from secdesk.store import dberrors

    full = OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))
    message = str(dberrors.translate(full))
    assert "full" in message and "free some space" in message
