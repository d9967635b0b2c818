"""One problem found in an imported file: where (file, sheet, row, column), the value
found there, and what is wrong with it in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RowError:
    file: str
    sheet: str
    row: int
    column: str | None
    value: Any
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, sheet {self.sheet!r}"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        value = "" if self.value is None else f" ({self.value!r})"
        return f"{where}{value}: {self.message}"
