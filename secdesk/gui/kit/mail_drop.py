"""E-mails dropped on a window: ``.eml`` and ``.msg`` files from a folder, or messages
dragged straight out of Outlook (virtual files: secdesk.mail.outlook_drag)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMimeData

from secdesk.mail.files import SUFFIXES
from secdesk.mail.outlook_drag import CONTENTS_FORMAT, DESCRIPTOR_FORMAT, described_names


@dataclass(frozen=True)
class DroppedMail:
    paths: list[Path] = field(default_factory=list)  # files from a folder
    handed: list[tuple[str, bytes]] = field(default_factory=list)  # Outlook's: (name, bytes)
    # Named by Outlook in the same drag but not handed over: Windows gives a program the
    # first message of a drag only through Qt.
    left_in_outlook: list[str] = field(default_factory=list)


def mail_in(mime: QMimeData) -> DroppedMail | None:
    """The e-mails ``mime`` carries, or None where it carries anything else."""
    if mime.hasFormat(DESCRIPTOR_FORMAT) and mime.hasFormat(CONTENTS_FORMAT):
        names = described_names(bytes(mime.data(DESCRIPTOR_FORMAT).data()))
        contents = bytes(mime.data(CONTENTS_FORMAT).data())
        if not names or not contents:
            return None
        return DroppedMail(handed=[(names[0], contents)], left_in_outlook=names[1:])
    urls = mime.urls() if mime.hasUrls() else []
    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    if paths and len(paths) == len(urls) and all(p.suffix.lower() in SUFFIXES for p in paths):
        return DroppedMail(paths=paths)
    return None
