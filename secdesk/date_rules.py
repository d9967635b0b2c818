"""The rule for a date typed in a form, held in a spreadsheet cell or given on the command
line: what is read, and what is refused rather than guessed."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from secdesk.errors import ValidationError
from secdesk.plain_text import plain as _text

_EXCEL_EPOCH = date(1899, 12, 30)
# Dates secdesk keeps (accessions, completions, enquiries, membership events) fall in these
# years; an Excel serial number outside them is some other number, such as a year (2016 as a
# serial is 08/07/1905).
FIRST_YEAR, LAST_YEAR = 1990, 2099
_SERIALS = (
    (date(FIRST_YEAR, 1, 1) - _EXCEL_EPOCH).days,
    (date(LAST_YEAR, 12, 31) - _EXCEL_EPOCH).days,
)
DAY_FIRST = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
MONTH_FIRST = ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y")
_ISO = ("%Y-%m-%d", "%Y/%m/%d")
# Month names leave no doubt which is the day: "1 Feb 2019", "01-Feb-2019", "February 1, 2019".
# Two-digit years are recognised only to be refused in words.
_OTHER_FORMS = (
    "%d/%m/%y",
    "%d-%m-%y",
    "%d.%m.%y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%d-%B-%Y",
    "%d-%b-%y",
    "%d %b %y",
    "%B %d, %Y",
    "%b %d, %Y",
)
_MIDNIGHT = re.compile(r"[ T]00:00(:00(\.0+)?)?$")


def _in_range(day: date, field: str, shown: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            field, f"{shown!r} is not a date secdesk keeps (years {FIRST_YEAR} to {LAST_YEAR})"
        )
    return day


def parse_date(value: Any, field: str = "Date", *, month_first: bool = False) -> date:
    """A date from a form, a spreadsheet cell or a command line.

    Accepts date cells, ``DD/MM/YYYY`` (the published format; ``MM/DD/YYYY`` where the
    caller has found a whole column written month first), ISO ``YYYY-MM-DD`` and Excel
    serial numbers of dates from 1990 to 2099. A bare year, or any other number, is refused
    rather than read as a serial number.
    """
    if isinstance(value, datetime):
        return _in_range(value.date(), field, value.strftime("%d/%m/%Y"))
    if isinstance(value, date):
        return _in_range(value, field, value.strftime("%d/%m/%Y"))
    if isinstance(value, bool):
        raise ValidationError(field, f"{value!r} is not a date (use DD/MM/YYYY)")
    text = _text(value)
    if not text:
        raise ValidationError(field, "is required")
    if isinstance(value, int | float) or re.fullmatch(r"\d+(\.\d+)?", text):
        return _serial(text, field)
    # A date cell saved as CSV can carry its midnight ("01/02/2019 00:00:00").
    day = _MIDNIGHT.sub("", text)
    for pattern in (*(MONTH_FIRST if month_first else DAY_FIRST), *_ISO, *_OTHER_FORMS):
        try:
            parsed = datetime.strptime(day, pattern).date()
        except ValueError:
            continue
        if not re.search(r"\d{4}", day):  # never "16" taken as the year 0016
            raise ValidationError(field, f"{text!r} has no full year: write it as DD/MM/YYYY")
        return _in_range(parsed, field, text)
    written = "MM/DD/YYYY" if month_first else "DD/MM/YYYY"
    raise ValidationError(field, f"{text!r} is not a date (use {written})")


def _serial(text: str, field: str) -> date:
    number = float(text)
    if re.fullmatch(r"(19|20)\d\d", text):
        raise ValidationError(
            field, f"{text!r} is a year, not a date: write the whole date (DD/MM/YYYY)"
        )
    if not number.is_integer() or not _SERIALS[0] <= number <= _SERIALS[1]:
        raise ValidationError(field, f"{text!r} is a number, not a date (use DD/MM/YYYY)")
    return _EXCEL_EPOCH + timedelta(days=int(number))
