"""Tolerant matching of KITOS role names, and the relationships role assignments become."""

from __future__ import annotations

import pytest

from importers.roles import invalid_role_map_targets, match_role, role_relationship
from schema.model import SystemRole


@pytest.mark.parametrize(
    ("name", "relationship"),
    [
        ("Systemejer", "OWNS"),
        ("Systemansvarlig", "RESPONSIBLE_FOR"),
        ("Systemadministrator", "ADMINISTERS"),
        ("Superbruger", "SUPERUSER_OF"),
        ("Forretningsejer", "HAS_SYSTEM_ROLE"),
    ],
)
def test_kitos_default_roles_map_to_their_relationship(name: str, relationship: str) -> None:
    assert match_role(name).relationship == relationship


def test_kitos_misspelt_systemadminstrator_is_an_administrator() -> None:
    assert match_role("Systemadminstrator").role is SystemRole.SYSTEMADMINISTRATOR


@pytest.mark.parametrize("name", ["SYSTEMEJER", " system ejer ", "System-ejer", "system_ejer"])
def test_role_names_match_despite_case_spacing_and_hyphens(name: str) -> None:
    assert match_role(name).role is SystemRole.SYSTEMEJER


def test_plain_superbruger_has_no_kind() -> None:
    assert match_role("Superbruger").kind is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [("IT-superbruger", "it"), ("Fag superbruger", "fag"), ("Teknisk superbruger", "teknisk")],
)
def test_a_superbruger_role_named_for_its_kind_carries_the_kind(name: str, kind: str) -> None:
    assert match_role(name).kind == kind


def test_superbrugeransvarlig_is_not_a_superbruger() -> None:
    match = match_role("Superbrugeransvarlig")
    assert (match.role, match.known) == (SystemRole.OTHER, True)


def test_a_role_kitos_does_not_know_is_kept_as_unknown_other_role() -> None:
    match = match_role("Lokal tovholder")
    assert (match.role, match.known) == (SystemRole.OTHER, False)


def test_configured_local_name_wins_over_the_name() -> None:
    match = match_role("Lokal ejer", role_map={"lokal ejer": "systemejer"})
    assert match.role is SystemRole.SYSTEMEJER


def test_configured_role_uuid_wins_over_the_name() -> None:
    role_map = {"AAAA-1": "fag-superbruger"}
    match = match_role("Systemejer", uuid="aaaa-1", role_map=role_map)
    assert (match.role, match.kind) == (SystemRole.SUPERBRUGER, "fag")


def test_role_map_targets_that_are_no_model_role_are_reported() -> None:
    assert invalid_role_map_targets({"Ejer": "systemejer", "Chef": "boss"}) == ["Chef"]


def test_superuser_assignment_carries_a_null_kind() -> None:
    rel = role_relationship(
        match_role("Superbruger"), person_key="p", system_key="s", role_name="Superbruger"
    )
    assert (rel.type, dict(rel.props)) == ("SUPERUSER_OF", {"kind": None})


def test_other_role_keeps_its_original_name() -> None:
    rel = role_relationship(
        match_role("Dataejer"), person_key="p", system_key="s", role_name="Dataejer"
    )
    assert (rel.type, dict(rel.props)) == ("HAS_SYSTEM_ROLE", {"role": "Dataejer"})


def test_owner_assignment_joins_person_to_system() -> None:
    rel = role_relationship(
        match_role("Systemejer"), person_key="p", system_key="s", role_name="Systemejer"
    )
    assert (rel.from_label, rel.from_key, rel.to_label, rel.to_key) == (
        "Person",
        "p",
        "System",
        "s",
    )
