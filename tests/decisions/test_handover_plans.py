"""Handover plans: saved, applied in one transaction as decisions, seen from their date."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from graph import admin
from graph.changes import changes_since, register_webhook
from graph.driver import Graph
from graph.notifications import status_counts
from schema.outbox import EventKind
from tests.decisions.helpers import findings, propose

LEAVES = date(2027, 1, 31)  # 'leaving' leaves on this day (the seed's valid_to)
AFTER = date(2027, 2, 1)
PLAN = "/api/handover/leaving/plan"


def make_leaving_responsible(client: TestClient, headers: dict[str, str]) -> None:
    """'leaving' becomes Jobnet's only systemansvarlig (a role that falls vacant)."""
    propose(
        client,
        headers,
        {
            "type": "appoint",
            "role": "systemansvarlig",
            "subject": "s3",
            "person": "leaving",
            "effective_date": "2026-11-01",
            "reason": "Midlertidigt.",
        },
    )


def item(plan: dict[str, Any], role: str, target: str) -> dict[str, Any]:
    """The plan's item for ``role`` on ``target``."""
    found = [i for i in plan["items"] if i["role"] == role and i["target"]["key"] == target]
    assert len(found) == 1, plan["items"]
    return found[0]


def related_people(client: TestClient, headers: dict, rule: str, on: date) -> set[str]:
    """Everybody a finding of ``rule`` names on ``on``."""
    answer = client.get(
        "/api/gaps", params={"rule": rule, "as_of": on.isoformat(), "limit": 20}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    return {r["key"] for f in answer.json()["items"] for r in f["related"]}


def test_proposed_plan_starts_on_the_leave_date_with_the_top_candidate(
    open_client: TestClient, secretariat: dict
) -> None:
    make_leaving_responsible(open_client, secretariat)
    plan = open_client.get(PLAN, headers=secretariat).json()
    assert (plan["status"], plan["key"], plan["effective_date"]) == ("proposed", None, "2027-01-31")
    vacated = item(plan, "systemansvarlig", "s3")
    handover = open_client.get("/api/handover/leaving", headers=secretariat).json()
    ranked = [s for s in handover["successors"] if s["target"]["key"] == "s3"]
    assert (
        vacated["sole"]
        and vacated["successor"]["key"] == ranked[0]["candidates"][0]["person"]["key"]
    )
    shared = item(plan, "superbruger", "s1")  # anna and bo are super-users of Acadre too
    assert not shared["sole"] and shared["successor"] is None


def test_applied_plan_hands_over_from_its_date_and_leaves_no_gm04_or_gm13(
    open_client: TestClient, secretariat: dict
) -> None:
    make_leaving_responsible(open_client, secretariat)
    assert "leaving" in related_people(open_client, secretariat, "GM-13", AFTER)
    body = {"items": [{"role": "systemansvarlig", "target": "s3", "successor": "bo"}]}
    saved = open_client.post(PLAN, json=body, headers=secretariat)
    assert saved.status_code == 201, saved.text
    assert saved.json()["status"] == "draft"
    applied = open_client.post(f"{PLAN}/apply", headers=secretariat)
    assert applied.status_code == 200, applied.text
    plan = applied.json()
    assert plan["status"] == "applied"
    assert {i["decision_status"] for i in plan["items"]} == {"applied"}

    def responsible(on: date) -> list[str]:
        org = open_client.get(
            "/api/systems/s3/organisation", params={"as_of": on.isoformat()}, headers=secretariat
        ).json()
        return [h["key"] for h in org["responsible"]]

    assert responsible(date(2027, 1, 30)) == ["leaving"]
    assert responsible(LEAVES) == ["bo"]
    assert "leaving" not in related_people(open_client, secretariat, "GM-13", AFTER)
    assert findings(open_client, secretariat, "GM-04", "s3", as_of=AFTER) == []
    history = open_client.get("/api/systems/s3/history", headers=secretariat).json()
    assert item(plan, "systemansvarlig", "s3")["decision"] in str(history)


def test_an_applied_plan_records_each_decisions_events_in_order_and_queues_their_webhooks(
    open_client: TestClient, secretariat: dict, world: Graph
) -> None:
    make_leaving_responsible(open_client, secretariat)
    hooks = "https://esdh.example.dk/hooks"
    register_webhook(world, url=hooks, events=[EventKind.ROLE_ENDED], who="admin")
    before = changes_since(world, 0, limit=1000)[-1].cursor
    body = {"items": [{"role": "systemansvarlig", "target": "s3", "successor": "bo"},
                      {"role": "superbruger", "target": "s1"}]}  # fmt: skip
    assert open_client.post(PLAN, json=body, headers=secretariat).status_code == 201
    plan = open_client.post(f"{PLAN}/apply", headers=secretariat).json()
    appointed, ended = item(plan, "systemansvarlig", "s3"), item(plan, "superbruger", "s1")
    events = changes_since(world, before, limit=1000)
    assert [e.cursor for e in events] == list(range(before + 1, before + 1 + len(events)))
    each = {
        appointed["decision"]: [
            ("decision.proposed", appointed["decision"], None),
            ("role.assigned", appointed["decision"], "bo"),
            ("role.ended", appointed["decision"], "leaving"),
        ],
        ended["decision"]: [
            ("decision.proposed", ended["decision"], None),
            ("role.ended", ended["decision"], "leaving"),
        ],
    }
    in_plan_order = [event for i in plan["items"] for event in each[i["decision"]]]
    assert [(e.kind.value, e.data["decision"], e.data.get("person")) for e in events] == (
        in_plan_order
    )
    assert status_counts(world) == {"pending": 2}  # one delivery per role.ended


def test_the_saved_plan_is_read_back_and_replaced(
    open_client: TestClient, secretariat: dict
) -> None:
    first = open_client.post(PLAN, json={"note": "Første udkast."}, headers=secretariat).json()
    second = open_client.post(PLAN, json={"note": "Andet udkast."}, headers=secretariat).json()
    read = open_client.get(PLAN, headers=secretariat).json()
    assert read["key"] == second["key"] != first["key"]
    assert read["note"] == "Andet udkast."


def test_a_successor_who_leaves_before_the_date_is_refused(
    open_client: TestClient, secretariat: dict
) -> None:
    make_leaving_responsible(open_client, secretariat)
    for successor, said in (("gone", "left"), ("nobody-here", "no person"), ("leaving", "leaver")):
        body = {"items": [{"role": "systemansvarlig", "target": "s3", "successor": successor}]}
        refused = open_client.post(PLAN, json=body, headers=secretariat)
        assert refused.status_code == 422, refused.text
        assert said in refused.json()["error"]["message"].lower()


def test_a_role_the_leaver_does_not_hold_is_refused(
    open_client: TestClient, secretariat: dict
) -> None:
    body = {"items": [{"role": "systemejer", "target": "s1", "successor": "chef"}]}
    refused = open_client.post(PLAN, json=body, headers=secretariat)
    assert refused.status_code == 422
    assert "does not hold" in refused.json()["error"]["message"]


def test_a_stale_plan_is_refused_with_the_current_roles_and_writes_nothing(
    open_client: TestClient, secretariat: dict, world: Graph
) -> None:
    assert open_client.post(PLAN, json={}, headers=secretariat).status_code == 201
    make_leaving_responsible(open_client, secretariat)  # a role the plan does not know
    before = admin.content_checksum(world)
    refused = open_client.post(f"{PLAN}/apply", headers=secretariat)
    assert refused.status_code == 409, refused.text
    details = refused.json()["error"]["details"]
    assert "systemansvarlig|System|s3" in details["current"]
    assert "systemansvarlig|System|s3" not in details["plan"]
    assert admin.content_checksum(world) == before


def test_applying_without_a_draft_is_not_found(open_client: TestClient, secretariat: dict) -> None:
    answer = open_client.post(f"{PLAN}/apply", headers=secretariat)
    assert answer.status_code == 404
    assert "POST /api/handover" in answer.json()["error"]["message"]


def test_a_systemejer_handed_over_waits_for_approval(
    client: TestClient, secretariat: dict, approver: dict
) -> None:
    owner = {"items": [{"role": "systemejer", "target": "s1", "successor": "chef"}]}
    saved = client.post("/api/handover/leder-a/plan", json=owner, headers=secretariat)
    assert saved.status_code == 201, saved.text
    plan = client.post("/api/handover/leder-a/plan/apply", headers=secretariat).json()
    decided = item(plan, "systemejer", "s1")
    assert decided["decision_status"] == "pending"
    approved = client.post(f"/api/decisions/{decided['decision']}/approve", headers=approver)
    assert approved.status_code == 200, approved.text
    again = client.get("/api/handover/leder-a/plan", headers=secretariat).json()
    assert item(again, "systemejer", "s1")["decision_status"] == "applied"


def test_the_plan_prints_for_the_leaver_the_manager_and_the_successors(
    open_client: TestClient, secretariat: dict
) -> None:
    make_leaving_responsible(open_client, secretariat)
    body = {"items": [{"role": "systemansvarlig", "target": "s3", "successor": "bo"}]}
    assert open_client.post(PLAN, json=body, headers=secretariat).status_code == 201
    assert open_client.post(f"{PLAN}/apply", headers=secretariat).status_code == 200
    page = open_client.get(
        "/handover/plan",
        params={"person": "leaving"},
        headers={**secretariat, "Accept": "text/html"},
    )
    assert page.status_code == 200, page.text
    for shown in ("Overdragelsesplan", "Lars Leaving", "Lise Leder", "Bo Berg", "gennemført"):
        assert shown in page.text
    download = open_client.get(
        "/handover/plan.xlsx", params={"person": "leaving", "lang": "en"}, headers=secretariat
    )
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0]]
    assert ("Manager", "Lise Leder") in [r[:2] for r in rows]
    assert ("System responsible", "Jobnet", "Bo Berg") in [r[:3] for r in rows]
