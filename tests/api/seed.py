"""The small organisation the API tests read: units, people, systems, history and a leaver.

forv (forvaltning) > afd (afdeling, led by chef) > kontor-a (led by leder-a), kontor-b;
an ended unit 'gammel'. Acadre (s1) is owned by leder-a since 2024, by chef before; Jobnet (s3)
is owned by 'gone', who left on 2026-06-01; s2 is not in use. 'leaving' leaves on 2027-01-31.
"""

from __future__ import annotations

from datetime import date

from core.records import NodeRecord, RelRecord
from graph import admin
from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import make_batch, make_person, make_system, make_unit, rel

AS_OF = date(2026, 11, 1)
BEFORE = date(2023, 6, 1)  # chef owned Acadre; 'gone' was still employed
PEOPLE_NOW = ["anna", "bo", "chef", "leaving", "leder-a"]  # current at AS_OF, by key


def seed_nodes() -> list[NodeRecord]:
    """Every node of the seed organisation."""
    return [
        make_unit(
            "forv",
            name="Jobcenter og Borgerservice",
            name_norm="jobcenter og borgerservice",
            depth=0,
        ),
        make_unit("afd", name="Jobcenteret", name_norm="jobcenteret", depth=1),
        make_unit("kontor-a", name="Kontor A", name_norm="kontor a"),
        make_unit("kontor-b", name="Kontor B", name_norm="kontor b"),
        make_unit(
            "gammel", name="Gammelt kontor", name_norm="gammelt kontor", valid_to=date(2025, 1, 1)
        ),
        make_person("chef", name="Carl Chef", line_level="chef", is_manager=True),
        make_person("leder-a", name="Lise Leder", line_level="kontorleder", is_manager=True),
        make_person("anna", name="Anna Andersen", position="Digitaliseringskonsulent"),
        make_person("bo", name="Bo Berg"),
        make_person("gone", name="Gitte Gone", valid_to=date(2026, 6, 1)),
        make_person("leaving", name="Lars Leaving", valid_to=date(2027, 1, 31)),
        make_system("s1", name="Acadre", dpa_status="signed", business_critical="Yes"),
        make_system("s2", name="Gammelt system", lifecycle="NotInUse"),
        make_system("s3", name="Jobnet"),
        NodeRecord("Vendor", "v1", {"name": "Formpipe", "cvr": "12345678"}),
    ]


def seed_rels() -> list[RelRecord]:
    """Every relationship of the seed organisation."""
    unit = {k: ("OrgUnit", k) for k in ("forv", "afd", "kontor-a", "kontor-b", "gammel")}
    person = {k: ("Person", k) for k in ("chef", "leder-a", "anna", "bo", "gone", "leaving")}
    system = {k: ("System", k) for k in ("s1", "s2", "s3")}
    return [
        rel("PART_OF", unit["afd"], unit["forv"]),
        rel("PART_OF", unit["kontor-a"], unit["afd"]),
        rel("PART_OF", unit["kontor-b"], unit["afd"]),
        rel("PART_OF", unit["gammel"], unit["afd"], valid_to=date(2025, 1, 1)),
        rel("MANAGES", person["chef"], unit["afd"], level="chef"),
        rel("MANAGES", person["leder-a"], unit["kontor-a"], level="kontorleder"),
        rel("MEMBER_OF", person["chef"], unit["afd"], position="Afdelingschef"),
        rel("MEMBER_OF", person["leder-a"], unit["kontor-a"], position="Kontorleder"),
        rel("MEMBER_OF", person["anna"], unit["kontor-a"], position="Konsulent"),
        rel("MEMBER_OF", person["bo"], unit["kontor-b"], position="Sagsbehandler"),
        rel("MEMBER_OF", person["gone"], unit["kontor-b"], valid_to=date(2026, 6, 1)),
        rel("MEMBER_OF", person["leaving"], unit["kontor-a"]),
        rel(
            "OWNS",
            person["chef"],
            system["s1"],
            valid_from=date(2019, 1, 1),
            valid_to=date(2024, 1, 1),
        ),
        rel("OWNS", person["leder-a"], system["s1"], valid_from=date(2024, 1, 1)),
        rel("RESPONSIBLE_FOR", person["anna"], system["s1"]),
        rel("ADMINISTERS", person["anna"], system["s1"]),
        rel("ADMINISTERS", person["bo"], system["s1"]),
        rel("SUPERUSER_OF", person["anna"], system["s1"], kind="it", appointed_by="leder-a"),
        rel("SUPERUSER_OF", person["bo"], system["s1"], kind="fag"),
        rel("SUPERUSER_OF", person["leaving"], system["s1"]),
        rel("USES", unit["kontor-a"], system["s1"]),
        rel("USES", unit["kontor-b"], system["s1"]),
        rel("RESPONSIBLE_UNIT_FOR", unit["kontor-a"], system["s1"]),
        rel("SUPPLIED_BY", system["s1"], ("Vendor", "v1")),
        rel("OWNS", person["gone"], system["s3"]),
        rel("USES", unit["kontor-b"], system["s3"]),
        rel("SITS_IN", person["chef"], ("Forum", "dds"), role="Repræsentant"),
        rel("HOLDS_ROLE", person["anna"], ("Role", "digitaliseringskonsulent")),
    ]


def seed(graph: Graph) -> None:
    """Write the seed organisation (the model's reference data must be loaded)."""
    batch = make_batch(seed_nodes(), seed_rels(), replaces_labels=(), replaces_types=())
    write_batch(graph, batch)


def reseed(graph: Graph) -> Graph:
    """An empty graph with the model's reference data and the seed organisation."""
    admin.reset_database(graph)
    admin.init_database(graph)
    seed(graph)
    return graph
