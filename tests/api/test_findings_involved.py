"""The findings tables of the pages list each involved entity once, with its roles (issue 19)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.rules import Entity, Finding, RelatedEntity
from schema.catalogue import Text
from tests.rules.world import AS_OF, healthy_world
from visualise.findings import Involved, involved


def _finding(*related: tuple[str, str]) -> Finding:
    """A GM-14 finding about IT1 naming systems by (key, role)."""
    return Finding(
        rule="GM-14",
        severity="medium",
        status="violated",
        subject=Entity(label="Person", key="it1", name="IT1"),
        related=[
            RelatedEntity(label="System", key=key, name=key.upper(), relation=role)
            for key, role in related
        ],
        message=Text(da="IT1 er alene om mange roller.", en="IT1 alone holds many roles."),
    )


def test_an_entity_named_once_per_role_is_listed_once_with_its_roles() -> None:
    finding = _finding(("a", "systemansvarlig"), ("b", "systemejer"), ("a", "systemadministrator"))
    assert involved(finding, "da") == [
        Involved("System", "a", "A", ("systemansvarlig", "systemadministrator")),
        Involved("System", "b", "B", ("systemejer",)),
    ]


def test_involved_roles_are_named_in_the_page_language() -> None:
    finding = _finding(("a", "systemansvarlig"), ("a", "medlem"), ("a", "bruger"))
    assert involved(finding, "en")[0].roles == ("system responsible", "member", "user")


def test_a_role_named_twice_is_listed_once() -> None:
    finding = _finding(("a", "systemejer"), ("a", "systemejer"))
    assert involved(finding, "da")[0].roles == ("systemejer",)


def test_system_page_lists_each_system_of_a_gm14_finding_once(
    model_graph: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    world = healthy_world()
    for i in range(6):  # it1 alone is systemansvarlig and administrator of x0..x5, and of s1
        world.system(f"x{i}")
        world.role("RESPONSIBLE_FOR", "it1", f"x{i}")
        world.role("ADMINISTERS", "it1", f"x{i}")
    world.write(model_graph)
    page = client.get(f"/system/x0?as_of={AS_OF.isoformat()}", headers=reader).text
    rows = [row for row in re.findall(r"<tr class=\"finding.*?</tr>", page, re.S) if "GM-14" in row]
    assert rows, "the system page shows it1's GM-14 findings"
    for row in rows:
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        text = re.sub(r"<[^>]+>", "", cells[-1]).split()
        listed = " ".join(text)
        assert listed.count("X0") == 1, listed
        assert "X0 (systemansvarlig, systemadministrator)" in listed
