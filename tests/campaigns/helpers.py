"""Starting a campaign on the seed and finding a task's link in the outbox."""

from __future__ import annotations

import re
from datetime import date

from core.settings import NotificationSettings
from graph.campaign_model import Campaign, NewCampaign, Task
from graph.campaigns import campaign_tasks, start_campaign
from graph.driver import Graph
from graph.notifications import get_message
from schema.campaigns import ScopeKind

LINK = re.compile(r"/opgave/(\S+)")


def start_on_forvaltning(
    graph: Graph, notify: NotificationSettings, *, deadline: date, today: date | None = None
) -> Campaign:
    """A campaign over the whole seed forvaltning."""
    return start_campaign(
        graph,
        NewCampaign(name="Halvårlig gennemgang 2027 H1", scope=ScopeKind.UNIT, unit="forv",
                    deadline=deadline),
        who="sekretariat-token",
        settings=notify,
        today=today,
    )  # fmt: skip


def task_of(graph: Graph, campaign: str, person: str) -> Task:
    """The person's task in the campaign."""
    return next(t for t in campaign_tasks(graph, campaign) if t.person_key == person)


def token_of(graph: Graph, task: Task) -> str:
    """The link token in the task's mail in the outbox."""
    message = get_message(graph, f"{task.key}:task")
    assert message is not None
    match = LINK.search(message.body)
    assert match is not None
    return match.group(1)
