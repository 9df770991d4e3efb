"""GM-06, GM-07 and GM-15: enough super-users, appointed by their leader, within reach."""

from __future__ import annotations

from datetime import date

import pytest

from graph.driver import Graph
from tests.rules.world import World, brief, run


def test_system_with_enough_superusers_satisfies_gm06(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-06") == []


def test_system_without_superuser_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("SUPERUSER_OF", "a2", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-06")
    assert brief(findings) == [("s1", "violated", "none", [])]
    assert findings[0].message.en == "S1 has no super-user."


def test_large_system_with_too_few_superusers_is_reported(model_graph: Graph, world: World) -> None:
    world.system("s1", expected_users_lower=100, expected_users_upper=120)
    world.write(model_graph)
    findings = run(model_graph, "GM-06")
    assert brief(findings) == [("s1", "violated", "too_few", ["a2"])]
    assert findings[0].message.en == (
        "S1 has 1 super-user(s); with up to 120 users it should have 3."
    )


@pytest.mark.parametrize(
    ("lower", "upper", "needed"),
    [(0, 10, 1), (10, 50, 1), (50, 51, 2), (50, 100, 2), (100, None, 2), (None, None, 1)],
)
def test_superusers_needed_is_one_per_started_block_of_users(
    model_graph: Graph, world: World, lower: int | None, upper: int | None, needed: int
) -> None:
    world.system("s1", expected_users_lower=lower, expected_users_upper=upper)
    world.write(model_graph)
    findings = run(model_graph, "GM-06")
    assert len(findings) == (0 if needed == 1 else 1)


@pytest.mark.parametrize(("superusers", "reported"), [(11, True), (12, False)])
def test_a_system_that_needs_more_than_ten_superusers_counts_them_all(
    model_graph: Graph, world: World, superusers: int, reported: bool
) -> None:
    world.system("s1", expected_users_lower=550, expected_users_upper=600)  # 12 needed
    for n in range(1, superusers):  # a2 is the first
        world.person(f"su{n:02d}")
        world.role("SUPERUSER_OF", f"su{n:02d}", "s1", kind="fag")
    world.write(model_graph)
    findings = run(model_graph, "GM-06")
    assert [f.message.en for f in findings] == (
        ["S1 has 11 super-user(s); with up to 600 users it should have 12."] if reported else []
    )


def test_users_per_superuser_is_configurable(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert brief(run(model_graph, "GM-06", users_per_superuser=5)) == [
        ("s1", "violated", "too_few", ["a2"])
    ]


def test_superuser_appointed_by_their_office_leader_satisfies_gm07(
    model_graph: Graph, world: World
) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-07") == []


@pytest.mark.parametrize("appointer", ["chef@example.dk", "CHEF@Example.dk", "kl-a"])
def test_superuser_appointed_by_a_leader_above_or_by_key_satisfies_gm07(
    model_graph: Graph, world: World, appointer: str
) -> None:
    world.drop("SUPERUSER_OF", "a2", "s1")
    world.role("SUPERUSER_OF", "a2", "s1", kind="fag", appointed_by=appointer)
    world.write(model_graph)
    assert run(model_graph, "GM-07") == []


def test_superuser_appointed_by_another_office_leader_is_reported(
    model_graph: Graph, world: World
) -> None:
    world.drop("SUPERUSER_OF", "a2", "s1")
    world.role("SUPERUSER_OF", "a2", "s1", kind="fag", appointed_by="kl-b@example.dk")
    world.write(model_graph)
    findings = run(model_graph, "GM-07")
    assert brief(findings) == [("s1", "violated", "not_leader", ["a2", "kl-b"])]
    assert findings[0].message.en == (
        "A2, super-user of S1, was appointed by KL-B, who does not lead the super-user's office."
    )


@pytest.mark.parametrize(
    ("appointed", "expected"), [(date(2024, 5, 1), []), (date(2025, 6, 1), ["not_leader"])]
)
def test_superuser_appointed_by_the_office_leader_of_the_day_satisfies_gm07(
    model_graph: Graph, world: World, appointed: date, expected: list[str]
) -> None:
    world.person("kl-old", unit="JC", level="kontorleder")
    world.manage(
        "kl-old",
        "JC-A",
        level="kontorleder",
        valid_from=date(2020, 1, 1),
        valid_to=date(2025, 1, 1),
    )
    world.drop("SUPERUSER_OF", "a2", "s1")
    world.role("SUPERUSER_OF", "a2", "s1", appointed_by="kl-old", valid_from=appointed)
    world.write(model_graph)
    assert [f.variant for f in run(model_graph, "GM-07")] == expected


@pytest.mark.parametrize(
    ("appointer", "variant"),
    [(None, "not_recorded"), ("nobody@example.dk", "unknown_appointer")],
)
def test_unknown_appointment_is_reported_as_unknown(
    model_graph: Graph, world: World, appointer: str | None, variant: str
) -> None:
    world.drop("SUPERUSER_OF", "a2", "s1")
    world.role("SUPERUSER_OF", "a2", "s1", kind="fag", appointed_by=appointer)
    world.write(model_graph)
    assert brief(run(model_graph, "GM-07")) == [("s1", "unknown", variant, ["a2"])]


def test_office_with_a_superuser_of_its_own_satisfies_gm15(
    model_graph: Graph, world: World
) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-15") == []


def test_office_with_a_superuser_in_its_department_satisfies_gm15(
    model_graph: Graph, world: World
) -> None:
    world.uses("JC-B", "s1")
    world.write(model_graph)
    assert run(model_graph, "GM-15") == []


def test_office_without_a_superuser_in_reach_is_reported(model_graph: Graph, world: World) -> None:
    world.uses("SEK", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-15")
    assert brief(findings) == [("s1", "violated", "", ["SEK", "a2"])]
    assert findings[0].message.en == (
        "SEK uses S1, but no super-user of it works in the office or its department."
    )


def test_offices_of_a_system_without_superusers_are_reported(
    model_graph: Graph, world: World
) -> None:
    world.uses("JC-B", "s1")
    world.drop("SUPERUSER_OF", "a2", "s1")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-15")) == [
        ("s1", "violated", "none", ["JC-A"]),
        ("s1", "violated", "none", ["JC-B"]),
    ]


def test_units_outside_the_forvaltning_are_not_held_to_gm15(
    model_graph: Graph, world: World
) -> None:
    world.uses("IT", "s1")
    world.write(model_graph)
    assert run(model_graph, "GM-15") == []
