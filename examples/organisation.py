"""Build the fictional forvaltning's people deterministically from the catalogue and a seed."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import catalogue as cat


@dataclass(slots=True)
class Person:
    """One employee as HR holds them (plus the uuid KITOS gives their user)."""

    handle: str
    id: str
    first: str
    last: str
    email: str
    user_id: str
    position: str
    unit: str  # unit code; "" when HR gives none
    is_manager: bool
    entry: date
    cpr: str  # fictional, and never to be stored by the importers
    kitos_uuid: str
    leave: date | None = None

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class Organisation:
    """Units, people and KITOS uuids of the fictional forvaltning."""

    rng: random.Random
    people: list[Person] = field(default_factory=list)
    by_handle: dict[str, Person] = field(default_factory=dict)
    unit_uuids: dict[str, str] = field(default_factory=dict)
    # system name -> (KITOS usage uuid, KITOS it-system uuid); vendor key -> uuid
    system_uuids: dict[str, tuple[str, str]] = field(default_factory=dict)
    vendor_uuids: dict[str, str] = field(default_factory=dict)
    emails: set[str] = field(default_factory=set)

    def person(self, handle: str) -> Person:
        """Resolve a catalogue handle (``dk1``, ``kl:JC-SYG``, ``s:BS-PAS:2``) to a person."""
        return self.by_handle[handle]

    def leader_of(self, person: Person) -> Person:
        """The leader who appoints this person's super-users: office leader, else the chef."""
        code = person.unit
        while code:
            leader = self.by_handle.get(f"kl:{code}") or self.by_handle.get(f"chef:{code}")
            if leader is not None and leader is not person:
                return leader
            if code == "IT":
                return self.by_handle["it:chef"]
            code = cat.UNITS[code][3] or ""
        return self.by_handle["dir"]

    def uuid(self) -> str:
        """A deterministic random uuid."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def build_organisation(seed: int = cat.SEED) -> Organisation:
    """Create every person of the example, the same every time for the same seed."""
    rng = random.Random(seed)
    org = Organisation(rng)
    ids = iter(rng.sample(range(1000, 99999), 400))
    for handle, (first, last, unit, position, manager) in cat.NAMED.items():
        _add(org, handle, first, last, unit, position, manager, ids)
    for code, (_, _, _, _, type_txt, staff) in cat.UNITS.items():
        if type_txt != "Kontor":
            continue
        if code != cat.OFFICE_WITHOUT_LEADER:
            first, last = _name(rng)
            _add(org, f"kl:{code}", first, last, code, "Kontorchef", True, ids)
        department = cat.UNITS[code][3] or ""
        for index in range(staff):
            first, last = _name(rng)
            position = rng.choice(cat.POSITIONS[department])
            _add(org, f"s:{code}:{index}", first, last, code, position, False, ids)
    org.by_handle["leaver:A"].leave = cat.LEAVER_A_LEFT
    org.by_handle[cat.FUTURE_LEAVER].leave = cat.FUTURE_LEAVE_DATE
    for handle, (first, last, email) in cat.EXTERNAL.items():
        org.by_handle[handle] = Person(
            handle,
            "",
            first,
            last,
            email,
            "",
            "Ekstern konsulent",
            "",
            False,
            cat.PREVIOUS,
            "",
            org.uuid(),
        )
    for code in (*cat.UNITS, "KITOS-ONLY"):
        org.unit_uuids[code] = org.uuid()
    for spec in cat.SYSTEMS:
        org.system_uuids[spec.name] = (org.uuid(), org.uuid())
    for key in cat.VENDORS:
        org.vendor_uuids[key] = org.uuid()
    return org


def _add(
    org: Organisation,
    handle: str,
    first: str,
    last: str,
    unit: str,
    position: str,
    manager: bool,
    ids: Iterator[int],
) -> None:
    rng = org.rng
    number = next(ids)
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 42))
    # Substitute-number style (day + 60): the shape of a CPR number, but nobody's.
    cpr = f"{born.day + 60:02d}{born.month:02d}{born.year % 100:02d}{rng.randrange(10000):04d}"
    person = Person(
        handle=handle,
        id=f"{number:06d}",
        first=first,
        last=last,
        email=_email(org, first, last),
        user_id=f"AZ{number:05d}",
        position=position,
        unit=unit,
        is_manager=manager,
        entry=date(1998, 1, 1) + timedelta(days=rng.randrange(0, 365 * 28)),
        cpr=cpr,
        kitos_uuid=org.uuid(),
    )
    org.people.append(person)
    org.by_handle[handle] = person


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(cat.FIRST_NAMES), rng.choice(cat.LAST_NAMES)


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"})


def _email(org: Organisation, first: str, last: str) -> str:
    base = f"{first}.{last}".lower().translate(_ASCII).replace(" ", "")
    candidate, number = base, 1
    while f"{candidate}@{cat.DOMAIN}" in org.emails:
        number += 1
        candidate = f"{base}{number}"
    org.emails.add(f"{candidate}@{cat.DOMAIN}")
    return f"{candidate}@{cat.DOMAIN}"
