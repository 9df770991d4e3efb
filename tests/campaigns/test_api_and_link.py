"""The campaigns' API (secretariat starts and closes) and a holder's personal link page."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from api.audit import AuditEntry
from graph.driver import Graph
from tests.campaigns.conftest import DEADLINE
from tests.campaigns.helpers import task_of, token_of

Headers = dict[str, str]


def _start(client: TestClient, headers: Headers) -> dict[str, object]:
    body = {"name": "Halvårlig gennemgang 2027 H1", "scope": "unit", "unit": "forv",
            "deadline": DEADLINE.isoformat()}  # fmt: skip
    response = client.post("/api/campaigns", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_the_secretariat_starts_reads_and_closes_a_campaign(
    client: TestClient, token: Callable[[str], Headers]
) -> None:
    secretariat, reader = token("secretariat"), token("reader")
    started = _start(client, secretariat)
    assert started["tasks"] == 5 and started["status"] == "open"
    key = started["key"]
    progress = client.get(f"/api/campaigns/{key}", headers=reader).json()
    assert {u["key"]: u["total"] for u in progress["units"]} == {
        "afd": 1, "kontor-a": 3, "kontor-b": 1
    }  # fmt: skip
    tasks = client.get(f"/api/campaigns/{key}/tasks", headers=reader).json()
    assert sorted(t["person_key"] for t in tasks) == ["anna", "bo", "chef", "leaving", "leder-a"]
    assert client.post(f"/api/campaigns/{key}/close", headers=reader).status_code == 403
    closed = client.post(f"/api/campaigns/{key}/close", headers=secretariat)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    again = client.post(f"/api/campaigns/{key}/close", headers=secretariat)
    assert again.status_code == 409


def test_a_campaign_on_an_unknown_unit_is_refused_clearly(
    client: TestClient, token: Callable[[str], Headers]
) -> None:
    body = {"name": "x", "scope": "unit", "unit": "nope", "deadline": DEADLINE.isoformat()}
    response = client.post("/api/campaigns", json=body, headers=token("secretariat"))
    assert response.status_code == 422
    assert "no unit 'nope'" in response.json()["error"]["message"]


def test_the_link_opens_the_task_without_a_token_and_shows_only_that_persons_roles(
    client: TestClient,
    token: Callable[[str], Headers],
    world: Graph,
    audit_entries: Callable[[], list[AuditEntry]],
) -> None:
    key = str(_start(client, token("secretariat"))["key"])
    anna = task_of(world, key, "anna")
    link = token_of(world, anna)
    page = client.get(f"/opgave/{link}")
    assert page.status_code == 200
    assert "Hej Anna Andersen" in page.text and "Systemansvarlig: Acadre" in page.text
    for other in ("Bo Berg", "Lise Leder", "Carl Chef", "Lars Leaving"):
        assert other not in page.text
    [opened] = [e for e in audit_entries() if e.action == "task.open"]
    assert opened.person_keys == ["anna"] and opened.scope == "personal-link"
    assert link not in opened.path


def test_answering_through_the_link_records_the_answers_and_the_link_is_then_used(
    client: TestClient, token: Callable[[str], Headers], world: Graph
) -> None:
    key = str(_start(client, token("secretariat"))["key"])
    leder = task_of(world, key, "leder-a")
    link = token_of(world, leder)
    [owner] = leder.roles
    form = {f"answer-{owner.id}": "should_be", f"who-{owner.id}": "chef@example.dk"}
    answered = client.post(f"/opgave/{link}", data=form)
    assert answered.status_code == 200
    assert "Tak. Dine svar er registreret" in answered.text
    assert "Ændringen venter på godkendelse." in answered.text
    pending = client.get("/api/decisions?status=pending", headers=token("reader")).json()
    assert [(d["payload"]["person"], d["payload"]["replaces"]) for d in pending["items"]] == [
        ("chef", "leder-a")
    ]
    used = client.get(f"/opgave/{link}")
    assert used.status_code == 410
    assert "allerede besvaret" in used.text and "already been answered" in used.text


def test_an_answer_missing_a_role_is_asked_again(
    client: TestClient, token: Callable[[str], Headers], world: Graph
) -> None:
    key = str(_start(client, token("secretariat"))["key"])
    link = token_of(world, task_of(world, key, "anna"))
    response = client.post(f"/opgave/{link}", data={"answer-r1": "confirm"})
    assert response.status_code == 422
    assert "Svar på alle roller" in response.text


def test_a_made_up_link_says_plainly_that_it_is_not_valid(client: TestClient) -> None:
    for made_up in ("nonsense", "task-0000-0000-0000-0000-0000.20990101." + "0" * 64):
        response = client.get(f"/opgave/{made_up}?lang=en")
        assert response.status_code == 404
        assert "The link is not valid." in response.text
        assert "Linket er ikke gyldigt." in response.text
