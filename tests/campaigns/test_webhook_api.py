"""The webhooks' and change feed's API: an admin registers (the secret shown once), readers poll."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from api.audit import AuditEntry
from tests.campaigns.conftest import DEADLINE

Headers = dict[str, str]


def test_a_webhooks_secret_is_shown_once_and_only_an_admin_registers(
    client: TestClient, token: Callable[[str], Headers]
) -> None:
    body = {"url": "https://esdh.example.dk/hooks", "events": ["role.ended", "decision.proposed"]}
    assert client.post("/api/webhooks", json=body, headers=token("secretariat")).status_code == 403
    made = client.post("/api/webhooks", json=body, headers=token("admin"))
    assert made.status_code == 201 and len(made.json()["secret"]) >= 40
    [listed] = client.get("/api/webhooks", headers=token("admin")).json()
    assert listed["key"] == made.json()["key"] and listed["secret"] is None
    bad = client.post("/api/webhooks", json={**body, "url": "ftp://x.example"},
                      headers=token("admin"))  # fmt: skip
    assert bad.status_code == 422


def test_the_feed_lists_a_campaigns_answers_and_audits_the_people_in_it(
    client: TestClient,
    token: Callable[[str], Headers],
    audit_entries: Callable[[], list[AuditEntry]],
) -> None:
    body = {"name": "Gennemgang", "scope": "systems", "systems": ["s1"],
            "deadline": DEADLINE.isoformat()}  # fmt: skip
    key = client.post("/api/campaigns", json=body, headers=token("secretariat")).json()["key"]
    reader = token("reader")
    tasks = client.get(f"/api/campaigns/{key}/tasks", headers=reader).json()
    [read] = [e for e in audit_entries() if e.action == "campaign.tasks"]
    assert read.person_keys == sorted(t["person_key"] for t in tasks)
    decision = {"type": "end", "role": "superbruger", "subject": "s1", "person": "bo",
                "effective_date": DEADLINE.isoformat(), "reason": "Skifter kontor"}  # fmt: skip
    assert client.post("/api/decisions", json=decision, headers=token("secretariat")).is_success
    feed = client.get("/api/changes?since=0", headers=reader).json()
    assert [e["kind"] for e in feed["items"]] == ["decision.proposed", "role.ended"]
    assert client.get(f"/api/changes?since={feed['next']}", headers=reader).json()["items"] == []
    [polled, _] = [e for e in audit_entries() if e.action == "changes.read"]
    assert polled.person_keys == ["bo"]
