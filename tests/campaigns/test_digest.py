"""The new-findings digest: each finding told once, weekly; a person can turn digests off."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi.testclient import TestClient

from core.settings import Settings
from graph.driver import Graph
from graph.findings_digest import DigestRound, queue_findings_digest
from graph.notifications import OutboxMessage

MONDAY = date(2026, 11, 2)


def _digests(graph: Graph) -> list[OutboxMessage]:
    rows = graph.query(
        "MATCH (m:OutboxMessage) WHERE m.key STARTS WITH 'digest:' RETURN properties(m) AS props "
        "ORDER BY m.key"
    )
    return [OutboxMessage.from_node(r["props"]) for r in rows]


def test_holders_get_the_new_findings_about_their_systems_once(
    world: Graph, campaign_settings: Settings
) -> None:
    assert queue_findings_digest(world, campaign_settings, today=MONDAY).digests > 0
    first = {m.to: m for m in _digests(world)}
    assert "leder-a@example.dk" in first  # systemejer of Acadre
    assert "Acadre:" in first["leder-a@example.dk"].body
    assert first["leder-a@example.dk"].reason.startswith("Du er systemejer eller systemansvarlig")
    # The same week again, and the next week with nothing new: nothing more.
    queue_findings_digest(world, campaign_settings, today=MONDAY + timedelta(days=2))
    next_week = queue_findings_digest(world, campaign_settings, today=MONDAY + timedelta(days=7))
    assert next_week == DigestRound(0)
    assert len(_digests(world)) == len(first)


def test_the_opt_out_link_turns_digests_off_but_a_get_changes_nothing(
    client: TestClient, world: Graph, campaign_settings: Settings
) -> None:
    queue_findings_digest(world, campaign_settings, today=MONDAY)
    mail = next(m for m in _digests(world) if m.to == "leder-a@example.dk")
    link = re.search(r"/afmeld/(\S+)", mail.body)
    assert link is not None
    form = client.get(f"/afmeld/{link.group(1)}")
    assert form.status_code == 200 and "Frameld" in form.text
    world.query("MATCH (n:NotificationPreference) REMOVE n.told", routing="w")
    queue_findings_digest(world, campaign_settings, today=MONDAY + timedelta(days=7))
    assert any(m.key.startswith("digest:leder-a:") and "W46" in m.key for m in _digests(world))
    done = client.post(f"/afmeld/{link.group(1)}")
    assert done.status_code == 200 and "Du er frameldt" in done.text
    world.query("MATCH (n:NotificationPreference) REMOVE n.told", routing="w")
    queue_findings_digest(world, campaign_settings, today=MONDAY + timedelta(days=14))
    assert not any(m.key == "digest:leder-a:2026-W47" for m in _digests(world))


def test_a_forged_opt_out_link_is_refused(client: TestClient) -> None:
    response = client.post("/afmeld/optout-bGVkZXItYQ." + "0" * 64)
    assert response.status_code == 404 and "Linket er ikke gyldigt" in response.text
