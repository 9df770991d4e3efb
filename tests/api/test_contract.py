"""The schema says what the server accepts: strict dates, rule ids, names, methods, conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from schema.catalogue import load_catalogue
from tests.api.seed import AS_OF

pytestmark = pytest.mark.usefixtures("seeded")
LISTS = [
    "/api/people",
    "/api/systems",
    "/api/units",
    "/api/relationships",
    "/api/departures",
    "/api/reports/quarterly",
]


def _parameter(client: TestClient, path: str, name: str) -> dict[str, Any]:
    operation = client.get("/openapi.json").json()["paths"][path]["get"]
    [found] = [p for p in operation["parameters"] if p["name"] == name]
    return found["schema"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("as_of", ["0", "1700000000", "20261101", "2026-11-01T00:00", "0001-01-01"])
def test_as_of_that_is_no_iso_date_in_range_is_refused(
    client: TestClient, analyst: dict, path: str, as_of: str
) -> None:
    response = client.get(path, params={"as_of": as_of}, headers=analyst)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["location"] == ["query", "as_of"]


@pytest.mark.parametrize("path", LISTS)
def test_as_of_is_a_date_in_the_schema_and_an_iso_date_is_answered(
    client: TestClient, analyst: dict, path: str
) -> None:
    [date_schema, _null] = _parameter(client, path, "as_of")["anyOf"]
    assert (date_schema["type"], date_schema["format"]) == ("string", "date")
    response = client.get(path, params={"as_of": AS_OF.isoformat()}, headers=analyst)
    assert response.status_code == 200


def test_rule_ids_are_the_catalogues_enum(client: TestClient, reader: dict) -> None:
    [rules, _null] = _parameter(client, "/api/gaps", "rule")["anyOf"]
    enum = client.get("/openapi.json").json()["components"]["schemas"]["RuleId"]["enum"]
    assert rules["items"] == {"$ref": "#/components/schemas/RuleId"}
    assert enum == [rule.id for rule in load_catalogue()]
    assert client.get("/api/gaps?rule=AA-00", headers=reader).status_code == 422


@pytest.mark.parametrize("path", ["/api/calendar/%20%C2%85.ics", "/api/handover/%E3%80%80"])
def test_a_blank_person_is_refused_as_the_schema_says(
    client: TestClient, analyst: dict, path: str
) -> None:
    response = client.get(path, headers=analyst)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "string_pattern_mismatch"


def test_a_wrong_method_names_every_method_the_path_allows(
    client: TestClient, admin_headers: dict
) -> None:
    response = client.options("/api/tokens", headers=admin_headers)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"


def test_a_path_named_literally_allows_only_its_own_methods(
    client: TestClient, admin_headers: dict
) -> None:
    # /api/decisions/preview is not also a decision key of GET /api/decisions/{key}.
    response = client.options("/api/decisions/preview", headers=admin_headers)
    assert (response.status_code, response.headers["allow"]) == (405, "POST")
    decision = client.options("/api/decisions/decision-1", headers=admin_headers)
    assert decision.headers["allow"] == "GET"


def test_a_token_name_in_use_is_a_conflict(client: TestClient, admin_headers: dict) -> None:
    body = {"name": "kontor-7", "scope": "reader"}
    assert client.post("/api/tokens", json=body, headers=admin_headers).status_code == 201
    again = client.post("/api/tokens", json=body, headers=admin_headers)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
