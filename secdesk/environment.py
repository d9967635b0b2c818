"""Faults of the machine, not of secdesk — a full disk, a folder that cannot be written, a
path that is a file, a damaged file — said in plain words with what to do. Every command
and the window pass an OSError through ``plain_os_error`` rather than report it as a bug.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from secdesk.errors import SecdeskError


class EnvironmentFault(SecdeskError):
    """The machine stopped secdesk (disk, permissions, network drive): nothing of secdesk's
    to fix. The message says what happened and what to do."""


_WHAT_TO_DO = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "your disk quota is used up; free some space and try again",
    errno.EACCES: "you may not write there; check its permissions or choose another place",
    errno.EPERM: "you may not write there; check its permissions or choose another place",
    errno.EROFS: "the disk is read-only; choose a place you can write to",
    errno.ENOTDIR: "part of that path is a file, not a folder; choose a folder",
    errno.EISDIR: "that is a folder, not a file; give a file name",
    errno.ENOENT: "it does not exist (was a drive disconnected?)",
    errno.EIO: "the disk or network drive failed to read or write; check it and try again",
    errno.ENAMETOOLONG: "the path is too long; choose a shorter one",
    errno.EEXIST: "something is already there by that name (a file where a folder belongs?)",
    errno.EBUSY: "another program is using it; close that program and try again",
}


def plain_os_error(exc: OSError, doing: str) -> EnvironmentFault:
    """``exc`` as a message a person can act on; ``doing`` says what secdesk was doing
    ("writing the publish folder C:\\SEC")."""
    where = exc.filename or ""
    advice = _WHAT_TO_DO.get(exc.errno or 0)
    if advice is None:
        advice = f"the system said: {exc.strerror or exc}"
        if getattr(exc, "winerror", None) == 32:  # a file open in Excel, on Windows
            advice = "the file is open in another program (Excel?); close it and try again"
    location = f" ({where})" if where and str(where) not in doing else ""
    return EnvironmentFault(f"could not finish {doing}{location}: {advice}")


def usable_folder(folder: Path, label: str) -> None:
    """``folder`` exists (made if need be) and can be written, or an EnvironmentFault
    naming ``label`` and saying what is wrong."""
    if folder.exists() and not folder.is_dir():
        raise EnvironmentFault(f"{label} {folder} is a file, not a folder; choose a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise EnvironmentFault(
            f"{label} {folder} cannot be made: part of that path is a file, not a folder"
        ) from None
    except OSError as exc:
        raise plain_os_error(exc, f"making {label.lower()} {folder}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise EnvironmentFault(
            f"{label} {folder} cannot be written; check its permissions or choose another folder"
        )
