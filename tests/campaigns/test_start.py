"""Starting a campaign: one frozen task per holder in scope, and its mail, in one transaction."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import InvalidInput
from core.settings import NotificationSettings
from graph.campaign_model import NewCampaign
from graph.campaigns import campaign_progress, campaign_tasks, start_campaign
from graph.driver import Graph
from graph.notifications import get_message, status_counts
from schema.campaigns import ScopeKind
from tests.campaigns.conftest import DEADLINE
from tests.campaigns.helpers import start_on_forvaltning, task_of


def test_each_holder_in_the_forvaltning_gets_one_task_listing_every_role(
    world: Graph, notify: NotificationSettings
) -> None:
    campaign = start_on_forvaltning(world, notify, deadline=DEADLINE)
    tasks = {t.person_key: t for t in campaign_tasks(world, campaign.key)}
    assert sorted(tasks) == ["anna", "bo", "chef", "leaving", "leder-a"]
    anna = sorted((r.role, r.target_key) for r in tasks["anna"].roles)
    assert anna == [
        ("digitaliseringskonsulent", "digitaliseringskonsulent"),
        ("superbruger", "s1"),
        ("systemadministrator", "s1"),
        ("systemansvarlig", "s1"),
    ]
    assert [(r.role, r.target_key) for r in tasks["chef"].roles] == [("forumplads", "dds")]
    assert tasks["anna"].unit_key == "kontor-a"
    assert campaign.tasks == 5 and campaign.answered == 0


def test_each_task_mail_is_queued_with_the_campaign_in_the_recipients_language(
    world: Graph, notify: NotificationSettings
) -> None:
    campaign = start_on_forvaltning(world, notify, deadline=DEADLINE)
    task = task_of(world, campaign.key, "anna")
    mail = get_message(world, f"{task.key}:task")
    assert mail is not None
    assert mail.to == "anna@example.dk"
    assert mail.subject == "Bekræft dine roller: Halvårlig gennemgang 2027 H1"
    assert "Systemansvarlig: Acadre" in mail.body
    assert "https://govgraph.kommune.dk/opgave/task-" in mail.body
    assert mail.reason == "Du har roller i kampagnen «Halvårlig gennemgang 2027 H1»."
    assert status_counts(world) == {"pending": 5}


def test_a_campaign_over_systems_asks_only_about_those_systems(
    world: Graph, notify: NotificationSettings
) -> None:
    campaign = start_campaign(
        world,
        NewCampaign(name="Acadre", scope=ScopeKind.SYSTEMS, systems=["s1"], deadline=DEADLINE),
        who="sek",
        settings=notify,
    )
    tasks = {t.person_key: t for t in campaign_tasks(world, campaign.key)}
    assert sorted(tasks) == ["anna", "bo", "leaving", "leder-a"]
    assert {r.target_key for r in tasks["anna"].roles} == {"s1"}


def test_the_task_stays_as_it_was_asked_after_the_graph_changes(
    world: Graph, notify: NotificationSettings
) -> None:
    campaign = start_on_forvaltning(world, notify, deadline=DEADLINE)
    world.query(
        "MATCH (:Person {key: 'bo'})-[r:ADMINISTERS]->() SET r.valid_to = date()", routing="w"
    )
    bo = task_of(world, campaign.key, "bo")
    assert [r.role for r in bo.roles] == ["systemadministrator", "superbruger"]


def test_an_unknown_unit_or_a_past_deadline_is_refused_and_writes_nothing(
    world: Graph, notify: NotificationSettings
) -> None:
    before = world.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    with pytest.raises(InvalidInput, match="no unit"):
        start_campaign(
            world,
            NewCampaign(name="x", scope=ScopeKind.UNIT, unit="nope", deadline=DEADLINE),
            who="sek",
            settings=notify,
        )
    with pytest.raises(InvalidInput, match="deadline"):
        start_on_forvaltning(world, notify, deadline=date.today() - timedelta(days=1))
    assert world.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_progress_counts_answered_tasks_per_unit_and_per_system(
    world: Graph, notify: NotificationSettings
) -> None:
    campaign = start_on_forvaltning(world, notify, deadline=DEADLINE)
    world.query("MATCH (t:CampaignTask {person_key: 'bo'}) SET t.status = 'answered'", routing="w")
    progress = campaign_progress(world, campaign.key)
    units = {p.key: (p.answered, p.total) for p in progress.units}
    assert units == {"afd": (0, 1), "kontor-a": (0, 3), "kontor-b": (1, 1)}
    systems = {p.key: (p.answered, p.total) for p in progress.systems}
    assert systems == {"s1": (1, 4)}
