"""Outlook .msg files for the tests, written by a real library — extract-msg's OleWriter,
the compound-file writer it saves messages with — laid out as Outlook lays out a message
([MS-OXMSG]: one stream a property, a properties stream with the fixed-size ones, a storage
an attachment), not typed byte by byte."""

from __future__ import annotations

import struct
import tempfile
from datetime import UTC, datetime
from pathlib import Path

PT_UNICODE, PT_BINARY, PT_SYSTIME, PT_LONG = 0x001F, 0x0102, 0x0040, 0x0003
READABLE_WRITABLE = 6


def _filetime(when: datetime) -> int:
    return int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10**7)


def _fixed(tag: int, value: int) -> bytes:
    return struct.pack("<IIQ", tag, READABLE_WRITABLE, value)


def _variable(tag: int, size: int) -> bytes:
    return struct.pack("<IIII", tag, READABLE_WRITABLE, size, 0)


def outlook_message(
    *,
    subject: str = "Where can I find the SEC?",
    body: str | None = "Hello,\r\n\r\nWhere is the latest SEC?\r\n\r\nJo",
    html: str | None = None,
    sender_name: str = "Jo Bloggs",
    sender_address: str = "jo.bloggs@albion.example",
    exchange_sender: bool = False,  # the sender as an Exchange directory name
    received: datetime = datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
    message_id: str | None = "<outlook-1@albion.example>",
    headers: str | None = None,  # the internet headers Outlook keeps for outside mail
    attachments: tuple[tuple[str, bytes], ...] = (),
    message_class: str = "IPM.Note",
) -> bytes:
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    strings: dict[int, str] = {0x001A: message_class, 0x0037: subject, 0x0042: sender_name}
    strings[0x0C1A] = sender_name
    if exchange_sender:
        strings[0x0C1F] = "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=JO"
        strings[0x0C1E] = "EX"
        strings[0x5D01] = sender_address
    else:
        strings[0x0C1F] = sender_address
        strings[0x0C1E] = "SMTP"
    if body is not None:
        strings[0x1000] = body
    if message_id:
        strings[0x1035] = message_id
    if headers:
        strings[0x007D] = headers
    properties = bytearray(
        bytes(8) + struct.pack("<IIII", 0, len(attachments), 0, len(attachments))
    )
    properties += bytes(8)
    properties += _fixed(0x0E060000 | PT_SYSTIME, _filetime(received))
    properties += _fixed(0x00390000 | PT_SYSTIME, _filetime(received))
    for prop, text in strings.items():
        data = text.encode("utf-16-le")
        writer.addEntry(f"__substg1.0_{prop:04X}{PT_UNICODE:04X}", data)
        properties += _variable((prop << 16) | PT_UNICODE, len(data) + 2)
    if html is not None:
        data = html.encode("utf-8")
        writer.addEntry(f"__substg1.0_1013{PT_BINARY:04X}", data)
        properties += _variable((0x1013 << 16) | PT_BINARY, len(data))
    writer.addEntry("__properties_version1.0", bytes(properties))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    for index, (name, content) in enumerate(attachments):
        folder = f"__attach_version1.0_#{index:08X}"
        writer.addEntry(folder, storage=True)
        encoded = name.encode("utf-16-le")
        writer.addEntry(f"{folder}/__substg1.0_3707001F", encoded)
        writer.addEntry(f"{folder}/__substg1.0_37010102", content)
        writer.addEntry(
            f"{folder}/__properties_version1.0",
            bytes(8)
            + _fixed((0x3705 << 16) | PT_LONG, 1)  # attached by value
            + _variable(0x3707001F, len(encoded) + 2)
            + _variable(0x37010102, len(content)),
        )
    with tempfile.TemporaryDirectory(prefix="secdesk-msg-") as folder:
        path = Path(folder) / "message.msg"
        writer.write(path)
        return path.read_bytes()
