"""Four eyes: what needs approval stays pending until another secretariat principal approves it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from core.privacy import CPR_LIKE
from core.settings import Settings
from graph.decisions import new_decision_key
from tests.decisions.helpers import appoint_owner, approve, findings, propose
from tests.support import token_store

SUPERUSER = {
    "type": "appoint",
    "role": "superbruger",
    "subject": "s3",
    "person": "bo",
    "kind": "fag",
    "appointed_by": "chef",
    "effective_date": "2026-11-01",
    "reason": "Kontor B mangler en superbruger.",
}


def test_the_proposer_cannot_approve_their_own_decision(
    client: TestClient, secretariat: dict
) -> None:
    pending = propose(client, secretariat, appoint_owner("s3", "chef"))
    response = client.post(f"/api/decisions/{pending['key']}/approve", headers=secretariat)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    again = client.get(f"/api/decisions/{pending['key']}", headers=secretariat).json()
    assert again["status"] == "pending"
    assert findings(client, secretariat, "GM-01", "s3")


def test_only_the_secretariat_scope_proposes_and_approves(
    client: TestClient, secretariat: dict, token: Callable[[str], dict[str, str]]
) -> None:
    analyst = token("analyst")
    refused = client.post("/api/decisions", json=appoint_owner("s3", "chef"), headers=analyst)
    assert refused.status_code == 403
    pending = propose(client, secretariat, appoint_owner("s3", "chef"))
    response = client.post(f"/api/decisions/{pending['key']}/approve", headers=analyst)
    assert response.status_code == 403
    assert approve(client, token("admin"), pending["key"])["status"] == "applied"


def test_a_rejection_needs_a_reason_and_applies_nothing(
    client: TestClient, secretariat: dict, approver: dict
) -> None:
    key = propose(client, secretariat, appoint_owner("s3", "chef"))["key"]
    no_reason = client.post(f"/api/decisions/{key}/reject", json={}, headers=approver)
    assert no_reason.status_code == 422
    rejected = client.post(
        f"/api/decisions/{key}/reject", json={"reason": "Forkert afdeling."}, headers=approver
    ).json()
    assert (rejected["status"], rejected["rejection_reason"]) == ("rejected", "Forkert afdeling.")
    late = client.post(f"/api/decisions/{key}/approve", headers=approver)
    assert late.status_code == 409
    assert findings(client, secretariat, "GM-01", "s3")


def test_a_type_without_approval_is_applied_at_once(client: TestClient, secretariat: dict) -> None:
    assert findings(client, secretariat, "GM-06", "s3")
    decided = propose(client, secretariat, SUPERUSER)
    assert (decided["status"], decided["needs_approval"]) == ("applied", None)
    assert findings(client, secretariat, "GM-06", "s3") == []


def test_approval_is_configured_per_type(open_client: TestClient, secretariat: dict) -> None:
    decided = propose(open_client, secretariat, appoint_owner("s3", "chef"))
    assert decided["status"] == "applied"
    assert findings(open_client, secretariat, "GM-01", "s3") == []


def test_pending_decisions_are_listed_with_who_must_approve(
    client: TestClient, secretariat: dict, token: Callable[[str], dict[str, str]]
) -> None:
    pending = propose(client, secretariat, appoint_owner("s3", "chef"))
    propose(client, secretariat, SUPERUSER)
    listed = client.get("/api/decisions", params={"status": "pending"}, headers=token("reader"))
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [(d["key"], d["needs_approval"]) for d in items] == [(pending["key"], "afdelingschef")]
    assert listed.json()["total"] == 1


def test_every_decision_and_approval_is_audited(
    client: TestClient, secretariat: dict, approver: dict, audit_entries: Callable
) -> None:
    key = propose(client, secretariat, appoint_owner("s3", "chef"))["key"]
    approve(client, approver, key)
    entries = [e for e in audit_entries() if e.action.startswith("decision.")]
    assert [(e.action, e.details["decision"]) for e in entries] == [
        ("decision.propose", key),
        ("decision.approve", key),
    ]
    assert entries[0].who != entries[1].who
    assert entries[0].person_keys == ["chef"]


def test_the_decision_routes_are_documented_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/decisions"]["post"]
    examples = post["requestBody"]["content"]["application/json"]["examples"]
    assert {"appoint-systemejer", "accept-risk", "record-review"} <= set(examples)
    assert "409" in post["responses"]
    for path in (
        "/api/systems/{key}/history",
        "/api/people/{key}/history",
        "/api/units/{key}/history",
    ):
        assert spec["paths"][path]["get"]["responses"]["200"]["content"]


def test_decision_keys_never_look_like_a_cpr_number() -> None:
    keys = [new_decision_key() for _ in range(2000)]
    assert not [k for k in keys if CPR_LIKE.search(k)]


def test_four_eyes_are_two_people_not_two_logins(
    client: TestClient, api_settings: Settings
) -> None:
    store = token_store(api_settings)

    def as_person(name: str, person: str | None) -> dict[str, str]:
        secret = store.create(name, "secretariat", person=person)
        return {"Authorization": f"Bearer {secret}"}

    chef_at_desk, chef_at_home = as_person("chef-desk", "chef"), as_person("chef-home", "chef")
    pending = propose(client, chef_at_desk, appoint_owner("s3", "chef"))
    assert pending["proposed_by_person"] == "chef"
    own = client.post(f"/api/decisions/{pending['key']}/approve", headers=chef_at_home)
    assert own.status_code == 403
    assert (
        client.get(f"/api/decisions/{pending['key']}", headers=chef_at_home).json()["status"]
        == "pending"
    )
    done = approve(client, as_person("bo-desk", "bo"), pending["key"])
    assert (done["status"], done["approved_by_person"]) == ("applied", "bo")
