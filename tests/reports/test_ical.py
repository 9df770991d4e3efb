"""Review calendars as iCalendar, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar
from icalendar.cal import Component

from graph.calendar import DueItem, PersonRef
from reporting.ical import calendar_ics, event_uid

PERSON = PersonRef(key="052653", name="Per Winther", email="per.winther@oestby.dk")
STAMP = datetime(2026, 11, 29, 8, 30, tzinfo=UTC)


def _item(due: date, *, status: str = "due", kind: str = "owner_review", **kw: object) -> DueItem:
    values: dict[str, object] = {
        "kind": kind,
        "system_key": "s1",
        "system_name": "Acadre",
        "roles": ["systemejer"],
        "due": due,
        "status": status,
        "last": None,
        "basis": "2026-06-30",
    }
    values.update(kw)
    return DueItem.model_validate(values)


def _events(*items: DueItem, person: PersonRef = PERSON) -> list[Component]:
    parsed = Calendar.from_ical(calendar_ics(person, items, stamp=STAMP))
    return list(parsed.walk("VEVENT"))


def test_calendar_parses_with_version_prodid_and_one_event_per_item() -> None:
    parsed = Calendar.from_ical(
        calendar_ics(PERSON, [_item(date(2027, 1, 5)), _item(date(2027, 3, 1))], stamp=STAMP)
    )
    assert str(parsed["VERSION"]) == "2.0"
    assert "govgraph" in str(parsed["PRODID"])
    assert len(list(parsed.walk("VEVENT"))) == 2


def test_event_is_all_day_and_ends_the_next_day_across_the_year_end() -> None:
    [event] = _events(_item(date(2026, 12, 31)))
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start, end) == (date(2026, 12, 31), date(2027, 1, 1))
    assert not isinstance(start, datetime)
    assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_event_on_leap_day_ends_on_1_march() -> None:
    [event] = _events(_item(date(2028, 2, 29)))
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        date(2028, 2, 29),
        date(2028, 3, 1),
    )


def test_every_event_has_a_utc_dtstamp() -> None:
    [event] = _events(_item(date(2027, 1, 5)))
    assert event.decoded("DTSTAMP") == STAMP


def test_uids_are_the_same_on_every_run() -> None:
    first = [str(e["UID"]) for e in _events(_item(date(2027, 1, 5)))]
    again = [str(e["UID"]) for e in _events(_item(date(2027, 1, 5)))]
    assert first == again
    assert first[0].endswith("@govgraph")


def test_uids_differ_per_person_kind_and_occurrence() -> None:
    base = _item(date(2027, 1, 5))
    uids = {
        event_uid(PERSON.key, base),
        event_uid("someone-else", base),
        event_uid(PERSON.key, _item(date(2027, 1, 5), kind="risk_assessment")),
        event_uid(PERSON.key, _item(date(2027, 7, 5), basis="2027-01-05")),
    }
    assert len(uids) == 4


def test_uid_stays_while_a_never_held_review_moves_with_today() -> None:
    today, tomorrow = date(2026, 11, 29), date(2026, 11, 30)
    assert event_uid(PERSON.key, _item(today, status="never_held", basis="never")) == event_uid(
        PERSON.key, _item(tomorrow, status="never_held", basis="never")
    )


def test_overdue_event_says_so_in_its_summary() -> None:
    [event] = _events(_item(date(2026, 3, 1), status="overdue", last=date(2025, 9, 1)))
    assert str(event["SUMMARY"]).startswith("Forfalden: Halvårlig gennemgang")
    assert "01-09-2025" in str(event["DESCRIPTION"])


def test_events_do_not_block_time() -> None:
    [event] = _events(_item(date(2027, 1, 5)))
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_calendar_is_named_for_the_person() -> None:
    parsed = Calendar.from_ical(calendar_ics(PERSON, [], stamp=STAMP))
    assert str(parsed["X-WR-CALNAME"]) == "Governance-kalender: Per Winther"
    assert list(parsed.walk("VEVENT")) == []


def test_control_characters_and_line_breaks_in_names_do_not_break_the_lines() -> None:
    person = PersonRef(key="k", name="Per\x00 Win\u2028ther\x1b", email=None)
    item = _item(date(2027, 1, 5), system_name="Acadre\r\nDTSTART:19700101\x7f")
    raw = calendar_ics(person, [item], stamp=STAMP)
    assert [line for line in raw.split(b"\r\n") if line.startswith(b"DTSTART")] == [
        b"DTSTART;VALUE=DATE:20270105"
    ]
    [event] = list(Calendar.from_ical(raw).walk("VEVENT"))
    assert str(event["SUMMARY"]).endswith(": Acadre DTSTART:19700101")
    assert str(event["DESCRIPTION"]).splitlines()[:2] == [
        "System: Acadre DTSTART:19700101",
        "Din rolle: systemejer",
    ]
    assert b"Governance-kalender: Per Win ther\r\n" in raw
