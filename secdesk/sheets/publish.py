"""One-click publishing of the four spreadsheets.

All four are made from one consistent read of the register, written and checked in a
staging folder, then swapped in as one change (secdesk.sheets.swap). A Publication records
who, when, each file's SHA-256 and row count, and what changed since the last publication;
the same summary is saved beside the files. Publishing with no change writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from secdesk import collector
from secdesk.domain import Classification, Publication, PublicationFile, SpreadsheetSetting
from secdesk.domain.base import utcnow
from secdesk.domain.lock import PUBLICATION_LOCK
from secdesk.services import locks
from secdesk.sheets import swap
from secdesk.sheets.changes import describe_changes
from secdesk.sheets.layouts import LAYOUTS
from secdesk.sheets.read_back import verify
from secdesk.sheets.register_view import RegisterView
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@collector.paused()  # bulk work: see secdesk.collector
def publish(store: Store, folder: Path | None = None) -> PublishResult:
    folder = publish_folder(folder)
    swap.recover(folder)
    now = utcnow()
    result = PublishResult(folder=folder, published_at=now)
    with store.unit_of_work() as session:
        # One publish at a time: the next number and "what changed" depend on the last.
        locks.take(session, PUBLICATION_LOCK)
        previous = session.scalar(
            select(Publication)
            .options(selectinload(Publication.files))
            .order_by(Publication.number.desc())
            .limit(1)
        )
        levels = classifications(session)
        register = RegisterView(session)
        data = {layout.key: layout.rows(register) for layout in LAYOUTS}
        snapshots = {layout.title: _snapshot(data[layout.key]) for layout in LAYOUTS}
        before = (
            {f.spreadsheet: json.loads(f.snapshot) for f in previous.files} if previous else None
        )
        changes = describe_changes(LAYOUTS, before, snapshots)
        if previous is not None and not changes:
            result.previous_at = previous.published_at
            return result
        number = (previous.number if previous else 0) + 1
        publication = Publication(
            number=number, published_at=now, published_by=store.user, folder=str(folder)
        )
        session.add(publication)
        note = _note(now, store.user, number, changes)
        stage = swap.new_stage(folder)
        for layout in LAYOUTS:
            rows = [cells for _, cells in data[layout.key]]
            level = levels[layout.title]
            path = stage / layout.file_name
            write_workbook(path, layout, rows, Edition(level, now, f"Publication {number}"))
            verify(path, layout, len(rows), level)
            result.files.append(
                PublishedFile(layout.title, layout.file_name, _sha256(path), len(rows), level)
            )
        (stage / NOTE_NAME).write_text("\n".join(note) + "\n", encoding="utf-8")
        swap.replace_files(stage, folder, [f.file_name for f in result.files] + [NOTE_NAME])
        publication.changes = "\n".join(changes)
        publication.files = [
            PublicationFile(
                spreadsheet=f.title,
                file_name=f.file_name,
                sha256=f.sha256,
                row_count=f.rows,
                classification=f.classification,
                snapshot=json.dumps(snapshots[f.title]),
            )
            for f in result.files
        ]
        result.number = number
        result.changes = changes
    return result


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
        )
        for p in session.scalars(query)
    ]
