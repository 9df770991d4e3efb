"""What counts as a CPR number when text is redacted and when a cell is judged."""

from __future__ import annotations

import pytest

from core.privacy import is_cpr_value, redact_cpr

WRITTEN = [
    "0101901234",
    "010190-1234",
    "010190 1234",
    "01-01-90-1234",
    "01.01.90-1234",
    "010190 - 1234",
    *(f"010190{dash}1234" for dash in "‐‑‒–—−"),
    "610190-1234",  # a substitute number: day + 60
    "101901234",  # read as a number, the leading zero lost
]
NOT_CPR = [
    "12345678",  # a phone number
    "+45 12 34 56 78",
    "4512345678",  # a phone number with its country code: day 45
    "320190-1234",  # day 32
    "011390-1234",  # month 13
    "01-0190-1234",  # separators that do not agree
    "12345678901",  # eleven digits
    "ZLPE20261101120000_delta.xml",
    "01-01-1990",
    "2026-11-01 1200",
]


@pytest.mark.parametrize("written", WRITTEN)
def test_every_way_of_writing_a_cpr_number_is_redacted(written: str) -> None:
    assert redact_cpr(f"Ugyldig dato '{written}'.") == "Ugyldig dato '[redacted]'."


@pytest.mark.parametrize("text", NOT_CPR)
def test_numbers_that_cannot_be_a_cpr_number_are_left_alone(text: str) -> None:
    assert redact_cpr(text) == text


@pytest.mark.parametrize("value", [*WRITTEN, 602602389.0, 101901234, " 0101901234 "])
def test_a_cell_holding_only_a_cpr_number_is_one(value: object) -> None:
    assert is_cpr_value(value)


@pytest.mark.parametrize(
    "value", [*NOT_CPR, "Anne 0101901234", 55677853.0, 1.5, True, None, "1234567890"]
)
def test_a_cell_holding_more_or_other_is_not(value: object) -> None:
    assert not is_cpr_value(value)
