"""GET /api/systems, /api/systems/{key} and /api/systems/{key}/organisation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.seed import AS_OF, BEFORE

pytestmark = pytest.mark.usefixtures("seeded")
NOW = {"as_of": AS_OF.isoformat()}


def keys(body: dict) -> list[str]:
    return [item["key"] for item in body["items"]]


def test_systems_are_listed_by_name(client: TestClient, reader: dict) -> None:
    body = client.get("/api/systems", params=NOW, headers=reader).json()
    assert [s["name"] for s in body["items"]] == ["Acadre", "Gammelt system", "Jobnet"]


def test_systems_filter_by_use_and_life_cycle(client: TestClient, reader: dict) -> None:
    in_use = client.get("/api/systems", params={**NOW, "in_use": "true"}, headers=reader).json()
    retired = client.get(
        "/api/systems", params={**NOW, "lifecycle": "NotInUse"}, headers=reader
    ).json()
    assert keys(in_use) == ["s1", "s3"]
    assert keys(retired) == ["s2"] and retired["items"][0]["in_use"] is False


def test_systems_filter_by_using_unit(client: TestClient, reader: dict) -> None:
    body = client.get("/api/systems", params={**NOW, "unit": "kontor-a"}, headers=reader).json()
    assert keys(body) == ["s1"]


def test_an_unknown_life_cycle_is_422(client: TestClient, reader: dict) -> None:
    assert client.get("/api/systems", params={"lifecycle": "x"}, headers=reader).status_code == 422


def test_a_system_has_its_status_and_vendor(client: TestClient, reader: dict) -> None:
    body = client.get("/api/systems/s1", params=NOW, headers=reader).json()
    assert body["dpa_status"] == "signed" and body["business_critical"] == "Yes"
    assert body["vendors"] == [{"label": "Vendor", "key": "v1", "name": "Formpipe"}]


def test_an_unknown_system_is_404(client: TestClient, reader: dict) -> None:
    response = client.get("/api/systems/nope", headers=reader)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not-found"


def test_the_system_organisation_names_every_role(client: TestClient, reader: dict) -> None:
    body = client.get("/api/systems/s1/organisation", params=NOW, headers=reader).json()
    assert [h["key"] for h in body["owners"]] == ["leder-a"]
    assert [h["key"] for h in body["responsible"]] == ["anna"]
    assert sorted(h["key"] for h in body["administrators"]) == ["anna", "bo"]
    assert [h["key"] for h in body["superusers"]["it"]] == ["anna"]
    assert [h["key"] for h in body["superusers"]["fag"]] == ["bo"]
    assert [h["key"] for h in body["superusers"]["unspecified"]] == ["leaving"]
    assert body["superusers"]["it"][0]["appointed_by"] == "leder-a"
    assert [u["key"] for u in body["using_units"]] == ["kontor-a", "kontor-b"]
    assert [u["key"] for u in body["responsible_units"]] == ["kontor-a"]
    assert body["system"]["vendors"][0]["key"] == "v1"


def test_the_system_organisation_as_of_a_past_date(client: TestClient, reader: dict) -> None:
    body = client.get(
        "/api/systems/s1/organisation", params={"as_of": BEFORE.isoformat()}, headers=reader
    ).json()
    assert [h["key"] for h in body["owners"]] == ["chef"]


def test_an_owner_who_left_is_shown_inactive(client: TestClient, reader: dict) -> None:
    body = client.get("/api/systems/s3/organisation", params=NOW, headers=reader).json()
    assert body["owners"][0]["key"] == "gone" and body["owners"][0]["active"] is False


def test_the_organisation_of_an_unknown_system_is_404(client: TestClient, reader: dict) -> None:
    assert client.get("/api/systems/nope/organisation", headers=reader).status_code == 404
