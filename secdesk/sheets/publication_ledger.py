"""The store and the publish folder kept in agreement, whatever stops a publish part-way.

A publication is committed as Pending (its number and its files' hashes) before its files
go into the folder, and marked Published once they are all there. Whoever next uses the
folder (the next publish, or secdesk starting) settles anything left over:

- a change still journalled in the folder (secdesk.sheets.swap) is finished if the folder
  holds exactly the publication's files, and otherwise undone from the copies;
- a Pending publication the folder holds becomes Published; one it does not hold (the
  swap never began, or was undone) becomes Abandoned, and its number is never used again;
- a publication a publish undid while the store could not be told (the network went) is
  named in a marker file, and becomes Abandoned.

So the folder always holds the set of the latest publication the store calls Published.
Two publishes into one folder take turns under a lock file that the operating system
releases if the process dies.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from secdesk.domain import Publication, PublicationState
from secdesk.domain.lock import PUBLICATION_LOCK
from secdesk.errors import StoreError
from secdesk.services import locks
from secdesk.sheets import swap
from secdesk.store import Store

LOCK = ".secdesk-publish.lock"
JOURNAL_NAME = swap.JOURNAL
ABANDONED = ".secdesk-publish.abandoned"
LOCK_WAIT_SECONDS = 600  # a publish of the 10,000-Party register takes under a minute


@contextmanager
def folder_lock(folder: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold ``folder`` for one publish; another waits its turn (up to ``wait`` seconds)."""
    lock = FileLock(folder / LOCK, timeout=wait)
    try:
        lock.acquire()
        _hidden(folder / LOCK)
    except Timeout:
        raise StoreError(
            f"another publish into {folder} has been under way for {LOCK_WAIT_SECONDS // 60} "
            "minutes; try again when it has finished"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _hidden(path: Path) -> None:
    """Hide the lock file in Explorer, as its leading dot hides it elsewhere."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)  # FILE_ATTRIBUTE_HIDDEN


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def holds(folder: Path, publication: Publication) -> bool:
    """Whether ``folder`` holds exactly this publication's files."""
    for file in publication.files:
        path = folder / file.file_name
        if not path.is_file() or sha256(path) != file.sha256:
            return False
    return bool(publication.files)


def _same_folder(recorded: str, folder: Path) -> bool:
    try:
        return Path(recorded).expanduser().resolve() == folder.resolve()
    except OSError:
        return False


def _by_number(session: Session, number: int) -> Publication | None:
    query = select(Publication).options(selectinload(Publication.files))
    return session.scalar(query.where(Publication.number == number))


def remember_abandoned(folder: Path, number: int) -> None:
    """Name a publication whose swap was undone while the store could not be told."""
    numbers = set(_abandoned(folder)) | {number}
    (folder / ABANDONED).write_text(json.dumps(sorted(numbers)), encoding="utf-8")


def _abandoned(folder: Path) -> list[int]:
    try:
        return [int(n) for n in json.loads((folder / ABANDONED).read_text(encoding="utf-8"))]
    except FileNotFoundError:
        return []
    except (ValueError, TypeError):
        return []


def mark(store: Store, number: int, state: PublicationState) -> None:
    with store.unit_of_work() as session:
        publication = _by_number(session, number)
        if publication is not None:
            publication.state = state


def settle_folder(store: Store, folder: Path, wait: float = LOCK_WAIT_SECONDS) -> list[str]:
    """``settle`` under the folder's lock (at start-up: a publish settles as it begins).
    Nothing to do if a publish holds the folder beyond ``wait``: it settles it itself."""
    left_over = (
        (folder / JOURNAL_NAME).exists()
        or (folder / ABANDONED).exists()
        or any(folder.glob(f"{swap.STAGE_PREFIX}*"))
    )
    if not left_over and not _has_pending(store):
        return []
    try:
        with folder_lock(folder, wait):
            return settle(store, folder)
    except StoreError:
        if wait >= LOCK_WAIT_SECONDS:
            raise
        return []


def _has_pending(store: Store) -> bool:
    with store.session() as session:
        query = select(Publication.id).where(Publication.state == PublicationState.PENDING)
        return session.scalar(query.limit(1)) is not None


def settle(store: Store, folder: Path) -> list[str]:
    """Finish or undo whatever an interrupted publish left in ``folder`` and in the store
    (call with the folder's lock held). Returns what it did, in words."""
    done: list[str] = []
    journal = swap.read_journal(folder)
    abandoned = _abandoned(folder)
    finished = False
    with store.unit_of_work() as session:
        locks.take(session, PUBLICATION_LOCK)
        if journal is not None:
            publication = _by_number(session, journal.number)
            if (
                publication is not None
                and publication.state is not PublicationState.ABANDONED
                and journal.number not in abandoned
                and holds(folder, publication)
            ):
                publication.state = PublicationState.PUBLISHED
                finished = True
                done.append(f"Publication {journal.number}, interrupted, was completed.")
            else:
                swap.undo(folder)
                if publication is not None:
                    publication.state = PublicationState.ABANDONED
                done.append(
                    f"Publication {journal.number}, interrupted, was undone: the folder "
                    "holds the previous set again."
                )
        for number in abandoned:
            publication = _by_number(session, number)
            if publication is not None:
                publication.state = PublicationState.ABANDONED
        pending = session.scalars(
            select(Publication)
            .options(selectinload(Publication.files))
            .where(Publication.state == PublicationState.PENDING)
        )
        for publication in pending:
            if not _same_folder(publication.folder, folder):
                continue
            if holds(folder, publication):
                publication.state = PublicationState.PUBLISHED
                done.append(f"Publication {publication.number}, interrupted, was completed.")
            else:
                publication.state = PublicationState.ABANDONED
                done.append(f"Publication {publication.number} was not completed; abandoned.")
    if finished:
        swap.finish(folder)
    (folder / ABANDONED).unlink(missing_ok=True)
    swap.clear_stages(folder)
    return done
