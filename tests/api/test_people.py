"""GET /api/people, /api/people/{key} and /api/people/{key}/relationships."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from tests.api.conftest import MAX_PAGE
from tests.api.seed import AS_OF, BEFORE, PEOPLE_NOW

pytestmark = pytest.mark.usefixtures("seeded")
NOW = {"as_of": AS_OF.isoformat()}


def keys(body: dict) -> list[str]:
    return [item["key"] for item in body["items"]]


def test_people_lists_who_is_current_at_as_of(client: TestClient, reader: dict) -> None:
    body = client.get("/api/people", params=NOW, headers=reader).json()
    assert sorted(keys(body)) == PEOPLE_NOW
    assert body["total"] == len(PEOPLE_NOW)
    assert all(p["active"] for p in body["items"])


def test_people_as_of_a_past_date_includes_who_had_not_left(
    client: TestClient, reader: dict
) -> None:
    body = client.get("/api/people", params={"as_of": BEFORE.isoformat()}, headers=reader).json()
    assert "gone" in keys(body)


def test_people_include_departed_adds_leavers_marked_inactive(
    client: TestClient, reader: dict
) -> None:
    body = client.get(
        "/api/people", params={**NOW, "include_departed": "true"}, headers=reader
    ).json()
    gone = next(p for p in body["items"] if p["key"] == "gone")
    assert gone["active"] is False
    assert gone["valid_to"] == "2026-06-01"


def test_people_pages_with_limit_and_offset(client: TestClient, reader: dict) -> None:
    first = client.get("/api/people", params={**NOW, "limit": 2}, headers=reader).json()
    second = client.get(
        "/api/people", params={**NOW, "limit": 2, "offset": 2}, headers=reader
    ).json()
    assert (first["limit"], first["offset"], first["total"]) == (2, 0, len(PEOPLE_NOW))
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert not set(keys(first)) & set(keys(second))


def test_people_offset_past_the_end_gives_an_empty_page(client: TestClient, reader: dict) -> None:
    body = client.get("/api/people", params={**NOW, "offset": 100}, headers=reader).json()
    assert body["items"] == [] and body["total"] == len(PEOPLE_NOW)


def test_a_page_larger_than_the_maximum_is_refused(client: TestClient, reader: dict) -> None:
    response = client.get("/api/people", params={"limit": MAX_PAGE + 1}, headers=reader)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid-input"
    assert str(MAX_PAGE) in response.json()["error"]["message"]


def test_the_maximum_page_size_itself_is_accepted(client: TestClient, reader: dict) -> None:
    assert client.get("/api/people", params={"limit": MAX_PAGE}, headers=reader).status_code == 200


@pytest.mark.parametrize("params", [{"limit": 0}, {"offset": -1}, {"as_of": "2026-13-01"}])
def test_bad_list_parameters_give_422_in_the_error_shape(
    client: TestClient, reader: dict, params: dict
) -> None:
    response = client.get("/api/people", params=params, headers=reader)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid-input"
    assert error["details"][0]["location"][0] == "query"


def test_people_filter_by_text_matches_name_case_insensitively(
    client: TestClient, reader: dict
) -> None:
    body = client.get("/api/people", params={**NOW, "q": "ANNA"}, headers=reader).json()
    assert keys(body) == ["anna"]


def test_people_filter_by_unit_and_line_level(client: TestClient, reader: dict) -> None:
    in_a = client.get("/api/people", params={**NOW, "unit": "kontor-a"}, headers=reader).json()
    leaders = client.get(
        "/api/people", params={**NOW, "line_level": "kontorleder"}, headers=reader
    ).json()
    assert sorted(keys(in_a)) == ["anna", "leaving", "leder-a"]
    assert keys(leaders) == ["leder-a"]


def test_an_unknown_line_level_is_422(client: TestClient, reader: dict) -> None:
    response = client.get("/api/people", params={"line_level": "konge"}, headers=reader)
    assert response.status_code == 422


def test_a_person_shows_engagements_and_led_units(client: TestClient, reader: dict) -> None:
    body = client.get("/api/people/leder-a", params=NOW, headers=reader).json()
    assert body["name"] == "Lise Leder" and body["line_level"] == "kontorleder"
    assert [m["unit"]["key"] for m in body["units"]] == ["kontor-a"]
    assert body["manages"][0]["unit"]["key"] == "kontor-a"
    assert body["manages"][0]["level"] == "kontorleder"


def test_a_person_who_left_is_found_but_inactive(client: TestClient, reader: dict) -> None:
    body = client.get("/api/people/gone", params=NOW, headers=reader).json()
    assert body["active"] is False and body["units"] == []


def test_an_unknown_person_is_404_in_the_error_shape(client: TestClient, reader: dict) -> None:
    response = client.get("/api/people/nobody", headers=reader)
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not-found",
            "message": "No person has the key 'nobody'. Search with GET /api/people?q=.",
            "details": None,
        }
    }


def test_relationships_of_a_person_at_as_of(client: TestClient, reader: dict) -> None:
    now = client.get("/api/people/chef/relationships", params=NOW, headers=reader).json()
    before = client.get(
        "/api/people/chef/relationships", params={"as_of": BEFORE.isoformat()}, headers=reader
    ).json()
    assert {r["type"] for r in now} == {"MANAGES", "MEMBER_OF", "SITS_IN"}
    owns = [r for r in before if r["type"] == "OWNS"]
    assert owns[0]["end"]["key"] == "s1" and owns[0]["valid_to"] == "2024-01-01"


def test_relationships_carry_their_own_properties(client: TestClient, reader: dict) -> None:
    rels = client.get("/api/people/anna/relationships", params=NOW, headers=reader).json()
    superuser = next(r for r in rels if r["type"] == "SUPERUSER_OF")
    assert superuser["properties"]["kind"] == "it"
    assert superuser["properties"]["appointed_by"] == "leder-a"
    assert "created_by" not in superuser["properties"]


def test_relationships_of_an_unknown_person_is_404(client: TestClient, reader: dict) -> None:
    assert client.get("/api/people/nobody/relationships", headers=reader).status_code == 404


def test_listing_people_changes_nothing(client: TestClient, reader: dict, seeded: Graph) -> None:
    governance = "MATCH (n) WHERE NOT n:Auth RETURN count(n) AS n"  # the audit log grows
    before = seeded.query(governance)[0]["n"]
    client.get("/api/people", headers=reader)
    assert seeded.query(governance)[0]["n"] == before
