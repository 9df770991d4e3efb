"""Personal data that must never be shown: what a CPR number looks like, and how to blank it.

A CPR number is the birth date as DDMMYY and four digits. Substitute numbers
(erstatningspersonnumre) add 60 to the day. People write it as 0101901234, 010190-1234,
010190 1234 or 01-01-90-1234, and word processors turn the dash into ‐ ‑ ‒ – — or −. A
spreadsheet that stored it as a number lost the leading zero: 101901234. Ten digits whose first
six are no date (a phone number with its country code, 4512345678) are not a CPR number.
"""

from __future__ import annotations

import re
from typing import Any

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
_MONTH = r"(?:0[1-9]|1[0-2])"
# DD MM YY, with one kind of separator (or none) inside the date, then the four digits.
_WRITTEN = (
    rf"{_DAY}(?P<sep>[{_DASHES}./ ]?){_MONTH}(?P=sep)\d{{2}}"
    rf"(?:[{_DASHES}]| ?[{_DASHES}] | )?\d{{4}}"
)
_LOST_ZERO = rf"[1-9]{_MONTH}\d{{2}}\d{{4}}"  # 0101901234 read as the number 101901234
CPR_LIKE = re.compile(rf"(?<!\d)(?:{_WRITTEN}|{_LOST_ZERO})(?!\d)")
_CPR_VALUE = re.compile(rf"\s*(?:{_WRITTEN}|{_LOST_ZERO})(?:\.0+)?\s*")
REDACTED = "[redacted]"
_LONGEST = 24  # "01-01-90 - 1234" with room for spaces around it


def redact_cpr(text: str) -> str:
    """Blank out anything in ``text`` that could be a CPR number."""
    return CPR_LIKE.sub(REDACTED, text)


def is_cpr_value(value: Any) -> bool:
    """True when a cell holds a CPR number and nothing else, as text or as a number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int | str):
        return False
    text = str(value)
    # Most cells are names, e-mails, uuids, dates and short ids: skip the pattern for them.
    return 9 <= len(text) <= _LONGEST and _CPR_VALUE.fullmatch(text) is not None


_SECRET_LIKE = re.compile(r"ggt_[0-9a-f]{12}_[A-Za-z0-9_-]+")  # API tokens (api.token_store)


def redact(text: str) -> str:
    """Blank out anything CPR-like and any token secret in free text."""
    return redact_cpr(_SECRET_LIKE.sub("ggt_[redacted]", text))
