"""Calendar arithmetic the reports share: quarters, and months added the way people count them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from core import i18n
from core.errors import InvalidInput

# The years 1900-2999, as for dates in the API: year 0 or 9999 would overflow the calendar.
_QUARTER = re.compile(r"^\s*((?:19|2\d)\d{2})\s*-?\s*[QqKk]\s*([1-4])\s*$")


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` months, clamped to the month's end: 2027-08-31 + 6 = 2028-02-29."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    """A calendar quarter, e.g. 2026Q4 (1 October to 31 December 2026)."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read ``2026Q4`` (also ``2026-Q4``, ``2026K4``); anything else is InvalidInput."""
        found = _QUARTER.match(text)
        if not found:
            raise InvalidInput(
                f"{text!r} is not a quarter.",
                hint="Write the year and the quarter number, e.g. 2026Q4.",
            )
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def containing(cls, day: date) -> Quarter:
        """The quarter ``day`` falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        """The quarter's first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        """The quarter's last day."""
        return self.next().first_day - timedelta(days=1)

    def previous(self) -> Quarter:
        """The quarter before this one."""
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def next(self) -> Quarter:
        """The quarter after this one."""
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def label(self, lang: str) -> str:
        """The quarter as people name it: "4. kvartal 2026" (chefgruppen's words), "Q4 2026"."""
        return i18n.text("quarterly.quarter_name", lang, number=self.number, year=self.year)

    @property
    def label_da(self) -> str:
        """The Danish name, "4. kvartal 2026"."""
        return self.label("da")

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"
