"""E-mails saved as files (.eml, the format Thunderbird, Apple Mail and Outlook on the web
save, and what a mail server stores) go into the same inbox as those read from a mailbox."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from secdesk.domain.roles import Action
from secdesk.errors import ValidationError
from secdesk.mail.reading import read_message
from secdesk.services import inbox
from secdesk.store.engine import Store

SUFFIXES = (".eml",)
TOO_BIG = 50 * 1024 * 1024  # a message with a large attachment is fine; a disk image is not


def read_files(paths: Sequence[Path]) -> list[inbox.Incoming]:
    """Each file's message; a file that is not an e-mail is refused, naming it, before
    anything is stored."""
    messages = []
    for path in paths:
        if path.suffix.lower() not in SUFFIXES:
            raise ValidationError(
                str(path), f"is not an e-mail file secdesk reads ({', '.join(SUFFIXES)})"
            )
        if path.stat().st_size > TOO_BIG:
            raise ValidationError(str(path), "is larger than 50 MB: not an e-mail")
        data = path.read_bytes()
        if b":" not in data[:4096]:
            raise ValidationError(str(path), "has no e-mail headers")
        messages.append(read_message(data))
    return messages


def import_files(store: Store, paths: Sequence[Path]) -> inbox.Stored:
    """Store the messages of ``paths`` in the inbox (each once), in one transaction, and
    forget unlogged messages past the retention period."""
    store.require(Action.LOG_ENQUIRY)
    messages = read_files(paths)
    source = "file " + (paths[0].name if len(paths) == 1 else f"{len(paths)} files")
    with store.unit_of_work() as session:
        stored = inbox.store_messages(session, messages, source)
        inbox.purge(session)
    return stored
