"""A message dragged straight out of Outlook on Windows is not a file: Outlook hands over
"virtual files" — a FILEGROUPDESCRIPTORW naming each (``Subject.msg``) and their bytes in
the FileContents format. Qt passes both on under these names; this reads the names (the
bytes are an ordinary .msg, read by secdesk.mail.outlook)."""

from __future__ import annotations

import struct

DESCRIPTOR_FORMAT = 'application/x-qt-windows-mime;value="FileGroupDescriptorW"'
CONTENTS_FORMAT = 'application/x-qt-windows-mime;value="FileContents"'

# FILEDESCRIPTORW (shlobj_core.h): flags, CLSID, SIZEL, POINTL, attributes, three FILETIMEs,
# the size's high and low words, then the name: 260 UTF-16 code units.
_ENTRY = struct.Struct("<I16s8s8sI8s8s8sII520s")
_COUNT = struct.Struct("<I")


def described_names(descriptor: bytes) -> list[str]:
    """The file names a FILEGROUPDESCRIPTORW lists, in order; as many as its bytes hold
    (a descriptor cut short names the files it has room for)."""
    if len(descriptor) < _COUNT.size:
        return []
    (count,) = _COUNT.unpack_from(descriptor)
    names = []
    for index in range(count):
        offset = _COUNT.size + index * _ENTRY.size
        if offset + _ENTRY.size > len(descriptor):
            break
        raw_name = _ENTRY.unpack_from(descriptor, offset)[-1]
        name = raw_name.decode("utf-16-le", "replace").split("\x00", 1)[0].strip()
        names.append(name or f"message {index + 1}.msg")
    return names


def descriptor_for(names: list[str]) -> bytes:
    """A FILEGROUPDESCRIPTORW naming ``names`` (as Outlook makes one: for tests and for
    handing messages on)."""
    entries = b"".join(
        _ENTRY.pack(
            0x40,  # FD_UNICODE… flags Outlook sets; only the name is read
            bytes(16),
            bytes(8),
            bytes(8),
            0,
            bytes(8),
            bytes(8),
            bytes(8),
            0,
            0,
            name.encode("utf-16-le")[:518].ljust(520, b"\x00"),
        )
        for name in names
    )
    return _COUNT.pack(len(names)) + entries
