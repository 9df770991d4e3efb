"""The synthetic municipality's line organisation: 7 forvaltninger, their units and employees.

Deterministic for a seed. Sizes follow ``scale`` (1.0: about 45,000 people in about 3,000 units).
The forvaltning the governance model is about is "Jobcenter og Borgerservice" with its
"JB-sekretariatet", and the central "IT-afdelingen" sits in Økonomiforvaltningen, so the default
settings of govgraph fit the generated data.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks.reuse import FIRST_NAMES, LAST_NAMES, POSITIONS

SNAPSHOT = date(2026, 11, 1)
DOMAIN = "oestby.dk"
PEOPLE = 45_000
UNITS = 3_000
CLOSED_UNIT_ID = "0999999"  # engagements here point at a unit the dump no longer has (DQ-03)

# (code, name, share of the people, kinds of office, positions)
# fmt: off
FORVALTNINGER: tuple[tuple[str, str, float, tuple[str, ...], tuple[str, ...]], ...] = (
    ("JB", "Jobcenter og Borgerservice", 0.08, ("Jobcenter", "Borgerservice", "Ydelseskontor"),
     POSITIONS["JC"] + POSITIONS["BS"]),
    ("BUF", "Børne- og Ungdomsforvaltningen", 0.38,
     ("Skole", "Daginstitution", "Fritidscenter", "Tandpleje", "PPR"),
     ("Lærer", "Pædagog", "Pædagogmedhjælper", "Tandplejer", "Psykolog", "Kontorfuldmægtig")),
    ("SUF", "Sundheds- og Omsorgsforvaltningen", 0.20,
     ("Plejecenter", "Hjemmepleje", "Sundhedshus", "Træningscenter"),
     ("Social- og sundhedshjælper", "Sygeplejerske", "Fysioterapeut", "Ergoterapeut")),
    ("SOF", "Socialforvaltningen", 0.14, ("Bosted", "Socialcenter", "Familiecenter", "Herberg"),
     ("Socialrådgiver", "Pædagog", "Socialpædagog", "Sagsbehandler")),
    ("TMF", "Teknik- og Miljøforvaltningen", 0.07,
     ("Byggesag", "Miljøkontrol", "Vej og Park", "Parkering"),
     ("Ingeniør", "Miljømedarbejder", "Gartner", "Parkeringsvagt", "Jurist")),
    ("KFF", "Kultur- og Fritidsforvaltningen", 0.06,
     ("Bibliotek", "Kulturhus", "Idrætsanlæg", "Svømmehal"),
     ("Bibliotekar", "Kulturmedarbejder", "Driftsmedarbejder", "Livredder")),
    ("ØKF", "Økonomiforvaltningen", 0.07, ("Løn", "Indkøb", "Jura", "Budget", "HR"),
     ("Økonomikonsulent", "Jurist", "HR-konsulent", "Specialkonsulent")),
)
DISTRICTS = (
    "Nørrebro", "Vesterbro", "Østerbro", "Valby", "Amager Øst", "Amager Vest", "Bispebjerg",
    "Brønshøj", "Vanløse", "Indre By", "Sydhavn", "Husum", "Tingbjerg", "Ørestad",
    "Christianshavn", "Nordvest", "Kongens Enghave", "Sundby", "Islands Brygge", "Utterslev",
)
# fmt: on
IT_OFFICES = ("IT-drift", "IT-support", "IT-arkitektur", "IT-sikkerhed", "Systemforvaltning")


@dataclass(slots=True)
class Unit:
    """One organisation unit as OPUS and KITOS hold it."""

    id: str
    name: str
    short: str
    parent: str | None
    type_txt: str  # Kommune | Magistratsafdeling | Sekretariat | Afdeling | Kontor | Team
    forvaltning: str  # code of its forvaltning ("" for the municipality itself)
    kitos_uuid: str
    leader: str | None = None
    staff: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Employee:
    """One person: an HR employee, or an external consultant only KITOS knows."""

    id: str
    first: str
    last: str
    email: str
    user_id: str
    position: str
    unit: str
    is_manager: bool
    entry: date
    cpr: str  # a substitute-number shape; the importers must never store it
    kitos_uuid: str
    leave: date | None = None
    external: bool = False

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"

    def present(self, day: date = SNAPSHOT) -> bool:
        """False once the person has left."""
        return not self.external and (self.leave is None or self.leave > day)


@dataclass(slots=True)
class Organisation:
    """Units and people of the whole municipality."""

    rng: random.Random
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Employee] = field(default_factory=dict)
    special: dict[str, list[str]] = field(default_factory=dict)  # "dk:JB" -> person ids
    planted: Counter[str] = field(default_factory=Counter)
    _emails: Counter[str] = field(default_factory=Counter)
    _ids: int = 100_000
    _by_type: dict[tuple[str | None, tuple[str, ...]], list[Unit]] = field(default_factory=dict)

    def uuid(self) -> str:
        """A deterministic random uuid."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def leader_of(self, unit_id: str, *, skip: str | None = None) -> Employee | None:
        """The nearest leader above or at a unit (not ``skip``), as the appointing leader."""
        code: str | None = unit_id
        while code and code in self.units:
            leader = self.units[code].leader
            if leader is not None and leader != skip:
                return self.people[leader]
            code = self.units[code].parent
        return None

    def of_type(self, *types: str, forvaltning: str | None = None) -> list[Unit]:
        """Units of the given OPUS types, optionally of one forvaltning."""
        key = (forvaltning, types)
        if key not in self._by_type:
            self._by_type[key] = [
                u
                for u in self.units.values()
                if u.type_txt in types and (forvaltning is None or u.forvaltning == forvaltning)
            ]
        return self._by_type[key]

    def ancestors(self, unit_id: str) -> list[str]:
        """The ids of the units above a unit, nearest first."""
        found: list[str] = []
        code = self.units[unit_id].parent if unit_id in self.units else None
        while code:
            found.append(code)
            code = self.units[code].parent
        return found

    def add_unit(self, name: str, short: str, parent: str | None, type_txt: str, fv: str) -> Unit:
        """Create a unit with the next OPUS id."""
        unit = Unit(f"{len(self.units) + 1_000_000:07d}", name, short, parent, type_txt, fv, "")
        unit.kitos_uuid = self.uuid()
        self.units[unit.id] = unit
        self._by_type.clear()
        return unit

    def add_person(self, unit: str, position: str, *, manager: bool = False) -> Employee:
        """Create an employee of a unit with a unique id and e-mail."""
        rng = self.rng
        self._ids += rng.randrange(1, 7)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 42))
        person = Employee(
            id=f"{self._ids:07d}",
            first=first,
            last=last,
            email=self.email(first, last, DOMAIN),
            user_id=f"AZ{self._ids:07d}",
            position=position,
            unit=unit,
            is_manager=manager,
            entry=date(1990, 1, 1) + timedelta(days=rng.randrange(0, 365 * 36)),
            cpr=f"{born.day + 60:02d}{born.month:02d}{born.year % 100:02d}"
            f"{rng.randrange(10000):04d}",
            kitos_uuid=self.uuid(),
        )
        self.people[person.id] = person
        if unit in self.units:
            self.units[unit].staff.append(person.id)
            if manager:
                self.units[unit].leader = person.id
        return person

    def email(self, first: str, last: str, domain: str) -> str:
        """A unique address: ``first.last``, numbered from the second of the same name."""
        base = f"{first}.{last}".lower().translate(_ASCII).replace(" ", "")
        self._emails[f"{base}@{domain}"] += 1
        count = self._emails[f"{base}@{domain}"]
        return f"{base}{count if count > 1 else ''}@{domain}"


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"})


def build_organisation(*, scale: float, seed: int) -> Organisation:
    """Build the municipality's units and people for a scale and seed."""
    org = Organisation(random.Random(seed))
    root = org.add_unit("Østby Kommune", "OK", None, "Kommune", "")
    total_units = max(40, round(UNITS * scale))
    for code, name, share, kinds, _ in FORVALTNINGER:
        _forvaltning_units(org, root.id, code, name, kinds, max(6, round(total_units * share)))
    _leaders(org)
    _staff(org, max(len(org.units) * 3, round(PEOPLE * scale) - len(org.people)))
    _departures(org)
    return org


def _forvaltning_units(
    org: Organisation, root: str, code: str, name: str, kinds: tuple[str, ...], count: int
) -> None:
    rng = org.rng
    top = org.add_unit(name, code, root, "Magistratsafdeling", code)
    org.add_unit(f"{code}-sekretariatet", f"{code}-SEK", top.id, "Sekretariat", code)
    departments = [
        org.add_unit(f"{kind}området", f"{code}-{i}", top.id, "Afdeling", code)
        for i, kind in enumerate(kinds, start=1)
    ]
    if code == "ØKF":
        it = org.add_unit("IT-afdelingen", "IT", top.id, "Afdeling", code)
        for office in IT_OFFICES:
            org.add_unit(office, f"IT-{office[3:6].upper()}", it.id, "Kontor", code)
    remaining = max(len(kinds), count - 2 - len(departments))
    offices: list[Unit] = []
    used: Counter[str] = Counter()
    for index in range(remaining):
        if offices and index >= remaining * 0.7:
            parent = rng.choice(offices)
            used[parent.id] += 1
            team = f"{parent.name} – team {used[parent.id]}"
            org.add_unit(team, f"{parent.short}-T{used[parent.id]}", parent.id, "Team", code)
            continue
        department = departments[index % len(departments)]
        base = f"{kinds[index % len(kinds)]} {rng.choice(DISTRICTS)}"
        used[base] += 1
        label = base if used[base] == 1 else f"{base} {used[base]}"
        offices.append(org.add_unit(label, f"{code}-K{index}", department.id, "Kontor", code))


_LEADER_TITLES = {
    "Kommune": "Kommunaldirektør",
    "Magistratsafdeling": "Direktør",
    "Sekretariat": "Sekretariatschef",
    "Afdeling": "Afdelingschef",
    "Kontor": "Kontorchef",
    "Team": "Teamleder",
}


def _leaders(org: Organisation) -> None:
    """A leader for every unit but a planted 2 % of offices and teams (GM-12)."""
    for unit in list(org.units.values()):
        leaderless = unit.type_txt in ("Kontor", "Team") and org.rng.random() < 0.02
        if leaderless and unit.forvaltning:
            org.planted["GM-12"] += 1
            continue
        org.add_person(unit.id, _LEADER_TITLES[unit.type_txt], manager=True)


def _staff(org: Organisation, count: int) -> None:
    """Spread employees over the units; seat consultants, IT support and administrators."""
    rng = org.rng
    positions = {code: pos for code, _, _, _, pos in FORVALTNINGER}
    for code, *_ in FORVALTNINGER:
        secretariat = org.of_type("Sekretariat", forvaltning=code)[0]
        size = max(2, round(len(org.of_type("Kontor", forvaltning=code)) / 40))
        org.special[f"dk:{code}"] = [
            org.add_person(secretariat.id, "Digitaliseringskonsulent").id for _ in range(size)
        ]
        org.special[f"sup:{code}"] = [
            org.add_person(secretariat.id, "IT-supporter").id for _ in range(size)
        ]
    it_units = [u for u in org.of_type("Kontor", forvaltning="ØKF") if u.name in IT_OFFICES]
    org.special["it"] = [
        org.add_person(rng.choice(it_units).id, "Systemadministrator").id
        for _ in range(max(5, round(len(org.units) / 60)))
    ]
    weights = {"Kontor": 1.0, "Team": 0.8, "Sekretariat": 2.0, "Afdeling": 0.3}
    units = [u for u in org.units.values() if u.type_txt in weights]
    chosen = rng.choices(units, weights=[weights[u.type_txt] for u in units], k=count)
    for unit in chosen:
        org.add_person(unit.id, rng.choice(positions[unit.forvaltning]))
    for person in rng.sample(list(org.people.values()), k=max(1, len(org.people) // 1000)):
        if not person.is_manager:
            org.units[person.unit].staff.remove(person.id)
            person.unit = CLOSED_UNIT_ID
            org.planted["DQ-03"] += 1


def _departures(org: Organisation) -> None:
    """1.5 % have left before the snapshot (still in the dump); 1 % leave in the months after."""
    for person in org.people.values():
        draw = org.rng.random()
        if draw < 0.015:
            person.leave = SNAPSHOT - timedelta(days=org.rng.randrange(1, 120))
        elif draw < 0.025:
            person.leave = SNAPSHOT + timedelta(days=org.rng.randrange(14, 150))
