"""Replacing a set of files in a folder as one change.

One rename is atomic, four are not: a publish killed between two renames would leave a mix
of old and new spreadsheets. So new files are written and checked in a hidden staging
folder beside the published ones (same disk, so renames stay renames); the published files
are copied aside; a journal is written; the renames are done; and removing the journal is
the moment the new set counts. If the journal is still there when the folder is next used,
the interrupted change is undone from the copies: the folder always holds one complete set.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from secdesk.files import replaced_atomically

JOURNAL = ".secdesk-publish.journal"
STAGE_PREFIX = ".secdesk-publish-"
PREVIOUS = "previous"


def new_stage(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=folder))


def _write_atomically(path: Path, text: str) -> None:
    with replaced_atomically(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def replace_files(stage: Path, folder: Path, names: Sequence[str]) -> None:
    """Move ``names`` from ``stage`` into ``folder`` as one change."""
    previous = stage / PREVIOUS
    previous.mkdir()
    existed = []
    for name in names:
        if (folder / name).exists():
            shutil.copy2(folder / name, previous / name)
            existed.append(name)
    _write_atomically(
        folder / JOURNAL,
        json.dumps({"stage": stage.name, "names": list(names), "existed": existed}),
    )
    for name in names:
        os.replace(stage / name, folder / name)
    (folder / JOURNAL).unlink()  # the new set now counts
    shutil.rmtree(stage, ignore_errors=True)


def recover(folder: Path) -> bool:
    """Undo a change that was interrupted, and clear away abandoned staging folders.
    Returns whether anything had to be undone."""
    if not folder.is_dir():
        return False
    undone = False
    journal = folder / JOURNAL
    if journal.exists():
        entry = json.loads(journal.read_text(encoding="utf-8"))
        previous = folder / entry["stage"] / PREVIOUS
        for name in entry["names"]:
            if name in entry["existed"]:
                # Copies were complete before the journal was written; one already moved
                # back (a recovery that was itself interrupted) is not there any more.
                if (previous / name).exists():
                    os.replace(previous / name, folder / name)
            else:
                (folder / name).unlink(missing_ok=True)
        journal.unlink()
        undone = True
    for stage in folder.glob(f"{STAGE_PREFIX}*"):
        shutil.rmtree(stage, ignore_errors=True)
    return undone
