"""GET /api/units, /api/forums and /api/roles (and their single items)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from schema import governance
from tests.api.seed import AS_OF

pytestmark = pytest.mark.usefixtures("seeded")
NOW = {"as_of": AS_OF.isoformat()}


def keys(body: dict) -> list[str]:
    return [item["key"] for item in body["items"]]


def test_units_are_listed_top_down(client: TestClient, reader: dict) -> None:
    body = client.get("/api/units", params=NOW, headers=reader).json()
    assert keys(body) == ["forv", "afd", "kontor-a", "kontor-b"]
    assert body["items"][1]["parent"] == {
        "label": "OrgUnit",
        "key": "forv",
        "name": "Jobcenter og Borgerservice",
    }


def test_an_ended_unit_shows_only_when_asked(client: TestClient, reader: dict) -> None:
    body = client.get("/api/units", params={**NOW, "include_ended": "true"}, headers=reader).json()
    assert "gammel" in keys(body)


def test_units_filter_by_parent_and_text(client: TestClient, reader: dict) -> None:
    children = client.get("/api/units", params={**NOW, "parent": "afd"}, headers=reader).json()
    found = client.get("/api/units", params={**NOW, "q": "kontor  B"}, headers=reader).json()
    assert keys(children) == ["kontor-a", "kontor-b"]
    assert keys(found) == ["kontor-b"]


def test_a_unit_has_leaders_members_and_systems(client: TestClient, reader: dict) -> None:
    body = client.get("/api/units/kontor-a", params=NOW, headers=reader).json()
    assert [h["key"] for h in body["leaders"]] == ["leder-a"]
    assert [h["key"] for h in body["members"]] == ["anna", "leaving", "leder-a"]
    assert [s["key"] for s in body["systems"]] == ["s1"]
    assert body["parent"]["key"] == "afd"


def test_a_unit_lists_its_current_sub_units(client: TestClient, reader: dict) -> None:
    body = client.get("/api/units/afd", params=NOW, headers=reader).json()
    assert [c["key"] for c in body["children"]] == ["kontor-a", "kontor-b"]


def test_an_unknown_unit_is_404(client: TestClient, reader: dict) -> None:
    assert client.get("/api/units/nope", headers=reader).status_code == 404


def test_forums_are_the_models_forums(client: TestClient, reader: dict) -> None:
    body = client.get("/api/forums", headers=reader).json()
    assert sorted(keys(body)) == sorted(f.key for f in governance.forums())


def test_a_forum_has_its_members_and_required_roles(client: TestClient, reader: dict) -> None:
    body = client.get("/api/forums/dds", params=NOW, headers=reader).json()
    assert body["required_representation"] == ["chef"]
    assert [(m["key"], m["role"]) for m in body["members"]] == [("chef", "Repræsentant")]


def test_an_unknown_forum_is_404(client: TestClient, reader: dict) -> None:
    assert client.get("/api/forums/nope", headers=reader).status_code == 404


def test_roles_are_the_models_roles_with_responsibilities(client: TestClient, reader: dict) -> None:
    body = client.get("/api/roles", params={"limit": 20}, headers=reader).json()
    assert sorted(keys(body)) == sorted(r.key for r in governance.roles())
    owner = next(r for r in body["items"] if r["key"] == "systemejer")
    assert {d["key"] for d in owner["responsibilities"]} == {
        r.key for r in governance.role("systemejer").responsibilities
    }


def test_roles_filter_by_track(client: TestClient, reader: dict) -> None:
    body = client.get("/api/roles", params={"track": "linje", "limit": 20}, headers=reader).json()
    assert body["total"] == len([r for r in governance.roles() if r.track == "linje"])


def test_a_role_by_key_and_an_unknown_one(client: TestClient, reader: dict) -> None:
    assert client.get("/api/roles/systemejer", headers=reader).json()["name_en"] == "System owner"
    assert client.get("/api/roles/konge", headers=reader).status_code == 404
