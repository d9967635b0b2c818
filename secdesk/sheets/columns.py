"""One spreadsheet column, declared once for both directions.

A Column says what its header is, how to get its value from a register record, what kind of
cell it is (text, date, a `; `-separated list, Y/N, a whole number), how to read a cell back
(with the same field rule the editors use) and how wide it is. The exporter and the importer
both read these declarations, so they cannot drift apart.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from secdesk import validate as v
from secdesk import xlsx
from secdesk.errors import ValidationError

LIST_SEPARATOR = "; "
LIST_SPLIT = r"[;\n]"
CODES_SPLIT = r"[;,\n]"
# "Electricity Supply: ES-1, Gas Supply: GS-1": a comma before the next "TYPE:" ends an item.
TYPED_ITEMS_SPLIT = r"[;\n]|,\s*(?=[^,;:\n]+:)"
DATE_FORMAT = xlsx.DATE_FORMAT


class Kind(enum.Enum):
    TEXT = "text"
    DATE = "date"
    LIST = "list"
    YES_NO = "yes/no"
    NUMBER = "number"


@dataclass(frozen=True, eq=False)  # one declaration, one column: hashed as itself
class Column:
    header: str
    get: Callable[[Any], Any]
    kind: Kind = Kind.TEXT
    # Reads a non-blank cell (for a list: one item) into the value to store; raises
    # ValidationError. None: the column is published but not read back (derived values).
    parse: Callable[[Any, str], Any] | None = None
    # The key the importer files the parsed value under (usually a service field).
    field: str | None = None
    width: float = 18
    # Shown on export as-is (display form of a stored value), e.g. GB VAT spacing.
    show: Callable[[Any], Any] | None = None
    # Other names the register gives what this column carries, so an error the services
    # raise ("Registered postcode", "Range start") is reported against this column.
    also: tuple[str, ...] = ()
    # Every row must give a value (a blank cell is an error naming this column).
    required: bool = False
    # The column may be left out of a sheet altogether (its rows then give no value).
    optional: bool = False
    # For a list: the pattern that separates its items. Codes that cannot hold a comma
    # (MPIDs, roles) may be written "A, B" too; names may not, since a name can hold one.
    separators: str = LIST_SPLIT

    def names(self, label: str) -> bool:
        """Whether a field error labelled ``label`` belongs to this column."""
        key = header_key(label)
        return key == header_key(self.header) or key in {header_key(a) for a in self.also}

    @cached_property
    def cell(self) -> Callable[[Any], Any]:
        """The value written to the cell for a record: real dates, joined lists, Y/N. Made
        once per column, so its kind is looked at once, not for each of a register's cells."""
        get, show = self.get, self.show
        if self.kind is Kind.LIST:

            def list_cell(record: Any) -> Any:
                items = get(record)
                if show is not None:
                    items = [show(x) for x in items]
                return LIST_SEPARATOR.join(str(item) for item in items) if items else None

            return list_cell
        yes_no = self.kind is Kind.YES_NO

        def value_cell(record: Any) -> Any:
            value = get(record)
            if show is not None:
                value = show(value)
            if yes_no:
                return "Y" if value else "N"
            if isinstance(value, enum.Enum):
                return value.value
            return None if value == "" or value is None else value

        return value_cell

    def read(self, raw: Any) -> Any:
        """A cell's value as the importer stores it; blank is None (or [] for lists)."""
        assert self.parse is not None
        label = self.header
        if v.is_blank(raw) and self.required:
            raise ValidationError(label, "is required")
        if self.kind is Kind.LIST:
            return [self.parse(item, label) for item in split_list(raw, self.separators)]
        if v.is_blank(raw):
            return False if self.kind is Kind.YES_NO else None
        return self.parse(raw, label)


def split_list(raw: Any, separators: str = LIST_SPLIT) -> list[str]:
    """`a; b;c` (or one item per line) → ["a", "b", "c"]; blanks dropped."""
    if v.is_blank(raw):
        return []
    return [part.strip() for part in re.split(separators, str(raw)) if part and part.strip()]


def header_key(text: Any) -> str:
    """Headers match whatever their case, spacing and punctuation: 'Out-of-Hours Phone',
    'out of hours phone ' and 'OUT OF HOURS PHONE' are one header."""
    return re.sub(r"[^0-9a-z]", "", str(text or "").casefold())


# ---- cell rules shared by several layouts -----------------------------------------------


def text_rule(max_length: int = 255) -> Callable[[Any, str], str]:
    return lambda raw, label: v.required_text(raw, label, max_length)


def address_cell(lines: str | None, postcode: str | None) -> str | None:
    """An address on one line of one cell, postcode last: "1 High St, Leeds, LS1 1AA".
    One line keeps rows one line high, so the list filters and sorts as a list should."""
    parts = [*(lines.splitlines() if lines else []), *([postcode] if postcode else [])]
    return ", ".join(parts) or None


def parse_address(raw: Any, label: str) -> tuple[str | None, str | None]:
    """Back from one cell, written on one line with commas or on several lines: a last part
    that is a UK postcode is the postcode, the rest are the address lines."""
    lines = [part.strip() for part in re.split(r"[,\n]", str(raw)) if part.strip()]
    postcode = None
    if lines:
        # The postcode on a line of its own, or at the end of the town's ("Glasgow G2 6FL").
        words = lines[-1].split()
        for size in dict.fromkeys((len(words), 2, 1)):
            if not 0 < size <= len(words):
                continue
            try:
                postcode = v.postcode(" ".join(words[-size:]), f"{label} postcode")
            except ValidationError:
                continue
            rest = " ".join(words[:-size])
            lines = [*lines[:-1], rest] if rest else lines[:-1]
            break
    return v.multiline_text("\n".join(lines), label), postcode
