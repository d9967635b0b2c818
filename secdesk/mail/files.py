"""E-mails saved as files go into the same inbox as those read from a mailbox: ``.eml``
(what Thunderbird, Apple Mail and Outlook on the web save, and what a mail server stores)
and Outlook's ``.msg`` — from a folder, or handed over by Outlook itself when a message is
dragged out of it (secdesk.mail.outlook_drag). What a file holds decides how it is read,
not its name: Outlook names what it hands over after the subject."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from secdesk.domain.roles import Action
from secdesk.errors import ValidationError
from secdesk.mail.outlook import is_outlook_message, read_outlook_message
from secdesk.mail.reading import read_message
from secdesk.services import inbox
from secdesk.store.engine import Store

SUFFIXES = (".eml", ".msg")
TOO_BIG = 50 * 1024 * 1024  # a message with a large attachment is fine; a disk image is not


def read_bytes(name: str, data: bytes) -> inbox.Incoming:
    """The message in ``data``; ``name`` (a file's) says which in a refusal."""
    if len(data) > TOO_BIG:
        raise ValidationError(name, "is larger than 50 MB: not an e-mail")
    if is_outlook_message(data):
        return read_outlook_message(data, name)
    if b":" not in data[:4096]:
        raise ValidationError(name, "has no e-mail headers: it is not an e-mail")
    return read_message(data)


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
        messages.append(read_bytes(str(path), path.read_bytes()))
    return messages


def import_messages(store: Store, messages: Sequence[inbox.Incoming], source: str) -> inbox.Stored:
    """Store ``messages`` in the inbox (each once), in one transaction, and forget unlogged
    messages past the retention period."""
    store.require(Action.LOG_ENQUIRY)
    with store.unit_of_work() as session:
        stored = inbox.store_messages(session, messages, source)
        inbox.purge(session)
    return stored


def import_files(store: Store, paths: Sequence[Path]) -> inbox.Stored:
    store.require(Action.LOG_ENQUIRY)
    source = "file " + (paths[0].name if len(paths) == 1 else f"{len(paths)} files")
    return import_messages(store, read_files(paths), source)
