"""One-click publishing of the four spreadsheets.

All four are made from one consistent read of the register, written and checked in a
staging folder, recorded in the store as a Pending publication (who, when, each file's
SHA-256 and row count, what changed since the last publication), swapped in as one change
(secdesk.sheets.swap), and then recorded as Published; whatever interrupts that is settled
by the next publish or start (secdesk.sheets.publication_ledger). The same summary is saved
beside the files. Publishing with no change writes nothing.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from secdesk import collector
from secdesk.domain import (
    Classification,
    Publication,
    PublicationFile,
    PublicationState,
    SpreadsheetSetting,
)
from secdesk.domain.base import utcnow
from secdesk.domain.lock import PUBLICATION_LOCK
from secdesk.domain.roles import Action
from secdesk.environment import plain_os_error, usable_folder
from secdesk.errors import SecdeskError
from secdesk.services import locks
from secdesk.sheets import publication_ledger as ledger
from secdesk.sheets import swap
from secdesk.sheets.changes import describe_changes
from secdesk.sheets.published_sheets import LAYOUTS
from secdesk.sheets.read_back import verify
from secdesk.sheets.register_snapshot import RegisterSnapshot
from secdesk.sheets.workbook import Edition, write_workbook
from secdesk.store import Store, paths
from secdesk.store.settings import Settings

NOTE_NAME = "What changed.txt"


@dataclass(frozen=True)
class PublishedFile:
    title: str
    file_name: str
    sha256: str
    rows: int
    classification: Classification


@dataclass
class PublishResult:
    folder: Path
    published_at: datetime
    number: int | None = None
    files: list[PublishedFile] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    previous_at: datetime | None = None

    @property
    def nothing_changed(self) -> bool:
        return self.number is None

    def lines(self) -> list[str]:
        if self.nothing_changed:
            when = (
                self.previous_at.astimezone().strftime("%d/%m/%Y %H:%M")
                if self.previous_at
                else "?"
            )
            return [
                f"Nothing has changed since the last publication ({when}); "
                f"nothing was written to {self.folder}."
            ]
        return [
            f"Published {len(self.files)} spreadsheets to {self.folder} "
            f"(publication {self.number}).",
            *self.changes,
        ]


def publish_folder(option: str | Path | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    configured = Settings.load().publish_folder
    return Path(configured).expanduser() if configured else paths.default_publish_folder()


def classifications(session: Session) -> dict[str, Classification]:
    stored = dict(
        session.execute(
            select(SpreadsheetSetting.spreadsheet, SpreadsheetSetting.classification)
        ).all()
    )
    # WHITE may go to anyone; a spreadsheet with no setting is treated as GREEN.
    return {layout.title: stored.get(layout.title, Classification.GREEN) for layout in LAYOUTS}


def _json_cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _snapshot(rows: list[tuple[str, list[Any]]]) -> dict[str, list[Any]]:
    return {identity: [_json_cell(cell) for cell in cells] for identity, cells in rows}


@collector.paused()  # bulk work: see secdesk.collector
def publish(store: Store, folder: Path | None = None) -> PublishResult:
    store.require(Action.PUBLISH)
    folder = publish_folder(folder)
    usable_folder(folder, "The publish folder")
    try:
        return _publish(store, folder)
    except OSError as exc:
        raise plain_os_error(exc, f"publishing to {folder}") from exc


def _publish(store: Store, folder: Path) -> PublishResult:
    with ledger.folder_lock(folder):
        ledger.settle(store, folder)
        result, stage = _pending(store, folder)
        if result.number is None:
            return result
        names = [f.file_name for f in result.files] + [NOTE_NAME]
        try:
            swap.replace_files(stage, folder, names, result.number)
            ledger.mark(store, result.number, PublicationState.PUBLISHED)
        except BaseException:
            _undo(store, folder, result.number)
            raise
        swap.finish(folder)
    return result


def _undo(store: Store, folder: Path, number: int) -> None:
    """The files are not in, or the store could not record that they are: put the
    previous set back, and have the store call the publication Abandoned (now, or when the
    folder is next used, if the store cannot be reached)."""
    # Each step on its own: one failing (a full disk, the store gone) must not stop the
    # others, and whatever is left is settled by the next publish or start.
    with contextlib.suppress(OSError):
        ledger.remember_abandoned(folder, number)
    with contextlib.suppress(OSError):
        swap.undo(folder)
        swap.clear_stages(folder)
    try:
        ledger.mark(store, number, PublicationState.ABANDONED)
    except (SecdeskError, SQLAlchemyError):
        return  # the marker stays for the next publish or start to settle
    (folder / ledger.ABANDONED).unlink(missing_ok=True)


def _pending(store: Store, folder: Path) -> tuple[PublishResult, Path]:
    """Make the new set in a staging folder and commit it to the store as Pending: its
    number, and each file's hash. Nothing is in the published folder yet."""
    now = utcnow()
    result = PublishResult(folder=folder, published_at=now)
    stage = folder
    with store.unit_of_work() as session:
        # One publish at a time: the next number and "what changed" depend on the last.
        locks.take(session, PUBLICATION_LOCK)
        previous = session.scalar(
            select(Publication)
            .options(selectinload(Publication.files))
            .where(Publication.state == PublicationState.PUBLISHED)
            .order_by(Publication.number.desc())
            .limit(1)
        )
        levels = classifications(session)
        register = RegisterSnapshot(session)
        data = {layout.key: layout.rows(register) for layout in LAYOUTS}
        snapshots = {layout.title: _snapshot(data[layout.key]) for layout in LAYOUTS}
        before = (
            {f.spreadsheet: json.loads(f.snapshot) for f in previous.files} if previous else None
        )
        changes = describe_changes(LAYOUTS, before, snapshots)
        if previous is not None and not changes:
            result.previous_at = previous.published_at
            return result, stage
        # A number is never used twice, not even one whose publication was abandoned.
        number = (session.scalar(select(func.max(Publication.number))) or 0) + 1
        note = _note(now, store.user, number, changes)
        stage = swap.new_stage(folder)
        try:
            for layout in LAYOUTS:
                rows = [cells for _, cells in data[layout.key]]
                level = levels[layout.title]
                path = stage / layout.file_name
                edition = Edition(level, now, f"Publication {number}")
                write_workbook(path, layout, rows, edition)
                verify(path, layout, len(rows), level)
                digest = ledger.sha256(path)
                result.files.append(
                    PublishedFile(layout.title, layout.file_name, digest, len(rows), level)
                )
            (stage / NOTE_NAME).write_text("\n".join(note) + "\n", encoding="utf-8")
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)  # a full disk leaves nothing behind
            raise
        session.add(
            Publication(
                number=number,
                published_at=now,
                published_by=store.user,
                folder=str(folder),
                state=PublicationState.PENDING,
                changes="\n".join(changes),
                files=[
                    PublicationFile(
                        spreadsheet=f.title,
                        file_name=f.file_name,
                        sha256=f.sha256,
                        row_count=f.rows,
                        classification=f.classification,
                        snapshot=json.dumps(snapshots[f.title]),
                    )
                    for f in result.files
                ],
            )
        )
        result.number = number
        result.changes = changes
    return result, stage


def _note(now: datetime, user: str, number: int, changes: list[str]) -> list[str]:
    when = now.astimezone().strftime("%d/%m/%Y %H:%M")
    return [f"SEC spreadsheets, publication {number}, published {when} by {user}", "", *changes]


@dataclass(frozen=True)
class PublicationSummary:
    number: int
    published_at: datetime
    published_by: str
    folder: str
    rows: int
    changes: str
    state: PublicationState


def recent_publications(session: Session, limit: int = 50) -> list[PublicationSummary]:
    """The latest publications, newest first, with their total row count."""
    query = (
        select(Publication)
        .options(selectinload(Publication.files))
        .order_by(Publication.number.desc())
        .limit(limit)
    )
    return [
        PublicationSummary(
            p.number,
            p.published_at,
            p.published_by,
            p.folder,
            sum(f.row_count for f in p.files),
            p.changes,
            p.state,
        )
        for p in session.scalars(query)
    ]
