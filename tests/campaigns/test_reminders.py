"""Reminders before the deadline to open tasks; escalation after it to the holder's leader."""

from __future__ import annotations

from datetime import date, timedelta

from core.settings import NotificationSettings, Settings
from graph.campaign_model import RoleAnswer
from graph.campaign_reminders import queue_due_reminders
from graph.campaign_tasks import answer_task
from graph.driver import Graph
from graph.notifications import get_message
from schema.campaigns import Answer
from tests.campaigns.conftest import DEADLINE
from tests.campaigns.helpers import start_on_forvaltning, task_of, token_of


def _outbox_keys(graph: Graph, suffix: str) -> list[str]:
    rows = graph.query(
        "MATCH (m:OutboxMessage) WHERE m.key ENDS WITH $suffix RETURN m.key AS key", suffix=suffix
    )
    return [r["key"] for r in rows]


def test_reminders_go_to_open_tasks_once_per_reminder_day(
    world: Graph, campaign_settings: Settings, notify: NotificationSettings
) -> None:
    campaign = start_on_forvaltning(world, notify, deadline=DEADLINE)
    chef = task_of(world, campaign.key, "chef")
    answer_task(
        world,
        token_of(world, chef),
        [RoleAnswer(id="r1", answer=Answer.CONFIRM)],
        settings=campaign_settings,
    )
    assert queue_due_reminders(world, notify, today=DEADLINE - timedelta(days=8)).reminders == 0
    week = queue_due_reminders(world, notify, today=DEADLINE - timedelta(days=7))
    assert week.reminders == 4
    queue_due_reminders(world, notify, today=DEADLINE - timedelta(days=6))
    assert len(_outbox_keys(world, ":reminder:7")) == 4
    queue_due_reminders(world, notify, today=DEADLINE - timedelta(days=1))
    assert len(_outbox_keys(world, ":reminder:2")) == 4
    assert not [k for k in _outbox_keys(world, ":reminder:7") if k.startswith(chef.key)]
    anna = task_of(world, campaign.key, "anna")
    reminder = get_message(world, f"{anna.key}:reminder:2")
    assert reminder is not None and reminder.to == "anna@example.dk"
    assert token_of(world, anna) in reminder.body
    assert "fristen er" in reminder.reason


def test_after_the_deadline_the_leader_is_told_moving_up_past_the_holder_himself(
    world: Graph, notify: NotificationSettings
) -> None:
    campaign = start_on_forvaltning(world, notify, deadline=DEADLINE)
    after = DEADLINE + timedelta(days=1)
    assert queue_due_reminders(world, notify, today=after).escalations == 5
    queue_due_reminders(world, notify, today=after + timedelta(days=1))
    assert len(_outbox_keys(world, ":escalation")) == 5

    def escalated_to(person: str) -> str:
        message = get_message(world, f"{task_of(world, campaign.key, person).key}:escalation")
        assert message is not None
        return message.to

    assert escalated_to("anna") == "leder-a@example.dk"  # the leader of kontor-a
    assert escalated_to("leder-a") == "chef@example.dk"  # leads kontor-a: up to afd's chef
    assert escalated_to("bo") == "chef@example.dk"  # kontor-b has no leader: afd's chef
    assert escalated_to("chef") == "sekretariat@example.dk"  # no leader above: the secretariat
    anna_mail = get_message(world, f"{task_of(world, campaign.key, 'anna').key}:escalation")
    assert anna_mail is not None and "/opgave/" not in anna_mail.body
    assert anna_mail.reason == "Du er leder for Anna Andersen, som ikke har svaret inden fristen."


def test_no_reminder_on_top_of_a_task_mail_of_a_short_campaign(
    world: Graph, notify: NotificationSettings
) -> None:
    start_on_forvaltning(world, notify, deadline=date.today() + timedelta(days=3))
    assert queue_due_reminders(world, notify).reminders == 0
