"""Messages addressed to a role: reviews due or overdue, and a leaver's handover."""

from __future__ import annotations

from datetime import date, timedelta

from core.settings import Settings
from graph.driver import Graph
from graph.notifications import OutboxMessage
from graph.role_reminders import queue_role_reminders

LEAVES = date(2027, 1, 31)  # 'leaving' in the seed


def _messages(graph: Graph, prefix: str) -> list[OutboxMessage]:
    rows = graph.query(
        "MATCH (m:OutboxMessage) WHERE m.key STARTS WITH $p RETURN properties(m) AS props "
        "ORDER BY m.key",
        p=prefix,
    )
    return [OutboxMessage.from_node(r["props"]) for r in rows]


def test_a_review_never_held_goes_to_the_systemejer_once(
    world: Graph, campaign_settings: Settings
) -> None:
    queue_role_reminders(world, campaign_settings, today=date(2026, 12, 1))
    queue_role_reminders(world, campaign_settings, today=date(2026, 12, 2))
    [owner_review] = _messages(world, "review:s1:owner_review:")
    assert owner_review.to == "leder-a@example.dk"
    assert owner_review.reason.startswith("Du er systemejer for Acadre")
    [dialog] = _messages(world, "review:s1:vendor_dialog_owner:")
    assert dialog.to == "anna@example.dk"  # the systemansvarlig


def test_the_next_message_goes_to_the_new_holder(world: Graph, campaign_settings: Settings) -> None:
    for cypher in (
        "MATCH (s:System {key: 's1'}) MERGE (rv:Review {key: 'rv1'}) "
        "SET rv.kind = 'owner_review', rv.date = date('2026-06-01') MERGE (rv)-[:REVIEWS]->(s)",
        "MATCH (:Person {key: 'leder-a'})-[r:OWNS]->(:System {key: 's1'}) "
        "SET r.valid_to = date('2026-11-20')",
        "MATCH (p:Person {key: 'chef'}), (s:System {key: 's1'}) "
        "CREATE (p)-[:OWNS {valid_from: date('2026-11-20')}]->(s)",
    ):
        world.query(cypher, routing="w")
    queue_role_reminders(world, campaign_settings, today=date(2026, 11, 25))
    [upcoming] = _messages(world, "review:s1:owner_review:2026-06-01:upcoming")
    assert upcoming.to == "chef@example.dk"


def test_a_system_without_an_owner_tells_the_secretariat(
    world: Graph, campaign_settings: Settings
) -> None:
    queue_role_reminders(world, campaign_settings, today=date(2026, 12, 1))
    [jobnet] = _messages(world, "review:s3:owner_review:")  # its owner has left
    assert jobnet.to == "sekretariat@example.dk"
    assert jobnet.reason.startswith("Ingen er systemejer for Jobnet")


def test_a_leavers_leader_and_the_secretariat_hear_of_the_handover_in_time(
    world: Graph, campaign_settings: Settings
) -> None:
    early = LEAVES - timedelta(days=campaign_settings.notifications.leaver_notice_days + 1)
    queue_role_reminders(world, campaign_settings, today=early)
    assert _messages(world, "leaver:") == []
    queue_role_reminders(world, campaign_settings, today=LEAVES - timedelta(days=10))
    sent = {m.key.rsplit(":", 1)[1]: m for m in _messages(world, "leaver:leaving:")}
    assert sent["leader"].to == "leder-a@example.dk"
    assert sent["secretariat"].to == "sekretariat@example.dk"
    assert "https://govgraph.kommune.dk/handover?person=leaving" in sent["leader"].body
