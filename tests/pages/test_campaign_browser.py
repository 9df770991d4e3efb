"""A campaign end to end on the example forvaltning, in Danish, in a real browser: the task mails
reach a real SMTP server, a holder opens the link from their mail, confirms two roles, says one
should be someone else, and the secretariat sees the proposal pending."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from api.worker import send_due
from core.settings import Settings, SmtpSettings
from graph.campaign_model import Task
from graph.campaigns import campaign_tasks
from graph.driver import Graph
from graph.personal_links import link_key, verify
from tests.notifications.smtp import SmtpServer
from tests.pages.conftest import LiveApp, screenshot

pytestmark = pytest.mark.browser
LINK = re.compile(r"https?://[^/\s]+(/opgave/\S+)")
# The person the holder names: found in the example data as a leader at an owner's level.
SUCCESSOR = (
    "MATCH (p:Person)-[m:MANAGES]->(:OrgUnit) WHERE m.level IN ['chef', 'kontorleder'] "
    "AND m.valid_to IS NULL AND p.valid_to IS NULL AND p.key <> $holder AND p.email IS NOT NULL "
    "RETURN p.email AS email ORDER BY p.email LIMIT 1"
)

SOLE_OWNED = (
    "MATCH (s:System) WHERE COUNT { MATCH (p:Person)-[o:OWNS]->(s) WHERE o.valid_to IS NULL "
    "AND p.valid_to IS NULL } = 1 RETURN s.key AS key"
)


def _holder(graph: Graph, campaign: str, not_this: str) -> tuple[Task, str]:
    """A task asking about the sole owner of a system and two more roles (not the accessibility
    test's task), and the role's id: the examples also plant a system with two owners."""
    sole = {r["key"] for r in graph.query(SOLE_OWNED)}
    tasks = campaign_tasks(graph, campaign)
    for task in sorted(tasks, key=lambda t: (len(t.roles), t.person_key)):
        owned = [r.id for r in task.roles if r.role == "systemejer" and r.target_key in sole]
        if task.key != not_this and task.email and len(task.roles) >= 3 and owned:
            return task, owned[0]
    raise AssertionError("the examples have a sole systemejer with three roles")


def test_a_holder_answers_from_the_mail_and_the_secretariat_sees_the_proposal_pending(
    anonymous_page: Any,
    page: Any,
    live_app: LiveApp,
    example_graph: Graph,
    example_campaign: tuple[str, str],
    settings: Settings,
    smtp: SmtpServer,
) -> None:
    campaign, accessibility_link = example_campaign
    claim = verify(example_graph.write(link_key), accessibility_link)
    assert claim is not None
    mail = settings.model_copy(
        update={"smtp": SmtpSettings(host="127.0.0.1", port=smtp.port, security="none")}
    )
    report = send_due(example_graph, mail)
    with_address = [t for t in campaign_tasks(example_graph, campaign) if t.email]
    assert report.sent == len(with_address) == len(smtp.inbox.mails)

    holder, owner_id = _holder(example_graph, campaign, claim.task)
    [received] = [m for m in smtp.inbox.mails if m["To"] == holder.email]
    assert received["Subject"] == "Bekræft dine roller: Halvårlig gennemgang 2027 H1"
    assert (
        received["X-Govgraph-Reason"] == "Du har roller i kampagnen «Halvårlig gennemgang 2027 H1»."
    )
    link = LINK.search(received.get_content())
    assert link is not None
    successor = example_graph.query(SUCCESSOR, holder=holder.person_key)[0]["email"]

    anonymous_page.goto(link.group(1))
    assert anonymous_page.locator("h1").inner_text().startswith("Dine roller")
    for role in holder.roles:  # two (or more) confirmed
        if role.id != owner_id:
            answer = anonymous_page.locator(f"fieldset[data-role={role.id}]")
            answer.get_by_label("Det passer").check()
    owner_set = anonymous_page.locator(f"fieldset[data-role={owner_id}]")
    owner_set.get_by_label("Det burde være en anden").check()
    owner_set.get_by_label("Hvem (navn eller e-mail)").fill(successor)
    anonymous_page.get_by_role("button", name="Send svar").click()
    assert (
        anonymous_page.get_by_role("status")
        .inner_text()
        .startswith("Tak. Dine svar er registreret")
    )
    answers = anonymous_page.locator(".task__answers").inner_text()
    assert "Ændringen venter på godkendelse." in answers, answers

    secretariat = live_app.secretariat_token
    pending = httpx.get(
        f"{live_app.url}/api/decisions?status=pending",
        headers={"Authorization": f"Bearer {secretariat}"},
    ).json()["items"]
    assert [(d["payload"]["replaces"], d["payload"]["role"]) for d in pending] == [
        (holder.person_key, "systemejer")
    ]
    page.goto(f"/campaigns/{campaign}")
    assert page.locator("[data-answered]").inner_text() == "1"
    screenshot(page, "campaign-progress")
    page.goto(f"/campaigns/{campaign}/report")
    assert "venter på godkendelse" in page.content()
