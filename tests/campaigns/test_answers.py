"""Answering a task through its link: answers become decisions; a link works once, for one task."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import InvalidInput
from core.settings import Settings
from graph.campaign_model import RoleAnswer
from graph.campaign_tasks import LinkProblem, answer_task, open_task
from graph.campaigns import close_campaign, get_campaign
from graph.decisions import get_decision
from graph.driver import Graph
from graph.personal_links import rotate_link_key
from schema.campaigns import Answer
from tests.campaigns.conftest import DEADLINE
from tests.campaigns.helpers import start_on_forvaltning, task_of, token_of


def _answers(task_roles: dict[str, str], **special: RoleAnswer) -> list[RoleAnswer]:
    return [
        special.get(role, RoleAnswer(id=rid, answer=Answer.CONFIRM))
        for rid, role in task_roles.items()
    ]


def test_a_link_opens_only_its_own_task(world: Graph, campaign_settings: Settings) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    anna = task_of(world, campaign.key, "anna")
    opened = open_task(world, token_of(world, anna))
    assert opened.task.key == anna.key and opened.task.person_key == "anna"
    assert opened.campaign == "Halvårlig gennemgang 2027 H1"


def test_confirm_and_should_be_become_an_applied_and_a_pending_decision(
    world: Graph, campaign_settings: Settings
) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    leder = task_of(world, campaign.key, "leder-a")
    anna = task_of(world, campaign.key, "anna")
    [owner] = leder.roles
    answered = answer_task(
        world,
        token_of(world, leder),
        [RoleAnswer(id=owner.id, answer=Answer.SHOULD_BE, who="Carl Chef")],
        settings=campaign_settings,
    )
    [recorded] = answered.answers
    assert recorded.person == "chef" and recorded.decision_status == "pending"
    decision = get_decision(world, recorded.decision or "")
    assert decision.payload.replaces == "leder-a" and decision.payload.role == "systemejer"
    assert "leder-a" in decision.proposed_by
    roles = {r.role: r.id for r in anna.roles}
    answer_task(
        world,
        token_of(world, anna),
        [
            RoleAnswer(id=roles["digitaliseringskonsulent"], answer=Answer.CONFIRM),
            RoleAnswer(id=roles["superbruger"], answer=Answer.CONFIRM),
            RoleAnswer(id=roles["systemadministrator"], answer=Answer.NOT_ME),
            RoleAnswer(id=roles["systemansvarlig"], answer=Answer.CONFIRM),
        ],
        settings=campaign_settings,
    )
    still = world.query(
        "MATCH (:Person {key: 'anna'})-[r:ADMINISTERS]->(:System {key: 's1'}) "
        "RETURN r.valid_to AS valid_to, r.ended_by AS ended_by"
    )
    assert still[0]["valid_to"].to_native() == date.today() and still[0]["ended_by"]
    assert get_campaign(world, campaign.key).answered == 2


def test_a_used_link_says_so(world: Graph, campaign_settings: Settings) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    chef = task_of(world, campaign.key, "chef")
    token = token_of(world, chef)
    answer_task(
        world, token, [RoleAnswer(id="r1", answer=Answer.CONFIRM)], settings=campaign_settings
    )
    with pytest.raises(LinkProblem) as used:
        open_task(world, token)
    assert used.value.reason == "used" and used.value.when is not None


def test_an_expired_a_tampered_and_a_revoked_link_are_refused(
    world: Graph, campaign_settings: Settings
) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    token = token_of(world, task_of(world, campaign.key, "chef"))
    late = DEADLINE + timedelta(days=campaign_settings.notifications.link_days_after_deadline + 1)
    with pytest.raises(LinkProblem) as expired:
        open_task(world, token, today=late)
    assert expired.value.reason == "expired"
    other = token_of(world, task_of(world, campaign.key, "bo"))
    forged = other.split(".")[0] + "." + ".".join(token.split(".")[1:])
    with pytest.raises(LinkProblem) as tampered:
        open_task(world, forged)
    assert tampered.value.reason == "invalid"
    rotate_link_key(world)
    with pytest.raises(LinkProblem) as revoked:
        open_task(world, token)
    assert revoked.value.reason == "invalid"


def test_a_closed_campaign_takes_no_answers(world: Graph, campaign_settings: Settings) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    token = token_of(world, task_of(world, campaign.key, "chef"))
    close_campaign(world, campaign.key, who="sek")
    with pytest.raises(LinkProblem) as closed:
        open_task(world, token)
    assert closed.value.reason == "closed"


def test_an_answer_must_cover_every_role(world: Graph, campaign_settings: Settings) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    anna = task_of(world, campaign.key, "anna")
    with pytest.raises(InvalidInput):
        answer_task(
            world,
            token_of(world, anna),
            [RoleAnswer(id="r1", answer=Answer.CONFIRM)],
            settings=campaign_settings,
        )
    assert get_campaign(world, campaign.key).answered == 0


def test_a_person_who_cannot_be_found_is_referred_to_the_secretariat(
    world: Graph, campaign_settings: Settings
) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    leaving = task_of(world, campaign.key, "leaving")
    answered = answer_task(
        world,
        token_of(world, leaving),
        [RoleAnswer(id="r1", answer=Answer.HANDOVER, who="Nobody Known",
                    from_date=date.today() + timedelta(days=30))],
        settings=campaign_settings,
    )  # fmt: skip
    [recorded] = answered.answers
    assert recorded.decision is None and "Nobody Known" in (recorded.note or "")
