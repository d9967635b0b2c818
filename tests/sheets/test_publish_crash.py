"""A publish killed at any point: when the folder is next used, it holds the set of the
latest publication the store calls Published, nothing is left Pending, no number is used
twice, and nothing is left behind. Each crash point kills a real child process (SIGKILL),
on both stores."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from secdesk.domain import Publication, PublicationState
from secdesk.services import parties
from secdesk.sheets import publication_ledger as ledger
from secdesk.sheets import swap
from secdesk.sheets.publish import publish
from tests.sheets.test_publish import hashes

ROOT = Path(__file__).resolve().parents[2]

KILLER = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from sqlalchemy.engine import make_url
from secdesk.store.engine import Store
from secdesk.sheets import publish
from secdesk.sheets import swap
from secdesk.sheets import publication_ledger as ledger
target, module, name, fatal_call = {target!r}, {module!r}, {name!r}, {fatal!r}
owner = {{"publish": publish, "os": os, "swap": swap, "ledger": ledger}}[module]
real, calls = getattr(owner, name), []
def dying(*args, **kwargs):
    calls.append(args)
    if len(calls) == fatal_call:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(owner, name, dying)
publish.publish(Store(make_url({url!r}), user="killed"), Path(target))
"""


def publish_and_die(store, folder, module, name, fatal_call):
    code = KILLER.format(
        root=str(ROOT),
        target=str(folder),
        module=module,
        name=name,
        fatal=fatal_call,
        url=store.url.render_as_string(hide_password=False),
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=300,
    )
    assert result.returncode == -9, result.stderr[-2000:]


def changed_register(store):
    with store.unit_of_work() as session:
        parties.create_party(session, {"name": "Late Arrival Ltd", "category": "Other"})


def publications(store) -> dict[int, Publication]:
    with store.session() as session:
        query = select(Publication).options(selectinload(Publication.files))
        return {p.number: p for p in session.scalars(query)}


def spreadsheets(folder: Path) -> dict[str, str]:
    return {name: digest for name, digest in hashes(folder).items() if name.endswith(".xlsx")}


def assert_settled(store, folder: Path) -> Publication:
    """The folder holds the latest Published publication, and nothing is left over."""
    recorded = publications(store)
    assert not [p for p in recorded.values() if p.state is PublicationState.PENDING]
    latest = max(
        (p for p in recorded.values() if p.state is PublicationState.PUBLISHED),
        key=lambda p: p.number,
    )
    assert spreadsheets(folder) == {f.file_name: f.sha256 for f in latest.files}
    assert not (folder / swap.JOURNAL).exists()
    assert not (folder / ledger.ABANDONED).exists()
    assert not list(folder.glob(f"{swap.STAGE_PREFIX}*"))
    return latest


# Where the child dies, and which publication the folder then holds: 1 (the one before)
# or 2 (the one that was under way).
CRASH_POINTS = {
    "while writing the new set": (("publish", "write_workbook", 3), 1),
    "after recording it pending, before the swap": (("swap", "_write_atomically", 1), 1),
    "between two renames": (("os", "replace", 3), 1),
    "after the renames, before recording it published": (("ledger", "mark", 1), 2),
    "after recording it published, before tidying up": (("swap", "finish", 1), 2),
}


@pytest.mark.slow
@pytest.mark.parametrize("point", list(CRASH_POINTS))
def test_a_publish_killed_anywhere_is_settled_when_the_folder_is_next_used(
    register, tmp_path, point
):
    (module, name, call), holds = CRASH_POINTS[point]
    folder = tmp_path / "Published"
    publish(register, folder)
    first = spreadsheets(folder)
    changed_register(register)
    publish_and_die(register, folder, module, name, call)
    if holds == 1 and point != "between two renames":
        assert spreadsheets(folder) == first  # untouched, even before anything is settled

    ledger.settle_folder(register, folder)  # what secdesk does when it starts
    latest = assert_settled(register, folder)
    assert latest.number == holds
    if holds == 1:
        assert spreadsheets(folder) == first
    recorded = publications(register)
    if 2 in recorded:
        assert recorded[2].state in (PublicationState.PUBLISHED, PublicationState.ABANDONED)

    # The next publish never reuses a number, and leaves the folder settled again.
    changed_register_again(register)
    result = publish(register, folder)
    assert result.number == max(recorded) + 1
    assert assert_settled(register, folder).number == result.number


def changed_register_again(store):
    with store.unit_of_work() as session:
        parties.create_party(session, {"name": "Later Still Ltd", "category": "Other"})


@pytest.mark.slow
def test_the_next_publish_settles_a_killed_one_itself(register, tmp_path):
    folder = tmp_path / "Published"
    publish(register, folder)
    changed_register(register)
    publish_and_die(register, folder, "os", "replace", 3)  # a mixed set, journalled
    assert (folder / swap.JOURNAL).exists()
    result = publish(register, folder)
    assert result.number == 3  # 2 was abandoned, never reused
    assert publications(register)[2].state is PublicationState.ABANDONED
    assert assert_settled(register, folder).number == 3


def test_two_publishes_into_one_folder_take_turns(register, tmp_path):
    folder = tmp_path / "Published"
    folder.mkdir()
    outcome: dict[str, object] = {}

    def second() -> None:
        try:
            outcome["result"] = publish(register, folder)
        except BaseException as exc:
            outcome["result"] = exc

    with ledger.folder_lock(folder):  # a publish under way in another process
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(1.0)
        assert thread.is_alive()  # waiting its turn, not racing
        assert spreadsheets(folder) == {}
        assert list(folder.glob(f"{swap.STAGE_PREFIX}*")) == []
    thread.join(60)
    assert getattr(outcome["result"], "number", None) == 1, outcome
    assert_settled(register, folder)


def test_a_publish_that_cannot_record_its_files_puts_the_previous_set_back(
    register, tmp_path, monkeypatch
):
    """The store goes away after the swap (the network dropped): the previous set is put
    back at once, and the store learns the publication was abandoned when it can."""
    folder = tmp_path / "Published"
    publish(register, folder)
    first = spreadsheets(folder)
    changed_register(register)
    from secdesk.errors import StoreError

    def unreachable(*_args, **_kwargs):
        raise StoreError("cannot reach the PostgreSQL store")

    monkeypatch.setattr(ledger, "mark", unreachable)
    with pytest.raises(StoreError, match="cannot reach"):
        publish(register, folder)
    assert spreadsheets(folder) == first
    assert (folder / ledger.ABANDONED).exists()
    assert publications(register)[2].state is PublicationState.PENDING
    monkeypatch.undo()
    ledger.settle_folder(register, folder)
    assert publications(register)[2].state is PublicationState.ABANDONED
    assert assert_settled(register, folder).number == 1
