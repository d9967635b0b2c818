"""What one published spreadsheet is: a title, a data sheet, its columns in published
order, and where its rows come from. The four are declared in party_lists, contact_list
and id_allocation; secdesk.sheets.published_sheets lists them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from secdesk import validate as v
from secdesk.sheets.columns import Column
from secdesk.sheets.register_snapshot import RegisterSnapshot


@dataclass(frozen=True)
class Layout:
    key: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    records: Callable[[RegisterSnapshot], Sequence[Any]]
    # A stable identity per row, so a publication can say what was renamed or removed.
    identity: Callable[[Any], str]
    # How many leading columns name a row in change notes ("Acme Ltd / Jo Bloggs").
    name_columns: int = 1

    @property
    def file_name(self) -> str:
        return f"{self.title}.xlsx"

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def needed_headers(self) -> list[str]:
        """The headers a sheet must have to be read as this layout: every column read
        back, but those that may be left out."""
        return [c.header for c in self.columns if c.parse is not None and not c.optional]

    def rows(self, register: RegisterSnapshot) -> list[tuple[str, list[Any]]]:
        """(identity, cells) for every row, in published order."""
        cells = [column.cell for column in self.columns]
        return [
            (self.identity(record), [cell(record) for cell in cells])
            for record in self.records(register)
        ]


def choice(options: type[Any]) -> Callable[[Any, str], Any]:
    return lambda raw, label: v.choice(raw, options, label)


def name_order(name: str, record_id: int) -> tuple[str, str, int]:
    """By name, whatever its case; names equal but for case by the name itself, so the
    order never depends on ids (which differ between stores)."""
    return name.casefold(), name, record_id


def party_column(**extra: Any) -> Column:
    """The Party a row of a Party's records belongs to (a contact, an event, a test)."""
    return Column(
        "Party Name",
        lambda record: record.party.name,
        parse=v.party_name,
        field="party",
        width=42,
        required=True,
        **extra,
    )
