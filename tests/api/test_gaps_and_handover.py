"""GET /api/gaps, /api/handover/{person} and /api/departures."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.rules import select_rules
from tests.api.conftest import MAX_PAGE
from tests.api.seed import AS_OF

pytestmark = pytest.mark.usefixtures("seeded")
NOW = {"as_of": AS_OF.isoformat()}


def gaps(client: TestClient, headers: dict, **params: object) -> dict:
    response = client.get("/api/gaps", params={**NOW, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_gaps_lists_findings_with_the_rules_run(client: TestClient, reader: dict) -> None:
    body = gaps(client, reader)
    assert body["as_of"] == AS_OF.isoformat()
    assert [r["id"] for r in body["rules"]] == [r.id for r in select_rules()]
    assert (body["total"], len(body["items"])) == (32, MAX_PAGE)  # the seed's findings; a page


def test_gaps_filter_by_rule(client: TestClient, reader: dict) -> None:
    body = gaps(client, reader, rule="GM-13")
    assert [r["id"] for r in body["rules"]] == ["GM-13"]
    assert [f["subject"]["key"] for f in body["items"]] == ["s3"]  # owned by 'gone'


def test_gaps_filter_by_severity_and_subject(client: TestClient, reader: dict) -> None:
    high = gaps(client, reader, severity="high")
    about_s3 = gaps(client, reader, subject="s3")
    assert all(f["severity"] == "high" for f in high["items"])
    assert about_s3["items"] and all(f["subject"]["key"] == "s3" for f in about_s3["items"])


def test_gaps_page(client: TestClient, reader: dict) -> None:
    everything = gaps(client, reader, limit=20)
    second = gaps(client, reader, limit=1, offset=1)
    assert second["total"] == everything["total"]
    assert second["items"] == everything["items"][1:2]


@pytest.mark.parametrize("params", [{"rule": "GM-99"}, {"rule": "DROP"}, {"severity": "dire"}])
def test_gaps_refuses_unknown_rules_and_severities(
    client: TestClient, reader: dict, params: dict
) -> None:
    response = client.get("/api/gaps", params=params, headers=reader)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid-input"


def test_handover_shows_what_a_departure_breaks(client: TestClient, analyst: dict) -> None:
    response = client.get("/api/handover/anna", params=NOW, headers=analyst)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["person"]["key"] == "anna"
    assert [r["role"] for r in body["roles"]] == [
        "it-superbruger",
        "systemadministrator",
        "systemansvarlig",
        "digitaliseringskonsulent",
    ]
    assert any(f["rule"] == "GM-04" for f in body["new_findings"])


def test_handover_finds_the_person_by_name(client: TestClient, analyst: dict) -> None:
    body = client.get("/api/handover/Anna Andersen", params=NOW, headers=analyst).json()
    assert body["person"]["key"] == "anna"


def test_handover_of_an_unknown_person_is_404(client: TestClient, analyst: dict) -> None:
    assert client.get("/api/handover/nobody", headers=analyst).status_code == 404


def test_departures_within_the_window(client: TestClient, analyst: dict) -> None:
    soon = client.get("/api/departures", params={**NOW, "within": 30}, headers=analyst).json()
    later = client.get("/api/departures", params={**NOW, "within": 100}, headers=analyst).json()
    assert soon["items"] == [] and soon["total"] == 0
    assert [d["person"]["key"] for d in later["items"]] == ["leaving"]
    assert later["items"][0]["leaves"] == "2027-01-31"


def test_departures_need_the_analyst_scope(client: TestClient, reader: dict) -> None:
    assert client.get("/api/departures", headers=reader).status_code == 403
