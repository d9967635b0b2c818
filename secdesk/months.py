"""Calendar months as the helpdesk reports them: in UK time (Europe/London), so an e-mail
received at 00:30 BST on 1 April counts in April although it is 31 March in UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from secdesk.errors import ValidationError

UK_TIME = ZoneInfo("Europe/London")


def working_days(start: date, end: date) -> int:
    """Monday-to-Friday days after ``start`` up to and including ``end`` (0 on the day a
    request arrives). Bank holidays count as working days."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, extra = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier, or that month's last day if it is
    shorter (31 May → 28 February; 30 June → 30 March)."""
    month = Month(day.year, day.month).plus(-months)
    return date(month.year, month.month, min(day.day, month.last_day.day))


def months_after(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or that month's last day if shorter."""
    return months_before(day, -months)


def day_start(day: date) -> datetime:
    """The first moment of a day in UK time, as a UTC timestamp."""
    return datetime(day.year, day.month, day.day, tzinfo=UK_TIME).astimezone(UTC)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, raw: object, label: str = "Month") -> Month:
        """``YYYY-MM`` (also ``MM/YYYY``)."""
        text = str(raw or "").strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if match is None:
            raise ValidationError(label, f"{text!r} is not a month; write it as YYYY-MM")
        first, second = (int(g) for g in match.groups())
        year, month = (first, second) if len(match.group(1)) == 4 else (second, first)
        if not 1 <= month <= 12 or year < 1990:
            raise ValidationError(label, f"{text!r} is not a month; write it as YYYY-MM")
        return cls(year, month)

    @classmethod
    def of(cls, moment: datetime | date) -> Month:
        if isinstance(moment, datetime):
            moment = moment.astimezone(UK_TIME)
        return cls(moment.year, moment.month)

    @classmethod
    def current(cls) -> Month:
        return cls.of(datetime.now(UTC))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """How the Operations Report heads a month column: ``Mar-17``."""
        return date(self.year, self.month, 1).strftime("%b-%y")

    @property
    def long_label(self) -> str:
        return date(self.year, self.month, 1).strftime("%B %Y")

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.plus(1).first_day.toordinal() - 1)

    @property
    def start(self) -> datetime:
        """The first moment of the month in UK time, as a UTC timestamp."""
        return day_start(self.first_day)

    @property
    def end(self) -> datetime:
        """The first moment after the month (the next month's start)."""
        return self.plus(1).start

    def twelve(self) -> list[Month]:
        """The twelve months ending with this one, oldest first."""
        return [self.plus(offset) for offset in range(-11, 1)]
