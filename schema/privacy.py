"""Personal data that must never be shown: what a CPR number looks like, and how to blank it."""

from __future__ import annotations

import re

# Anything that could be a CPR number: ddmmyy-xxxx, with or without the dash (9-10 digits).
CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{3,4}(?!\d)")


def redact_cpr(text: str) -> str:
    """Blank out anything in ``text`` that could be a CPR number."""
    return CPR_LIKE.sub("[redacted]", text)
