"""Appointing and ending role holders: seen by the rules from the effective date, after approval."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.writer import write_batch
from tests.decisions.helpers import AS_OF, appoint_owner, approve, findings, propose
from tests.factories import make_batch, make_system, rel


def test_gm01_is_resolved_after_approval_not_before(
    client: TestClient, secretariat: dict, approver: dict
) -> None:
    assert findings(client, secretariat, "GM-01", "s3")  # Jobnet's owner has left
    pending = propose(client, secretariat, appoint_owner("s3", "chef"))
    assert pending["status"] == "pending"
    assert pending["needs_approval"] == "afdelingschef"
    assert findings(client, secretariat, "GM-01", "s3")
    applied = approve(client, approver, pending["key"])
    assert applied["status"] == "applied"
    assert applied["approved_by"] != applied["proposed_by"]
    assert findings(client, secretariat, "GM-01", "s3") == []


def test_a_future_decision_counts_from_its_effective_date(
    client: TestClient, secretariat: dict, approver: dict
) -> None:
    when = date(2026, 12, 1)
    approve(
        client, approver, propose(client, secretariat, appoint_owner("s3", "chef", when))["key"]
    )
    assert findings(client, secretariat, "GM-01", "s3", as_of=date(2026, 11, 30))
    assert findings(client, secretariat, "GM-01", "s3", as_of=when) == []


def test_ending_a_role_sets_valid_to_from_its_date(
    open_client: TestClient, secretariat: dict
) -> None:
    body = {
        "type": "end",
        "role": "superbruger",
        "subject": "s1",
        "person": "bo",
        "effective_date": "2026-12-01",
        "reason": "Skifter kontor.",
    }
    ended = propose(open_client, secretariat, body)
    assert ended["status"] == "applied"

    def superusers(as_of: str) -> set[str]:
        answer = open_client.get(
            "/api/systems/s1/organisation", params={"as_of": as_of}, headers=secretariat
        ).json()["superusers"]
        return {h["key"] for group in answer.values() for h in group}

    assert "bo" in superusers("2026-11-30")
    assert "bo" not in superusers("2026-12-01")


def test_history_shows_who_held_the_role_and_by_whose_decision(
    client: TestClient, secretariat: dict, approver: dict
) -> None:
    decided = approve(
        client, approver, propose(client, secretariat, appoint_owner("s3", "chef"))["key"]
    )
    history = client.get("/api/systems/s3/history", headers=secretariat).json()
    owners = {e["key"]: e for e in history["entries"] if e["type"] == "OWNS"}
    assert owners["gone"]["decided_by"] is None  # from the import
    assert owners["chef"]["decided_by"] == decided["key"]
    assert owners["chef"]["source"] == "decision"
    assert owners["chef"]["valid_from"] == AS_OF.isoformat()
    assert owners["chef"]["proposed_by"] == decided["proposed_by"]
    assert owners["chef"]["approved_by"] == decided["approved_by"]
    assert [d["key"] for d in history["decisions"]] == [decided["key"]]
    person = client.get("/api/people/chef/history", headers=secretariat).json()
    assert any(e["decided_by"] == decided["key"] for e in person["entries"])


def test_a_replacing_appointment_ends_the_old_holder_by_the_same_decision(
    open_client: TestClient, secretariat: dict
) -> None:
    body = appoint_owner("s1", "chef", date(2027, 1, 1), replaces="leder-a")
    decided = propose(open_client, secretariat, body)
    history = open_client.get("/api/systems/s1/history", headers=secretariat).json()
    ended = [e for e in history["entries"] if e["type"] == "OWNS" and e["key"] == "leder-a"]
    assert ended[-1]["valid_to"] == "2027-01-01"
    assert ended[-1]["ended_by_decision"] == decided["key"]


def test_a_later_import_does_not_end_a_decided_role(
    open_client: TestClient, secretariat: dict, world: Graph
) -> None:
    decided = propose(open_client, secretariat, appoint_owner("s3", "chef"))
    jobnet = make_system("s3", name="Jobnet")
    owns = rel("OWNS", ("Person", "chef"), ("System", "s3"))
    write_batch(world, make_batch([jobnet], [owns], scope="kitos"))  # KITOS agrees
    later = write_batch(world, make_batch([jobnet], [], scope="kitos"))  # and then forgets
    assert later.ended == 0
    assert findings(open_client, secretariat, "GM-01", "s3") == []
    history = open_client.get("/api/systems/s3/history", headers=secretariat).json()
    chef = [e for e in history["entries"] if e["type"] == "OWNS" and e["key"] == "chef"]
    assert [(e["decided_by"], e["valid_from"], e["valid_to"]) for e in chef] == [
        (decided["key"], AS_OF.isoformat(), None)
    ]


def test_an_organisational_role_and_a_forum_seat_are_appointed_like_the_register_does(
    client: TestClient, secretariat: dict
) -> None:
    coordinator = {
        "type": "appoint",
        "role": "systemkoordinator",
        "person": "anna",
        "effective_date": "2026-11-01",
        "reason": "Anna overtager koordineringen.",
    }
    seat = {
        "type": "appoint",
        "role": "forumplads",
        "subject": "isu",
        "person": "chef",
        "forum_role": "Repræsentant",
        "effective_date": "2026-11-01",
        "reason": "Chefen repræsenterer forvaltningen i ISU.",
    }
    roles = {propose(client, secretariat, b)["key"] for b in (coordinator, seat)}
    anna = client.get("/api/people/anna/history", headers=secretariat).json()["entries"]
    chef = client.get("/api/people/chef/history", headers=secretariat).json()["entries"]
    held = {(e["type"], e["key"], e["decided_by"]) for e in anna + chef if e["decided_by"]}
    assert {(t, k) for t, k, _ in held} == {("HOLDS_ROLE", "systemkoordinator"), ("SITS_IN", "isu")}
    assert {d for _, _, d in held} == roles


def test_an_import_that_names_a_decided_holder_keeps_the_decisions_period(
    open_client: TestClient, secretariat: dict, world: Graph
) -> None:
    body = {
        "type": "appoint",
        "role": "superbruger",
        "subject": "s3",
        "person": "bo",
        "kind": "fag",
        "effective_date": "2026-11-01",
        "until": "2027-06-01",
        "reason": "Indtil systemet udfases.",
    }
    decided = propose(open_client, secretariat, body)
    jobnet = make_system("s3", name="Jobnet")
    names_bo = rel("SUPERUSER_OF", ("Person", "bo"), ("System", "s3"), kind="fag")
    first = write_batch(world, make_batch([jobnet], [names_bo], scope="register"))
    again = write_batch(world, make_batch([jobnet], [names_bo], scope="register"))
    assert (first.added, again.nothing_changed) == (0, True)
    history = open_client.get("/api/systems/s3/history", headers=secretariat).json()
    bo = [e for e in history["entries"] if e["type"] == "SUPERUSER_OF" and e["key"] == "bo"]
    assert [(e["decided_by"], e["valid_from"], e["valid_to"]) for e in bo] == [
        (decided["key"], "2026-11-01", "2027-06-01")
    ]


def test_a_role_ended_by_the_leave_date_leaves_no_gm13(
    client: TestClient, secretariat: dict
) -> None:
    after = date(2027, 2, 1)  # Lars Leaving leaves on 2027-01-31

    def leavers_roles() -> list[dict]:
        found = findings(client, secretariat, "GM-13", "s1", as_of=after)
        return [f for f in found if f["related"][0]["key"] == "leaving"]

    assert leavers_roles()
    body = {
        "type": "end",
        "role": "superbruger",
        "subject": "s1",
        "person": "leaving",
        "effective_date": "2027-01-31",
        "reason": "Fratræder.",
    }
    propose(client, secretariat, body)
    assert leavers_roles() == []


def test_unit_history_lists_its_leaders_and_the_read_is_audited(
    client: TestClient, secretariat: dict, audit_entries: Callable
) -> None:
    answer = client.get("/api/units/kontor-a/history", headers=secretariat)
    assert answer.status_code == 200
    leaders = [e["key"] for e in answer.json()["entries"] if e["type"] == "MANAGES"]
    assert leaders == ["leder-a"]
    [entry] = [e for e in audit_entries() if e.action == "orgunit.history"]
    assert "leder-a" in entry.person_keys
    missing = client.get("/api/units/no-such-unit/history", headers=secretariat)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not-found"


def test_the_relationship_list_shows_what_a_decision_wrote_but_not_the_decision_itself(
    client: TestClient, secretariat: dict, approver: dict
) -> None:
    approve(client, approver, propose(client, secretariat, appoint_owner("s3", "chef"))["key"])
    listed = client.get(
        "/api/relationships", params={"as_of": AS_OF.isoformat(), "to": "s3"}, headers=secretariat
    )
    assert listed.status_code == 200, listed.text  # a decision's own DECIDES_ON made it a 500
    rels = listed.json()["items"]
    assert rels and all(r["start"]["label"] for r in rels)
    assert "DECIDES_ON" not in {r["type"] for r in rels}
    owns = [r for r in rels if r["type"] == "OWNS" and r["properties"].get("source") == "decision"]
    assert [r["start"]["key"] for r in owns] == ["chef"]
    around = client.get("/api/graph/System/s3", params={"depth": 1}, headers=secretariat)
    assert around.status_code == 200, around.text
    assert "chef" in {n["key"] for n in around.json()["nodes"]}
