"""A decision's preview: the findings it resolves and creates, by the same rules; no writes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.errors import Conflict
from core.settings import Settings
from graph import admin, decisions
from graph.decision_model import Proposal
from graph.decision_preview import preview
from graph.driver import Graph
from tests.decisions.helpers import AS_OF, appoint_owner, findings, propose


def _rules_of(found: list[dict[str, Any]], subject: str) -> set[str]:
    return {f["rule"] for f in found if f["subject"]["key"] == subject}


def _preview(client: TestClient, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(
        "/api/decisions/preview", json=body, params={"as_of": AS_OF.isoformat()}, headers=headers
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_appointing_an_owner_previews_gm01_as_resolved(
    client: TestClient, secretariat: dict, world: Graph
) -> None:
    before = admin.content_checksum(world)
    answer = _preview(client, secretariat, appoint_owner("s3", "chef", replaces="gone"))
    assert {"GM-01", "GM-13"} <= _rules_of(answer["resolved"], "s3")
    # An owned system is held to the owner's duties: its half-yearly review is now missing.
    assert "GM-08" in _rules_of(answer["created"], "s3")
    assert "GM-01" not in _rules_of(answer["created"], "s3")
    assert answer["needs_approval"] == "afdelingschef"
    assert admin.content_checksum(world) == before
    assert findings(client, secretariat, "GM-01", "s3")  # still open: nothing was written


def test_a_medarbejder_as_owner_previews_the_gm02_it_creates(
    client: TestClient, secretariat: dict
) -> None:
    answer = _preview(client, secretariat, appoint_owner("s3", "bo"))
    assert "GM-02" in _rules_of(answer["created"], "s3")
    assert "GM-01" in _rules_of(answer["resolved"], "s3")
    assert "GM-02" in answer["needs_acknowledgement"]


def test_accepting_a_risk_previews_the_finding_as_accepted(
    client: TestClient, secretariat: dict
) -> None:
    body = {
        "type": "accept-risk",
        "rule": "GM-01",
        "subject": "s3",
        "owner": "chef",
        "effective_date": AS_OF.isoformat(),
        "expires": "2027-06-01",
        "reason": "Udfases.",
    }
    answer = _preview(client, secretariat, body)
    assert _rules_of(answer["accepted"], "s3") == {"GM-01"}
    assert "GM-01" in _rules_of(answer["resolved"], "s3")
    assert "GM-01" not in _rules_of(answer["created"], "s3")


def test_a_refused_decision_is_refused_by_its_preview_too(
    client: TestClient, secretariat: dict, world: Graph
) -> None:
    before = admin.content_checksum(world)
    response = client.post(
        "/api/decisions/preview", json=appoint_owner("s1", "chef"), headers=secretariat
    )
    assert response.status_code == 409  # Acadre has an owner: name them in replaces
    assert admin.content_checksum(world) == before


def test_a_preview_leaves_no_trace_when_the_apply_fails(
    world: Graph, api_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, counted = admin.content_checksum(world), admin.counts(world)
    real_apply = decisions.apply

    def apply_then_fail(*args: Any, **kwargs: Any) -> None:
        real_apply(*args, **kwargs)
        raise Conflict("The apply failed half-way.")

    monkeypatch.setattr(decisions, "apply", apply_then_fail)
    proposal = Proposal.model_validate(appoint_owner("s3", "chef", replaces="gone"))
    with pytest.raises(Conflict, match="half-way"):
        preview(world, proposal, settings=api_settings, as_of=AS_OF)
    assert admin.content_checksum(world) == before
    assert admin.counts(world) == counted


def test_preview_needs_the_secretariat_scope(client: TestClient, token: Any) -> None:
    response = client.post(
        "/api/decisions/preview", json=appoint_owner("s3", "chef"), headers=token("analyst")
    )
    assert response.status_code == 403


def test_each_finding_in_the_api_carries_its_remedies(
    client: TestClient, secretariat: dict
) -> None:
    (gm01,) = findings(client, secretariat, "GM-01", "s3")
    appoint = gm01["remedies"][0]
    assert appoint == {
        "type": "appoint",
        "role": "systemejer",
        "subject": "s3",
        "subject_label": "System",
        "person": None,
        "replaces": None,
        "kind": None,
        "review_kind": None,
        "rule": None,
        "facts": [],
    }
    assert gm01["remedies"][-1]["type"] == "accept-risk"
    gm13 = findings(client, secretariat, "GM-13", "s3")
    assert any(r["type"] == "appoint" and r["replaces"] == "gone" for r in gm13[0]["remedies"])


def test_candidates_for_an_owner_are_leaders_ranked(client: TestClient, secretariat: dict) -> None:
    response = client.get(
        "/api/decisions/candidates",
        params={"role": "systemejer", "subject": "s3", "as_of": AS_OF.isoformat()},
        headers=secretariat,
    )
    assert response.status_code == 200, response.text
    ranked = [c["person"]["key"] for c in response.json()["candidates"]]
    assert ranked and set(ranked) <= {"chef", "leder-a"}


def test_preview_and_candidates_are_documented_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/decisions/preview"]["post"]
    assert "appoint-systemejer" in post["requestBody"]["content"]["application/json"]["examples"]
    assert post["responses"]["200"]["content"]["application/json"]["example"]["resolved"]
    params = spec["paths"]["/api/decisions/candidates"]["get"]["parameters"]
    assert {p["name"] for p in params if p.get("examples")} == {"role", "subject"}
    remedy = spec["components"]["schemas"]["FindingOut"]["properties"]["remedies"]
    assert remedy["items"]["$ref"].endswith("/Remedy")


def test_a_pending_decision_names_the_afdelingschef_who_must_approve(
    client: TestClient, secretariat: dict
) -> None:
    body = appoint_owner("s1", "chef", replaces="leder-a")
    answer = _preview(client, secretariat, body)
    assert answer["approver"] == {
        "key": "chef",
        "name": "Carl Chef",
        "unit_key": "afd",
        "unit_name": "Jobcenteret",
    }
    pending = propose(client, secretariat, body)
    assert pending["approver"]["key"] == "chef"  # leder-a's office is part of chef's department
    listed = client.get("/api/decisions", params={"status": "pending"}, headers=secretariat)
    assert [d["approver"]["key"] for d in listed.json()["items"]] == ["chef"]
