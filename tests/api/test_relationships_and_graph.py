"""GET /api/relationships and /api/graph/{label}/{key}."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from tests.api.conftest import settings_for
from tests.api.seed import AS_OF, BEFORE
from tests.support import token_store

pytestmark = pytest.mark.usefixtures("seeded")
NOW = {"as_of": AS_OF.isoformat()}


def pairs(body: dict) -> list[tuple[str, str, str]]:
    return [(r["type"], r["start"]["key"], r["end"]["key"]) for r in body["items"]]


def test_relationships_filter_by_type(client: TestClient, reader: dict) -> None:
    body = client.get("/api/relationships", params={**NOW, "type": "OWNS"}, headers=reader).json()
    assert sorted(pairs(body)) == [("OWNS", "gone", "s3"), ("OWNS", "leder-a", "s1")]


def test_relationships_filter_by_both_ends(client: TestClient, reader: dict) -> None:
    body = client.get(
        "/api/relationships", params={**NOW, "from": "anna", "to": "s1"}, headers=reader
    ).json()
    assert sorted(t for t, _, _ in pairs(body)) == [
        "ADMINISTERS",
        "RESPONSIBLE_FOR",
        "SUPERUSER_OF",
    ]


def test_relationships_as_of_a_past_date(client: TestClient, reader: dict) -> None:
    body = client.get(
        "/api/relationships",
        params={"as_of": BEFORE.isoformat(), "type": "OWNS", "to": "s1"},
        headers=reader,
    ).json()
    assert pairs(body) == [("OWNS", "chef", "s1")]


def test_relationships_page(client: TestClient, reader: dict) -> None:
    body = client.get(
        "/api/relationships", params={**NOW, "limit": 3, "offset": 1}, headers=reader
    ).json()
    assert len(body["items"]) == 3 and body["offset"] == 1 and body["total"] > 3


def test_an_unknown_relationship_type_is_422(client: TestClient, reader: dict) -> None:
    response = client.get("/api/relationships", params={"type": "LOVES"}, headers=reader)
    assert response.status_code == 422


def test_the_graph_around_a_system(client: TestClient, reader: dict) -> None:
    body = client.get("/api/graph/System/s1", params=NOW, headers=reader).json()
    ids = {n["id"] for n in body["nodes"]}
    assert body["centre"] == "System:s1"
    assert {"Person:leder-a", "Person:anna", "OrgUnit:kontor-a", "Vendor:v1"} <= ids
    owner = next(e for e in body["edges"] if e["type"] == "OWNS")
    assert (owner["source"], owner["target"]) == ("Person:leder-a", "System:s1")
    assert (owner["label_da"], owner["label_en"]) == ("systemejer", "system owner")


def test_the_graph_grows_with_depth(client: TestClient, reader: dict) -> None:
    one = client.get("/api/graph/Person/bo", params={**NOW, "depth": 1}, headers=reader).json()
    two = client.get("/api/graph/Person/bo", params={**NOW, "depth": 2}, headers=reader).json()
    assert "Person:anna" not in {n["id"] for n in one["nodes"]}
    assert "Person:anna" in {n["id"] for n in two["nodes"]}


def test_the_graph_leaves_out_ended_relationships(client: TestClient, reader: dict) -> None:
    body = client.get("/api/graph/Person/chef", params=NOW, headers=reader).json()
    assert "System:s1" not in {n["id"] for n in body["nodes"]}


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/graph/Person/nobody", {}, 404),
        ("/api/graph/Dragon/s1", {}, 422),
        ("/api/graph/ImportRun/x", {}, 422),
        ("/api/graph/System/s1", {"depth": 4}, 422),
        ("/api/graph/System/s1", {"depth": 0}, 422),
    ],
)
def test_graph_errors(
    client: TestClient, reader: dict, path: str, params: dict, status: int
) -> None:
    assert client.get(path, params=params, headers=reader).status_code == status


def test_the_graph_stops_at_the_node_cap(settings: Settings, tmp_path: Path) -> None:
    capped = settings_for(settings, tmp_path / "home", graph_node_cap=3)
    secret = token_store(capped).create("capped", "reader")
    with TestClient(create_app(capped)) as client:
        body = client.get(
            "/api/graph/System/s1",
            params={**NOW, "depth": 2},
            headers={"Authorization": f"Bearer {secret}"},
        ).json()
    assert len(body["nodes"]) == 3 and body["truncated"] is True
