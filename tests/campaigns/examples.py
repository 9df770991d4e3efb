"""A campaign over the example forvaltning, for the page tests and the end-to-end test."""

from __future__ import annotations

from datetime import date, timedelta

from core.settings import NotificationSettings, Settings
from graph.campaign_model import NewCampaign, Task
from graph.campaigns import campaign_tasks, start_campaign
from graph.driver import Graph
from graph.personal_links import link_key, sign
from schema.campaigns import ScopeKind

EXAMPLE_CAMPAIGN = "campaign-example"


def forvaltning_key(graph: Graph, settings: Settings) -> str:
    """The key of the forvaltning the settings name."""
    rows = graph.query(
        "MATCH (u:OrgUnit) WHERE u.name = $name OR u.key = $name RETURN u.key AS key",
        name=settings.organisation.forvaltning,
    )
    return str(rows[0]["key"])


def start_example_campaign(graph: Graph, settings: Settings) -> tuple[str, str]:
    """Start the example campaign; its key and the link of its first task with several roles."""
    start_campaign(
        graph,
        NewCampaign(
            name="Halvårlig gennemgang 2027 H1",
            scope=ScopeKind.UNIT,
            unit=forvaltning_key(graph, settings),
            deadline=date.today() + timedelta(days=30),
        ),
        who="sekretariatet",
        settings=NotificationSettings(),
        key=EXAMPLE_CAMPAIGN,
    )
    task = next(t for t in campaign_tasks(graph, EXAMPLE_CAMPAIGN) if len(t.roles) >= 3)
    return EXAMPLE_CAMPAIGN, link_of(graph, task)


def link_of(graph: Graph, task: Task) -> str:
    """A task's personal link token."""
    return sign(graph.write(link_key), task.key, task.link_expires)
