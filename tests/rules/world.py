"""A small, healthy forvaltning that breaks no rule, for tests to change one thing at a time.

Units: the forvaltning JB, the secretariat SEK, the department JC with offices JC-A and JC-B, and
the central IT-afdeling outside the forvaltning. One system, ``s1``, used by JC-A, with exactly the
roles, reviews and facts the model asks for. Written through ``write_batch`` as an HR, a KITOS and
a register import, so the graph looks like one the importers build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from core.records import NodeRecord, PropValue, RelRecord
from core.settings import RuleSettings
from graph.driver import Graph
from graph.rules import Finding, evaluate
from graph.writer import write_batch
from tests.factories import DAY, make_batch, make_person, make_system, make_unit, rel

AS_OF = DAY

Key = tuple[str, str]


def _months_ago(months: int) -> date:
    return AS_OF - timedelta(days=30 * months)


@dataclass
class World:
    """Records per import scope, keyed so that a test can replace or drop any of them."""

    hr: dict[Key, NodeRecord] = field(default_factory=dict)
    kitos: dict[Key, NodeRecord] = field(default_factory=dict)
    register: dict[Key, NodeRecord] = field(default_factory=dict)
    rels: dict[str, list[RelRecord]] = field(
        default_factory=lambda: {"hr": [], "kitos": [], "register": []}
    )
    with_register: bool = True

    # -- building ----------------------------------------------------------------------------

    def unit(self, key: str, *, parent: str | None = None, **props: PropValue) -> NodeRecord:
        """An HR unit under ``parent``."""
        node = make_unit(key, name=key, name_norm=key.lower(), **props)
        self.hr[("OrgUnit", key)] = node
        if parent:
            self.rels["hr"].append(rel("PART_OF", node, ("OrgUnit", parent)))
        return node

    def person(
        self,
        key: str,
        *,
        unit: str | None = None,
        manages: str | None = None,
        level: str = "medarbejder",
        **props: PropValue,
    ) -> NodeRecord:
        """An HR person, member of ``unit`` and leader of ``manages``."""
        node = make_person(key, **{"name": key.upper(), "line_level": level, **props})
        self.hr[("Person", key)] = node
        if unit:
            self.rels["hr"].append(rel("MEMBER_OF", node, ("OrgUnit", unit)))
        if manages:
            self.manage(key, manages, level=level)
        return node

    def manage(self, person: str, unit: str, *, level: str, **props: PropValue) -> None:
        """A leader post of a person in a unit."""
        self.rels["hr"].append(
            rel("MANAGES", ("Person", person), ("OrgUnit", unit), level=level, **props)
        )

    def system(self, key: str, **props: PropValue) -> NodeRecord:
        """A KITOS system, healthy unless ``props`` say otherwise."""
        defaults: dict[str, PropValue] = {
            "expected_users_lower": 0,
            "expected_users_upper": 10,
            "risk_assessment": "Yes",
            "risk_assessment_date": _months_ago(12),
            "planned_risk_assessment_date": AS_OF + timedelta(days=365),
            "handles_personal_data": "Yes",
            "dpa_status": "signed",
            "financing_source": "IT-konto JB",
        }
        node = make_system(key, **{"name": key.upper(), **defaults, **props})
        self.kitos[("System", key)] = node
        return node

    def role(self, rtype: str, person: str, system: str, **props: PropValue) -> None:
        """A system role (OWNS, RESPONSIBLE_FOR, ADMINISTERS, SUPERUSER_OF, ...) from KITOS."""
        self.rels["kitos"].append(rel(rtype, ("Person", person), ("System", system), **props))

    def uses(self, unit: str, system: str, **props: PropValue) -> None:
        """A unit that uses a system."""
        self.rels["kitos"].append(rel("USES", ("OrgUnit", unit), ("System", system), **props))

    def seat(self, person: str, forum: str, **props: PropValue) -> None:
        """A seat in a forum, from the register."""
        self.rels["register"].append(rel("SITS_IN", ("Person", person), ("Forum", forum), **props))

    def holds(self, person: str, role: str, **props: PropValue) -> None:
        """An organisational role, from the register."""
        self.rels["register"].append(rel("HOLDS_ROLE", ("Person", person), ("Role", role), **props))

    def review(self, system: str, kind: str, held: date, *attendees: str) -> None:
        """A held review or vendor dialog, from the register."""
        key = f"{system}|{kind}|{held.isoformat()}"
        self.register[("Review", key)] = NodeRecord("Review", key, {"kind": kind, "date": held})
        self.rels["register"].append(rel("REVIEWS", ("Review", key), ("System", system)))
        for person in attendees:
            self.rels["register"].append(rel("ATTENDED", ("Person", person), ("Review", key)))

    def healthy_system(self, key: str, *, office: str = "JC-A", **props: PropValue) -> None:
        """A system used by ``office`` with every role, review and fact in place."""
        self.system(key, **props)
        self.uses(office, key)
        self.role("OWNS", "chef", key)
        self.role("RESPONSIBLE_FOR", "a1", key)
        self.role("ADMINISTERS", "it1", key)
        self.role("SUPERUSER_OF", "a2", key, kind="fag", appointed_by="kl-a@example.dk")
        self.review(key, "owner_review", _months_ago(2), "chef", "dk")
        self.review(key, "vendor_dialog_owner", _months_ago(3), "chef", "a1")
        self.review(key, "vendor_dialog_users", _months_ago(3), "a1", "a2")

    def drop(self, rtype: str, start: str, end: str) -> None:
        """Remove every relationship of this type between the two keys."""
        for scope, rels in self.rels.items():
            self.rels[scope] = [
                r for r in rels if not (r.type == rtype and r.from_key == start and r.to_key == end)
            ]

    def drop_review(self, system: str, kind: str) -> None:
        """Remove every review of this kind of a system, and who attended it."""
        prefix = f"{system}|{kind}|"
        self.register = {k: n for k, n in self.register.items() if not n.key.startswith(prefix)}
        self.rels["register"] = [
            r
            for r in self.rels["register"]
            if not r.to_key.startswith(prefix) and not r.from_key.startswith(prefix)
        ]

    # -- writing -----------------------------------------------------------------------------

    def write(self, graph: Graph) -> None:
        """Write the HR, KITOS and (unless dropped) register imports."""
        batches: list[tuple[str, dict[Key, NodeRecord]]] = [("hr", self.hr), ("kitos", self.kitos)]
        if self.with_register:
            batches.append(("register", self.register))
        for scope, nodes in batches:
            batch = make_batch(
                list(nodes.values()),
                self.rels[scope],
                scope=scope,
                replaces_labels=(),
                replaces_types=(),
            )
            write_batch(graph, batch)


def healthy_world() -> World:
    """The forvaltning with one healthy system, ``s1``."""
    w = World()
    w.unit("JB", depth=0)
    w.unit("SEK", parent="JB", depth=1, is_secretariat=True)
    w.unit("JC", parent="JB", depth=1)
    w.unit("JC-A", parent="JC", depth=2)
    w.unit("JC-B", parent="JC", depth=2)
    w.unit("IT", depth=None, in_forvaltning=False, is_central_it=True)
    w.person("dir", unit="JB", manages="JB", level="direktoer")
    w.person("chef-sek", unit="SEK", manages="SEK", level="chef")
    w.person("chef", unit="JC", manages="JC", level="chef")
    w.person("kl-a", unit="JC-A", manages="JC-A", level="kontorleder")
    w.person("kl-b", unit="JC-B", manages="JC-B", level="kontorleder")
    w.person("a1", unit="JC-A")
    w.person("a2", unit="JC-A")
    w.person("b1", unit="JC-B")
    w.person("dk", unit="SEK")
    w.person("it1", unit="IT")
    w.holds("dk", "digitaliseringskonsulent")
    w.holds("dk", "systemkoordinator")
    for forum in ("dds", "isu"):
        w.seat("chef-sek", forum)
    for forum in ("systemkoordinatorforum", "webredaktoerudvalget", "acadreforum"):
        w.seat("dk", forum)
    w.seat("dk", "superbrugerorganisation")
    for person in ("dir", "chef-sek", "chef"):
        w.seat(person, "chefgruppen")
    for person in ("chef", "chef-sek", "kl-a", "kl-b"):
        w.seat(person, "ledermoeder")
    w.healthy_system("s1")
    return w


def brief(findings: list[Finding]) -> list[tuple[str, str, str, list[str]]]:
    """(subject key, status, variant, related keys) of each finding, for exact assertions."""
    return [(f.subject.key, f.status, f.variant, [r.key for r in f.related]) for f in findings]


def run(
    graph: Graph,
    *rule_ids: str,
    as_of: date = AS_OF,
    excluded: tuple[str, ...] = (),
    **settings: Any,
) -> list[Finding]:
    """The findings of the named rules (all when none are named)."""
    report = evaluate(
        graph,
        as_of=as_of,
        excluded=excluded,
        rule_ids=rule_ids or None,
        params=RuleSettings(**settings),
    )
    return report.findings
