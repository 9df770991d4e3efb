"""What the governance register adds: super-users' kinds and appointments, reviews, fora, roles.

Also each system's risk assessment, financing and data-processing agreement. Gaps are planted
at the rates in ``RATES`` and counted in ``Organisation.planted``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks.inventory import Inventory, System
from benchmarks.org import SNAPSHOT, Organisation
from benchmarks.reuse import ADMIN, OWNER, RESP, SU

RATES = {
    "unregistered superuser": 0.08,
    "GM-07": 0.02,
    "GM-08 old": 0.10,
    "GM-08 none": 0.05,
    "GM-09 owner": 0.15,
    "GM-09 users": 0.20,
    "GM-11 financing": 0.05,
    "GM-11 dpa": 0.08,
    "GM-11 overdue": 0.07,
    "GM-11 none": 0.08,
    "no register row": 0.03,
    "by uuid": 0.05,
}


@dataclass(slots=True)
class Register:
    """The rows of the governance register, as ids; the writer turns them into e-mails."""

    superusers: list[tuple[System, str, str, str | None, date]] = field(default_factory=list)
    reviews: list[tuple[System, str, date, list[str]]] = field(default_factory=list)
    seats: list[tuple[str, str, str]] = field(default_factory=list)  # forum key, person, role
    roles: list[tuple[str, str, date, date | None]] = field(default_factory=list)


def build_register(org: Organisation, inv: Inventory) -> Register:
    """Fill in the systems' register facts and build the register's rows."""
    register = Register()
    for system in inv.systems:
        _system_facts(org, system)
        _superuser_rows(org, system, register)
        if system.in_use and system.holders(OWNER):
            _reviews(org, system, register)
    _fora_and_roles(org, register)
    return register


def _hit(org: Organisation, gap: str) -> bool:
    if org.rng.random() < RATES[gap]:
        if gap.startswith(("GM", "DQ")):
            org.planted[gap.split()[0]] += 1
        return True
    return False


def _system_facts(org: Organisation, system: System) -> None:
    rng = org.rng
    done = SNAPSHOT - timedelta(days=rng.randrange(30, 700))
    system.risk = ("Yes", done, done + timedelta(days=730))
    if _hit(org, "GM-11 overdue"):
        done = SNAPSHOT - timedelta(days=rng.randrange(800, 1400))
        system.risk = ("Yes", done, done + timedelta(days=730))
    elif _hit(org, "GM-11 none"):
        system.risk = (rng.choice(("No", "DontKnow")), None, None)
    system.personal_data = rng.random() < 0.7
    system.dpa = ("Nej" if _hit(org, "GM-11 dpa") else "Ja") if system.personal_data else None
    system.dpa = system.dpa or "Ikke relevant"
    responsible = org.units[system.responsible]
    system.financing = f"Omkostningssted {responsible.id[1:]}"
    if _hit(org, "GM-11 financing"):
        system.financing = None
    if _hit(org, "no register row"):
        system.dpa = None
    system.by_uuid = _hit(org, "by uuid")


def _superuser_rows(org: Organisation, system: System, register: Register) -> None:
    rng = org.rng
    units = [u for u in system.using if u in org.units]
    for person_id in system.holders(SU):
        if _hit(org, "unregistered superuser"):
            continue
        person = org.people[person_id]
        leader = org.leader_of(person.unit, skip=person.id)
        if units and _hit(org, "GM-07"):
            other = [u for u in units if u != person.unit and org.units[u].leader]
            leader = org.leader_of(rng.choice(other)) if other else leader
        kind = "IT-superbruger" if len(system.using) > 30 else "Fag-superbruger"
        if rng.random() < 0.1:
            kind = "Teknisk superbruger"
        since = SNAPSHOT - timedelta(days=rng.randrange(30, 2000))
        register.superusers.append((system, person_id, kind, leader.id if leader else None, since))


def _reviews(org: Organisation, system: System, register: Register) -> None:
    rng = org.rng
    owners = system.holders(OWNER)
    others = system.holders(RESP) + system.holders(ADMIN)
    consultants = org.special[f"dk:{system.forvaltning}"]
    plan = (
        ("owner_review", "GM-08 old", "GM-08 none", 170, [*owners, rng.choice(consultants)]),
        ("vendor_dialog_owner", "GM-09 owner", None, 350, owners + others[:1]),
        ("vendor_dialog_users", "GM-09 users", None, 350, others + system.holders(SU)[:3]),
    )
    for kind, old_gap, none_gap, within, people in plan:
        if none_gap and _hit(org, none_gap):
            continue
        days = rng.randrange(5, within)
        if _hit(org, old_gap):
            days = rng.randrange(within + 20, within + 400)
        attendees = list(dict.fromkeys(people))
        register.reviews.append((system, kind, SNAPSHOT - timedelta(days=days), attendees))
        if kind == "owner_review" and rng.random() < 0.3:  # the review before, for history
            held = SNAPSHOT - timedelta(days=days + 182)
            register.reviews.append((system, kind, held, attendees))


def _fora_and_roles(org: Organisation, register: Register) -> None:
    """Every forvaltning's secretariat head in DDS and ISU; consultants in the other fora."""
    rng = org.rng
    for code in sorted({u.forvaltning for u in org.units.values() if u.forvaltning}):
        secretariat = org.of_type("Sekretariat", forvaltning=code)[0]
        consultants = org.special[f"dk:{code}"]
        head = secretariat.leader or consultants[0]
        isu = consultants[0] if code == "JB" else head  # GM-10: ISU without a chef
        register.seats += [("dds", head, "Repræsentant"), ("isu", isu, "Repræsentant")]
        for forum in ("systemkoordinatorforum", "acadreforum", "superbrugerorganisation"):
            register.seats.append((forum, rng.choice(consultants), "Medlem"))
        register.seats.append(("webredaktoerudvalget", consultants[-1], "Medlem"))
        for index, person in enumerate(consultants):
            since = SNAPSHOT - timedelta(days=rng.randrange(200, 2500))
            register.roles.append((person, "Digitaliseringskonsulent", since, None))
            if index % 2 == 0:
                register.roles.append((person, "Systemkoordinator", since, None))
    top = org.of_type("Magistratsafdeling", forvaltning="JB")[0]
    chefs = [u.leader for u in org.of_type("Afdeling", "Sekretariat", forvaltning="JB")]
    register.seats += [("chefgruppen", p, "Medlem") for p in [top.leader, *chefs] if p]
    leaders = [u.leader for u in org.units.values() if u.forvaltning == "JB" and u.leader]
    register.seats += [("ledermoeder", p, "Deltager") for p in leaders]
    org.planted["GM-10"] += 1
