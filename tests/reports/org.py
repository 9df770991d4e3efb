"""A small forvaltning for the report tests, written through the writer as real imports would be.

Units: the forvaltning JB, its secretariat SEK, the department JC with the office JC-A, and the
central IT-afdeling IT outside the forvaltning. People: the director, the chef of JC, the
kontorleder of JC-A, an employee of JC-A, a digitaliseringskonsulent in SEK and an IT person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from core.records import NodeRecord, PropValue, RelRecord
from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import make_batch, make_person, make_system, make_unit, rel

BASELINE = date(2026, 7, 1)  # the first HR and KITOS imports, in 2026Q3
KITOS_TYPES = (
    "OWNS",
    "RESPONSIBLE_FOR",
    "ADMINISTERS",
    "SUPERUSER_OF",
    "USES",
    "SUPPLIED_BY",
    "RESPONSIBLE_UNIT_FOR",
)


def hr_records(
    people: Mapping[str, Mapping[str, PropValue]] | None = None,
) -> tuple[list[NodeRecord], list[RelRecord]]:
    """Units and people; ``people`` overrides a person's properties by key."""
    units = [
        make_unit("JB", name="Jobcenter og Borgerservice", depth=0),
        make_unit("SEK", name="JB-sekretariatet", depth=1, is_secretariat=True),
        make_unit("JC", name="Jobcenter", depth=1),
        make_unit("JC-A", name="Jobcenter Unge", depth=2),
        make_unit("IT", name="IT-afdelingen", depth=None, in_forvaltning=False, is_central_it=True),
    ]
    staff = {
        "dir": ("JB", "direktoer", True),
        "chef": ("JC", "chef", True),
        "kl-a": ("JC-A", "kontorleder", True),
        "a1": ("JC-A", "medarbejder", False),
        "dk": ("SEK", "medarbejder", False),
        "it1": ("IT", "medarbejder", False),
    }
    nodes: list[NodeRecord] = list(units)
    rels = [
        rel("PART_OF", ("OrgUnit", "SEK"), ("OrgUnit", "JB")),
        rel("PART_OF", ("OrgUnit", "JC"), ("OrgUnit", "JB")),
        rel("PART_OF", ("OrgUnit", "JC-A"), ("OrgUnit", "JC")),
    ]
    for key, (unit, level, leads) in staff.items():
        props: dict[str, PropValue] = {"name": key.upper(), "line_level": level}
        props.update((people or {}).get(key, {}))
        nodes.append(make_person(key, **props))
        rels.append(rel("MEMBER_OF", ("Person", key), ("OrgUnit", unit)))
        if leads:
            rels.append(rel("MANAGES", ("Person", key), ("OrgUnit", unit), level=level))
    return nodes, rels


def write_hr(
    graph: Graph,
    *,
    snapshot: date = BASELINE,
    people: Mapping[str, Mapping[str, PropValue]] | None = None,
) -> None:
    """Import the HR records as of ``snapshot``, with ``people``'s overrides."""
    nodes, rels = hr_records(people)
    write_batch(graph, make_batch(nodes, rels, scope="hr", snapshot_date=snapshot))


def system(key: str, **props: PropValue) -> NodeRecord:
    """A system in operation with financing and an expected-users band."""
    defaults: dict[str, PropValue] = {
        "financing_source": "IT-konto JB",
        "expected_users_lower": 10,
        "expected_users_upper": 50,
    }
    return make_system(key, **{**defaults, **props})


def vendor(key: str, name: str) -> NodeRecord:
    """A vendor."""
    return NodeRecord("Vendor", key, {"name": name, "cvr": key})


def holds(rtype: str, person: str, system_key: str, **props: PropValue) -> RelRecord:
    """A person's system role (OWNS, RESPONSIBLE_FOR, ...)."""
    return rel(rtype, ("Person", person), ("System", system_key), **props)


def write_kitos(
    graph: Graph,
    nodes: Sequence[NodeRecord],
    rels: Sequence[RelRecord] = (),
    *,
    snapshot: date = BASELINE,
) -> None:
    """Import a KITOS snapshot: it replaces the systems and system roles of the previous one."""
    batch = make_batch(
        list(nodes),
        list(rels),
        scope="kitos",
        snapshot_date=snapshot,
        replaces_labels=("System",),
        replaces_types=KITOS_TYPES,
    )
    write_batch(graph, batch)


def review(system_key: str, kind: str, held: date, *attendees: str) -> list[NodeRecord | RelRecord]:
    """A held review: its node, REVIEWS and ATTENDED."""
    key = f"{system_key}|{kind}|{held.isoformat()}"
    records: list[NodeRecord | RelRecord] = [
        NodeRecord("Review", key, {"kind": kind, "date": held}),
        rel("REVIEWS", ("Review", key), ("System", system_key)),
    ]
    records += [rel("ATTENDED", ("Person", p), ("Review", key)) for p in attendees]
    return records


def write_register(
    graph: Graph, records: Sequence[NodeRecord | RelRecord], *, snapshot: date = BASELINE
) -> None:
    """Import a register snapshot: reviews and organisational roles."""
    batch = make_batch(
        [r for r in records if isinstance(r, NodeRecord)],
        [r for r in records if isinstance(r, RelRecord)],
        scope="register",
        snapshot_date=snapshot,
        replaces_labels=("Review",),
        replaces_types=("REVIEWS", "ATTENDED", "HOLDS_ROLE"),
    )
    write_batch(graph, batch)
