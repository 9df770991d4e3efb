"""The synthetic municipality's IT inventory: systems, vendors, using units and role holders.

About 1,600 systems and 40,000 role assignments at scale 1.0, with the governance gaps planted
at the rates in ``RATES`` (counted in ``Organisation.planted``, by rule id).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks.org import FORVALTNINGER, SNAPSHOT, Employee, Organisation
from benchmarks.reuse import ADMIN, BANDS, OWNER, RESP, SU, SYSTEM_NAMES, VENDORS

SYSTEMS = 1_600
ASSIGNMENTS = 40_000
RATES = {
    "GM-01 none": 0.025,
    "GM-01 two": 0.01,
    "GM-02": 0.02,
    "GM-03": 0.02,
    "GM-04 none": 0.03,
    "GM-04 two": 0.01,
    "GM-05": 0.03,
    "GM-06": 0.04,
    "GM-16": 0.02,
    "DQ-01": 0.01,
    "DQ-02": 0.01,
}
LIFECYCLES = (
    ("Operational", 0.84),
    ("PhasingIn", 0.04),
    ("Pilot", 0.01),
    ("Undecided", 0.01),
    ("PhasingOut", 0.05),
    ("NotInUse", 0.05),
)
# fmt: off
STEMS = (
    "Sag", "Journal", "Booking", "Portal", "Analyse", "Borger", "Data", "Dokument", "Plan",
    "Tilsyn", "Visitation", "Ydelse", "Økonomi", "Rapport", "Kvalitet", "Kontakt", "Arkiv",
    "Skema", "Vagt", "Ressource", "Indberetning", "Måling", "Kort", "Faktura", "Læring",
)
TAILS = ("systemet", "portalen", "modulet", " Pro", "basen", "værket", "+", " Online", " 365")
# fmt: on
OTHER_ROLES = (("Forretningsejer", 0.25), ("Dataejer", 0.15), ("Sikkerhedsansvarlig", 0.08))
LOCAL_ROLE = "Lokal tovholder"  # not a KITOS default: the importer warns and keeps it
CONSULTANT_DOMAINS = ("netcompany-konsulent.dk", "kmd-partner.dk", "konsulenthuset.dk")


@dataclass(slots=True)
class System:
    """One KITOS system usage with what the register says about it."""

    uuid: str
    system_uuid: str
    name: str
    local_id: str
    vendor: str
    forvaltning: str
    responsible: str
    using: list[str]
    lifecycle: str
    band: tuple[int, int | None] = BANDS[1]
    valid_to: date | None = None
    risk: tuple[str, date | None, date | None] = ("Yes", None, None)
    personal_data: bool = True
    dpa: str | None = "Ja"  # the register's value; None: the system has no row there
    financing: str | None = None
    by_uuid: bool = False
    roles: list[tuple[str, str]] = field(default_factory=list)  # (KITOS role, person id)

    @property
    def in_use(self) -> bool:
        """False for systems KITOS marks phasing out or not in use."""
        return self.lifecycle not in ("NotInUse", "PhasingOut")

    def holders(self, role: str) -> list[str]:
        """The ids of the people holding a KITOS role."""
        return [p for r, p in self.roles if r == role]


@dataclass(slots=True)
class Inventory:
    """Every system, vendor and KITOS-only unit of the municipality."""

    systems: list[System] = field(default_factory=list)
    vendors: dict[str, tuple[str, str | None, str]] = field(default_factory=dict)
    kitos_only_units: dict[str, tuple[str, str]] = field(default_factory=dict)


def build_inventory(org: Organisation, *, scale: float) -> Inventory:
    """Create the systems and their role holders for the organisation."""
    inv = Inventory()
    rng = org.rng
    vendor_keys = list(VENDORS) + [f"v{n:03d}" for n in range(max(10, round(180 * scale)))]
    for key in vendor_keys:
        name, cvr = VENDORS.get(key, (f"Leverandør {key[1:]} ApS", f"9{rng.randrange(10**7):07d}"))
        inv.vendors[key] = (name, cvr, org.uuid())
    externals = [_external(org) for _ in range(max(3, round(60 * scale)))]
    names = _system_names(max(12, round(SYSTEMS * scale)))
    admins = _administrator_pools(org, len(names))
    for index, name in enumerate(names):
        system = _system(org, inv, name, index, vendor_keys)
        inv.systems.append(system)
        _line_roles(org, system, admins, externals)
    budget = max(len(inv.systems), round(ASSIGNMENTS * scale)) - sum(
        len(s.roles) for s in inv.systems
    )
    _superusers(org, inv.systems, budget)
    return inv


def _system_names(count: int) -> list[str]:
    names = list(SYSTEM_NAMES)
    for index in range(max(0, count - len(names))):
        stem = STEMS[index % len(STEMS)]
        tail = TAILS[(index // len(STEMS)) % len(TAILS)]
        round_ = index // (len(STEMS) * len(TAILS))
        names.append(f"{stem}{tail}" + (f" {round_ + 1}" if round_ else ""))
    return names[:count]


def _external(org: Organisation) -> Employee:
    """A consultant KITOS knows and HR does not (DQ-01 when they hold a role)."""
    rng = org.rng
    domain = rng.choice(CONSULTANT_DOMAINS)
    first, last = rng.choice(list(org.people.values())).first, rng.choice(["Kjær", "Storm"])
    org._ids += 1
    person = Employee(
        f"x{org._ids}", first, last, org.email(first, last, domain), "", "Ekstern konsulent",
        "", False, SNAPSHOT, "", org.uuid(), external=True,
    )  # fmt: skip
    org.people[person.id] = person
    return person


def _administrator_pools(org: Organisation, systems: int) -> dict[str, list[str]]:
    """Per forvaltning: its IT supporters and staff made system administrators (~5 systems each)."""
    pools: dict[str, list[str]] = {}
    for code, _, share, _, _ in FORVALTNINGER:
        wanted = max(2, math.ceil(systems * share * 1.8 / 5))
        offices = [u for u in org.of_type("Kontor", forvaltning=code) if u.staff]
        extra = []
        for unit in org.rng.sample(offices, k=min(len(offices), wanted)):
            person = org.people[org.rng.choice(unit.staff)]
            if not person.is_manager:
                person.position = "Systemadministrator"
                extra.append(person.id)
        pools[code] = org.special[f"sup:{code}"] + extra
    pools["IT"] = org.special["it"]
    return pools


def _system(org: Organisation, inv: Inventory, name: str, index: int, vendors: list[str]) -> System:
    rng = org.rng
    lifecycle = rng.choices([c for c, _ in LIFECYCLES], [w for _, w in LIFECYCLES])[0]
    org_wide = rng.random() < 0.08
    codes = [c for c, *_ in FORVALTNINGER]
    fv = "ØKF" if org_wide else rng.choices(codes, [s for _, _, s, _, _ in FORVALTNINGER])[0]
    using = _using_units(org, fv, org_wide=org_wide)
    responsible = _responsible(org, using, fv, org_wide=org_wide)
    system = System(
        uuid=org.uuid(),
        system_uuid=org.uuid(),
        name=name,
        local_id=f"{fv}-{index + 1:04d}",
        vendor=rng.choice(vendors),
        forvaltning=fv,
        responsible=responsible,
        using=using,
        lifecycle=lifecycle,
    )
    users = sum(len(org.units[u].staff) for u in using if u in org.units)
    system.band = BANDS[sum(users >= limit for limit in (10, 50, 100))]
    if lifecycle == "NotInUse":
        system.valid_to = SNAPSHOT - timedelta(days=rng.randrange(30, 900))
    if system.in_use and _planted(org, "GM-16"):
        system.using = []
    elif system.using and _planted(org, "DQ-02"):
        kitos_uuid = org.uuid()
        inv.kitos_only_units[kitos_uuid] = (f"09{len(inv.kitos_only_units):05d}", f"Projekt {name}")
        system.using.append(kitos_uuid)
    return system


def _using_units(org: Organisation, fv: str, *, org_wide: bool) -> list[str]:
    rng = org.rng
    if org_wide:
        return [u.id for u in org.of_type("Afdeling", "Sekretariat")]
    departments = org.of_type("Afdeling", forvaltning=fv)
    if rng.random() < 0.2:
        pool = org.of_type("Kontor", "Team", forvaltning=fv)
    else:
        department = rng.choice(departments)
        offices = org.of_type("Kontor", "Team", forvaltning=fv)
        pool = [u for u in offices if department.id in org.ancestors(u.id)]
    pool = pool or departments
    count = min(len(pool), max(1, int(rng.paretovariate(1.1))))
    return [u.id for u in rng.sample(pool, k=count)]


def _responsible(org: Organisation, using: list[str], fv: str, *, org_wide: bool) -> str:
    if org_wide:
        return next(u.id for u in org.units.values() if u.name == "IT-afdelingen")
    if len(using) == 1:
        return using[0]
    return org.units[using[0]].parent or using[0]


def _planted(org: Organisation, gap: str) -> bool:
    if org.rng.random() < RATES[gap]:
        org.planted[gap.split()[0]] += 1
        return True
    return False


def _line_roles(
    org: Organisation, system: System, admins: dict[str, list[str]], externals: list[Employee]
) -> None:
    """Owner, systemansvarlig, administrators and other roles, with their planted gaps."""
    rng = org.rng
    roles = system.roles
    owner = org.leader_of(system.responsible)
    if len(system.using) > 1 and _planted(org, "GM-03"):
        owner = org.leader_of(system.using[0]) or owner
    elif _planted(org, "GM-02"):
        owner = org.people[rng.choice(org.units[system.responsible].staff)]
    if owner is not None and not _planted(org, "GM-01 none"):
        roles.append((OWNER, owner.id))
        if _planted(org, "GM-01 two"):
            second = org.leader_of(rng.choice(system.using)) if system.using else None
            if second is not None and second.id != owner.id:
                roles.append((OWNER, second.id))
    staff = [p for p in org.units[system.responsible].staff if not org.people[p].is_manager]
    candidates = staff or org.special[f"dk:{system.forvaltning}"]
    if not _planted(org, "GM-04 none"):
        count = 2 if _planted(org, "GM-04 two") else 1
        roles += [(RESP, p) for p in rng.sample(candidates, k=min(count, len(candidates)))]
    central = org.units[system.responsible].name == "IT-afdelingen"
    pool = admins["IT" if central else system.forvaltning]
    if not _planted(org, "GM-05"):
        roles += [(ADMIN, p) for p in rng.sample(pool, k=min(len(pool), rng.choice((1, 1, 2, 3))))]
    if roles and _planted(org, "DQ-01"):
        index = rng.randrange(len(roles))
        roles[index] = (roles[index][0], rng.choice(externals).id)
    for role, share in OTHER_ROLES:
        if rng.random() < share and owner is not None:
            roles.append((role, owner.id if role != "Sikkerhedsansvarlig" else rng.choice(pool)))
    if rng.random() < 0.01 and candidates:
        roles.append((LOCAL_ROLE, rng.choice(candidates)))


def _superusers(org: Organisation, systems: list[System], budget: int) -> None:
    """Spread the super-user budget over systems in use by size; plant systems without any."""
    rng = org.rng
    eligible = [s for s in systems if s.in_use and s.using and not _planted(org, "GM-06")]
    weights = [len(s.using) + 2 * (s.band[1] is None) for s in eligible]
    total = sum(weights) or 1
    for system, weight in zip(eligible, weights, strict=True):
        wanted = max(1, round(budget * weight / total))
        offices = [u for u in system.using if u in org.units]
        chosen: set[str] = set()
        for turn in range(wanted * 2):
            if len(chosen) >= wanted or not offices:
                break
            unit = org.units[offices[turn % len(offices)]]
            staff = [p for p in unit.staff if not org.people[p].is_manager] or unit.staff
            if staff:
                chosen.add(rng.choice(staff))
        system.roles += [(SU, p) for p in sorted(chosen)]
