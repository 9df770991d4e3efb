"""Quarters and month arithmetic: year ends, leap days and month ends."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import InvalidInput
from core.periods import Quarter, add_months
from graph.quarterly import report_date


def test_six_months_after_31_august_2027_is_leap_day_2028() -> None:
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_six_months_after_31_august_2026_is_28_february() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_months_carry_across_the_year_end() -> None:
    assert add_months(date(2026, 10, 15), 6) == date(2027, 4, 15)
    assert add_months(date(2026, 12, 31), 12) == date(2027, 12, 31)


def test_a_year_after_leap_day_is_28_february() -> None:
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_months_can_be_subtracted() -> None:
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)


@pytest.mark.parametrize("text", ["2026Q4", "2026q4", "2026-Q4", "2026K4", " 2026 Q4 "])
def test_quarter_parses_common_spellings(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2026, 4)


@pytest.mark.parametrize("text", ["2026Q5", "Q4 2026", "26Q4", "", "2026", "0000Q1", "9999Q4"])
def test_quarter_refuses_what_is_not_a_quarter(text: str) -> None:
    with pytest.raises(InvalidInput):
        Quarter.parse(text)


def test_fourth_quarter_spans_october_to_december() -> None:
    q4 = Quarter(2026, 4)
    assert (q4.first_day, q4.last_day) == (date(2026, 10, 1), date(2026, 12, 31))
    assert str(q4) == "2026Q4"
    assert q4.label_da == "4. kvartal 2026"


def test_quarters_follow_each_other_across_the_year_end() -> None:
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)


def test_first_quarter_of_a_leap_year_ends_31_march() -> None:
    assert Quarter(2028, 1).last_day == date(2028, 3, 31)
    assert Quarter.containing(date(2028, 2, 29)) == Quarter(2028, 1)


def test_a_running_quarter_is_reported_as_of_today() -> None:
    assert report_date(Quarter(2026, 4), today=date(2026, 11, 15)) == date(2026, 11, 15)


def test_a_past_quarter_is_reported_as_of_its_last_day() -> None:
    assert report_date(Quarter(2026, 3), today=date(2026, 11, 15)) == date(2026, 9, 30)


def test_a_future_quarter_is_refused() -> None:
    with pytest.raises(InvalidInput, match="has not begun"):
        report_date(Quarter(2027, 1), today=date(2026, 11, 15))
