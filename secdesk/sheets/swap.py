"""Replacing a set of files in a folder as one change.

One rename is atomic, four are not: a publish killed between two renames would leave a mix
of old and new spreadsheets. So new files are written and checked in a hidden staging
folder beside the published ones (same disk, so renames stay renames); the published files
are copied aside; a journal naming the publication is written; the renames are done. The
journal stays until the store has recorded the publication as published (secdesk.sheets.
publication_ledger), and only then is removed: while it is there, whoever next uses the
folder decides, from the store, whether to finish the change or undo it from the copies.
The folder therefore always holds one complete set.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from secdesk.files import replaced_atomically

JOURNAL = ".secdesk-publish.journal"
STAGE_PREFIX = ".secdesk-publish-"
PREVIOUS = "previous"


@dataclass(frozen=True)
class Journal:
    """A change under way (or interrupted): which publication, from which staging folder,
    which files, and which of them were there before (their copies are in the stage)."""

    number: int
    stage: str
    names: list[str]
    existed: list[str]


def new_stage(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=folder))


def _write_atomically(path: Path, text: str) -> None:
    with replaced_atomically(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def replace_files(stage: Path, folder: Path, names: Sequence[str], number: int) -> None:
    """Move ``names`` from ``stage`` into ``folder`` as publication ``number``. The journal
    stays: ``finish`` once the store has recorded it, ``undo`` if it cannot be."""
    previous = stage / PREVIOUS
    previous.mkdir()
    existed = []
    for name in names:
        if (folder / name).exists():
            shutil.copy2(folder / name, previous / name)
            existed.append(name)
    journal = Journal(number, stage.name, list(names), existed)
    _write_atomically(folder / JOURNAL, json.dumps(journal.__dict__))
    for name in names:
        os.replace(stage / name, folder / name)


def read_journal(folder: Path) -> Journal | None:
    """The change interrupted in ``folder``, if any. A journal that cannot be read (a
    crash while it was written leaves none, so this is a damaged disk) counts as none."""
    try:
        entry = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
        return Journal(int(entry["number"]), entry["stage"], entry["names"], entry["existed"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return None


def finish(folder: Path) -> None:
    """The new set counts: forget the journal and the copies of the old one."""
    journal = read_journal(folder)
    (folder / JOURNAL).unlink(missing_ok=True)
    if journal is not None:
        shutil.rmtree(folder / journal.stage, ignore_errors=True)


def undo(folder: Path) -> bool:
    """Put back the set that was there before the journalled change. Returns whether
    there was one to undo."""
    journal = read_journal(folder)
    if journal is None:
        (folder / JOURNAL).unlink(missing_ok=True)
        return False
    previous = folder / journal.stage / PREVIOUS
    for name in journal.names:
        if name in journal.existed:
            # Copies were complete before the journal was written; one already moved
            # back (an undo that was itself interrupted) is not there any more.
            if (previous / name).exists():
                os.replace(previous / name, folder / name)
        else:
            (folder / name).unlink(missing_ok=True)
    (folder / JOURNAL).unlink()
    return True


def clear_stages(folder: Path) -> None:
    """Remove staging folders nobody is using (call with the folder's lock held)."""
    for stage in folder.glob(f"{STAGE_PREFIX}*"):
        shutil.rmtree(stage, ignore_errors=True)
