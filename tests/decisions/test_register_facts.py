"""Reviews and register facts decided in the app count as the register does."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from tests.decisions.helpers import findings, propose

REVIEW = {
    "type": "review",
    "subject": "s1",
    "review_kind": "owner_review",
    "effective_date": "2026-10-15",
    "participants": ["leder-a", "anna"],  # anna is digitaliseringskonsulent
    "minute": "Gennemgået; ingen nye risici.",
    "link": "https://intra.example.dk/referat/42",
    "reason": "Halvårlig gennemgang afholdt.",
}


def test_a_recorded_owner_review_resolves_gm08(client: TestClient, secretariat: dict) -> None:
    assert findings(client, secretariat, "GM-08", "s1")
    assert propose(client, secretariat, REVIEW)["status"] == "applied"
    assert findings(client, secretariat, "GM-08", "s1") == []
    # Six months on, the next review is due again.
    assert findings(client, secretariat, "GM-08", "s1", as_of=date(2027, 4, 16))


def test_a_review_cannot_be_held_in_the_future(client: TestClient, secretariat: dict) -> None:
    body = {**REVIEW, "effective_date": "2999-01-01"}
    response = client.post("/api/decisions", json=body, headers=secretariat)
    assert response.status_code == 422


def test_register_facts_are_set_on_the_system(client: TestClient, secretariat: dict) -> None:
    body = {
        "type": "facts",
        "subject": "s3",
        "facts": {"financing_source": "IT-kontoen", "dpa_status": "signed"},
        "effective_date": "2026-11-01",
        "reason": "Aftalen er fundet og underskrevet.",
    }
    decided = propose(client, secretariat, body)
    system = client.get("/api/systems/s3", headers=secretariat).json()
    assert (system["financing_source"], system["dpa_status"]) == ("IT-kontoen", "signed")
    history = client.get("/api/systems/s3/history", headers=secretariat).json()
    assert decided["key"] in [d["key"] for d in history["decisions"]]


def test_an_unknown_fact_value_is_refused(client: TestClient, secretariat: dict) -> None:
    body = {
        "type": "facts",
        "subject": "s3",
        "facts": {"dpa_status": "maybe"},
        "effective_date": "2026-11-01",
        "reason": "x",
    }
    assert client.post("/api/decisions", json=body, headers=secretariat).status_code == 422
