"""A person's review calendar as iCalendar (RFC 5545): one all-day event per due item.

Each event's UID is derived from the person, the item's kind, the system and what the due date
follows from (the last review held, the planned date), so it is the same on every run until the
review is held; then the next one gets a new UID. Events are transparent (they do not block
time): they say a review is due, not when the meeting is.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vText

from graph.calendar import DueItem, PersonRef
from reporting.quarterly_rows import danish_date
from schema import governance

PRODID = "-//govgraph//Review calendar//DA"
UID_DOMAIN = "govgraph"
_UID_NAMESPACE = uuid.UUID("9f0c7b64-5a0e-4c55-8d0a-6c1f4c8e2d31")
LAST_DA = {
    "owner_review": "Sidste gennemgang",
    "vendor_dialog_owner": "Sidste dialog",
    "vendor_dialog_users": "Sidste dialog",
    "risk_assessment": "Seneste risikovurdering",
    "dpa_oversight": "Seneste tilsyn",
}
STATUS_PREFIX_DA = {"overdue": "Forfalden: ", "never_held": "Aldrig holdt: ", "due": ""}
# RFC 5545 3.3.11: TEXT holds no control character but HTAB; a line break is the escape "\n".
# Names come from HR and KITOS files that anyone may have typed into.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def ical_text(value: str, *, multiline: bool = False) -> vText:
    """``value`` as RFC 5545 TEXT: no control characters; line breaks kept if ``multiline``."""
    lines = (_CONTROL.sub("", line) for line in _LINE_BREAK.split(value))
    return vText(("\n" if multiline else " ").join(lines))


def event_uid(person_key: str, item: DueItem) -> str:
    """The event's UID: stable for this person and this occurrence of the item."""
    name = f"{person_key}|{item.kind}|{item.system_key}|{item.basis}"
    return f"{uuid.uuid5(_UID_NAMESPACE, name)}@{UID_DOMAIN}"


def calendar_ics(
    person: PersonRef, items: Iterable[DueItem], *, stamp: datetime | None = None
) -> bytes:
    """The iCalendar file of ``person``'s due items; ``stamp`` (UTC) is every DTSTAMP."""
    when = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # An X- property is not escaped unless it is given as TEXT.
    cal.add("x-wr-calname", ical_text(f"Governance-kalender: {person.name or person.key}"))
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    for item in items:
        cal.add_component(_event(person, item, when))
    return cal.to_ical()


def _event(person: PersonRef, item: DueItem, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", event_uid(person.key, item))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.due)  # a date: an all-day event
    event.add("dtend", item.due + timedelta(days=1))  # DTEND of a date is exclusive
    event.add("summary", ical_text(STATUS_PREFIX_DA[item.status] + item.title_da))
    event.add("description", ical_text(_description(item), multiline=True))
    event.add("categories", [ical_text(item.kind)])
    event.add("transp", "TRANSPARENT")
    event.add("class", "PRIVATE")
    return event


def _description(item: DueItem) -> str:
    roles = " og ".join(governance.role(r).name_da.lower() for r in item.roles)
    system = ical_text(item.system_name or item.system_key)  # a name stays on one line
    lines = [f"System: {system}", f"Din rolle: {roles}"]
    if item.last:
        lines.append(f"{LAST_DA[item.kind]}: {danish_date(item.last)}")
    if item.status == "never_held":
        lines.append("Intet er registreret som holdt; det er forfaldent nu.")
    elif item.status == "overdue":
        lines.append(f"Forfalden siden {danish_date(item.due)}.")
    lines.append("Kilde: govgraph (KITOS og governanceregistret).")
    return "\n".join(lines)
