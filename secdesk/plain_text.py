"""Text as a person sees it: the one way every field rule, and the import, reads a typed
value or a cell before checking it."""

from __future__ import annotations

import unicodedata
from typing import Any


class _Invisible(dict[int, Any]):
    """Invisible characters that arrive with pasted text (zero-width spaces and joiners, the
    byte-order mark, soft hyphens, direction marks: Unicode's "format" characters) → nothing;
    every kind of space → a plain space. Each character is looked up the first time it is
    seen, not the whole of Unicode before the first name is read."""

    def __missing__(self, code: int) -> Any:
        category = unicodedata.category(chr(code))
        if category == "Cf":
            value: Any = None
        elif category == "Zs" and code != 0x20:
            value = " "
        else:
            value = code
        self[code] = value
        return value


_INVISIBLE = _Invisible()


def visible_text(text: str) -> str:
    """Text as a person sees it: invisible characters dropped, every kind of space (the
    non-breaking one Excel and web pages paste) a plain space, accents composed. Two names
    that look identical are then the same name, typed or imported."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text.translate(_INVISIBLE))


def plain(value: Any) -> str:
    """A value as trimmed, visible text ("" for nothing); a whole number read as a float
    from a spreadsheet cell is written without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # A number cell from a spreadsheet (company numbers, organisation numbers).
        value = int(value)
    return visible_text(str(value)).strip()
