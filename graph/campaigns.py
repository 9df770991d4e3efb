"""Campaigns in the graph: start one (its tasks and first mails in one transaction), read its
progress per unit and per system, close it.

A task is a ``CampaignTask`` node holding the frozen list of roles (JSON) and, once answered,
the answers; it names its campaign and person by key (no relationships), so the governance
graph's pages and rules never see it.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

from neo4j import ManagedTransaction

from core.errors import Conflict, InvalidInput, NotFound
from core.settings import NotificationSettings
from graph.campaign_messages import link_expiry, task_link, task_mail
from graph.campaign_model import Campaign, CampaignProgress, NewCampaign, Progress, Task
from graph.campaign_scope import holders_in_scope
from graph.driver import Graph
from graph.notifications import queue
from graph.personal_links import link_key, sign
from schema.campaigns import CampaignStatus, ScopeKind, TaskStatus

_BATCH = 2000
_CHECK_UNIT = "MATCH (u:OrgUnit {key: $key}) RETURN u.key AS key"
_CHECK_SYSTEMS = "MATCH (s:System) WHERE s.key IN $keys RETURN collect(s.key) AS keys"
_CREATE = "CREATE (c:Campaign) SET c = $props"
_TASKS = "UNWIND $rows AS row CREATE (t:CampaignTask) SET t = row"
_COUNTS = (
    "COUNT { MATCH (t:CampaignTask {campaign: c.key}) } AS tasks, "
    "COUNT { MATCH (t:CampaignTask {campaign: c.key}) WHERE t.status = 'answered' } AS answered"
)
_GET = "MATCH (c:Campaign {key: $key}) RETURN properties(c) AS props, " + _COUNTS
_LIST = (
    "MATCH (c:Campaign) RETURN properties(c) AS props, " + _COUNTS + " ORDER BY c.started_at DESC"
)
_PER_UNIT = (
    "MATCH (t:CampaignTask {campaign: $key}) "
    "RETURN t.unit_key AS key, t.unit_name AS name, count(*) AS total, "
    "count(CASE WHEN t.status = 'answered' THEN 1 END) AS answered ORDER BY name, key"
)
_PER_SYSTEM = (
    "MATCH (t:CampaignTask {campaign: $key}) "
    "UNWIND range(0, size(t.system_keys) - 1) AS i "
    "RETURN t.system_keys[i] AS key, t.system_names[i] AS name, count(*) AS total, "
    "count(CASE WHEN t.status = 'answered' THEN 1 END) AS answered ORDER BY name, key"
)
_TASK_LIST = (
    "MATCH (t:CampaignTask {campaign: $key}) RETURN properties(t) AS props "
    "ORDER BY t.person_name, t.key"
)
_LOCK = (
    "MATCH (c:Campaign {key: $key}) SET c.campaign_lock = true REMOVE c.campaign_lock "
    "RETURN c.status AS status"
)
_CLOSE = (
    "MATCH (c:Campaign {key: $key}) SET c.status = $closed, c.closed_by = $who, c.closed_at = $now"
)


def start_campaign(
    graph: Graph,
    campaign: NewCampaign,
    *,
    who: str,
    settings: NotificationSettings,
    today: date | None = None,
    key: str | None = None,
) -> Campaign:
    """Start ``campaign``: one task per holder in scope and its mail, all in one transaction."""
    day = today or date.today()
    if campaign.deadline <= day:
        raise InvalidInput(
            f"The deadline {campaign.deadline} is not after today ({day}).",
            hint="Give a deadline in the future.",
        )
    key = key or _new_key("campaign")
    now = datetime.now(UTC)

    def work(tx: ManagedTransaction) -> None:
        _check_scope(tx, campaign)
        holders = holders_in_scope(tx, campaign, today=day)
        if not holders:
            raise InvalidInput(
                "Nobody in the campaign's scope holds a role to confirm.",
                hint="Choose another unit or other systems.",
            )
        tx.run(_CREATE, props=_campaign_props(key, campaign, who=who, now=now))
        signing = link_key(tx)
        expires = link_expiry(campaign.deadline, settings)
        for start in range(0, len(holders), _BATCH):
            tasks = [_task(key, row, expires) for row in holders[start : start + _BATCH]]
            tx.run(_TASKS, rows=[_task_props(t) for t in tasks])
            mails = [
                task_mail(
                    t,
                    campaign=campaign.name,
                    deadline=campaign.deadline,
                    link=task_link(settings, sign(signing, t.key, expires)),
                    settings=settings,
                )
                for t in tasks
            ]
            queue(tx, mails, now=now)

    graph.write(work)
    return get_campaign(graph, key)


def get_campaign(graph: Graph, key: str) -> Campaign:
    """One campaign with its task counts."""
    rows = graph.query(_GET, key=key)
    if not rows:
        raise NotFound(f"There is no campaign {key!r}.", hint="List them: GET /api/campaigns.")
    return Campaign.from_row(rows[0]["props"], tasks=rows[0]["tasks"], answered=rows[0]["answered"])


def list_campaigns(graph: Graph) -> list[Campaign]:
    """Every campaign, newest first."""
    return [
        Campaign.from_row(r["props"], tasks=r["tasks"], answered=r["answered"])
        for r in graph.query(_LIST)
    ]


def campaign_progress(graph: Graph, key: str) -> CampaignProgress:
    """A campaign with answered/all per unit and per system."""
    campaign = get_campaign(graph, key)
    units = [Progress(**r) for r in graph.query(_PER_UNIT, key=key)]
    systems = [Progress(**r) for r in graph.query(_PER_SYSTEM, key=key)]
    return CampaignProgress(campaign=campaign, units=units, systems=systems)


def campaign_tasks(graph: Graph, key: str) -> list[Task]:
    """Every task of a campaign, by person name."""
    get_campaign(graph, key)
    return [Task.from_node(r["props"]) for r in graph.query(_TASK_LIST, key=key)]


def close_campaign(graph: Graph, key: str, *, who: str) -> Campaign:
    """Close an open campaign: its links stop taking answers and no more reminders go out."""

    def work(tx: ManagedTransaction) -> None:
        record = tx.run(_LOCK, key=key).single()
        if record is None:
            raise NotFound(f"There is no campaign {key!r}.", hint="List them: GET /api/campaigns.")
        if record["status"] != CampaignStatus.OPEN.value:
            raise Conflict(f"Campaign {key} is already closed.", hint="Nothing to do.")
        tx.run(_CLOSE, key=key, closed=CampaignStatus.CLOSED.value, who=who, now=datetime.now(UTC))

    graph.write(work)
    return get_campaign(graph, key)


def _check_scope(tx: ManagedTransaction, campaign: NewCampaign) -> None:
    if campaign.scope is ScopeKind.UNIT:
        if tx.run(_CHECK_UNIT, key=campaign.unit).single() is None:
            raise InvalidInput(
                f"There is no unit {campaign.unit!r}.", hint="Use a unit key (GET /api/units)."
            )
        return
    found = set(tx.run(_CHECK_SYSTEMS, keys=campaign.systems).single(strict=True)["keys"])
    unknown = sorted(set(campaign.systems) - found)
    if unknown:
        raise InvalidInput(
            f"Unknown system(s): {', '.join(unknown)}.", hint="Use system keys (GET /api/systems)."
        )


def _campaign_props(key: str, campaign: NewCampaign, *, who: str, now: datetime) -> dict[str, Any]:
    props: dict[str, Any] = {
        "key": key,
        "name": campaign.name,
        "status": CampaignStatus.OPEN.value,
        "scope": campaign.scope.value,
        "unit": campaign.unit,
        "systems": campaign.systems,
        "deadline": campaign.deadline,
        "started_by": who,
        "started_at": now,
    }
    return {k: v for k, v in props.items() if v is not None}


def _task(campaign: str, row: dict[str, Any], expires: date) -> Task:
    return Task(
        key=_new_key("task"),
        campaign=campaign,
        person_key=row["person"],
        person_name=row["name"] or row["person"],
        email=row["email"],
        lang=row["lang"],
        unit_key=row["unit_key"],
        unit_name=row["unit_name"],
        status=TaskStatus.OPEN,
        roles=row["roles"],
        link_expires=expires,
    )


def _task_props(task: Task) -> dict[str, Any]:
    systems = {r.target_key: r.target_name for r in task.roles if r.target_label == "System"}
    props = task.model_dump(mode="json", exclude={"roles", "answers", "link_expires"})
    props.update(
        roles=json.dumps([r.model_dump(mode="json") for r in task.roles]),
        link_expires=task.link_expires,
        role_count=len(task.roles),
        system_keys=list(systems),
        system_names=list(systems.values()),
    )
    return {k: v for k, v in props.items() if v is not None}


def _new_key(prefix: str) -> str:
    """A fresh key in groups of four (no run of digits that could look like a CPR number)."""
    digits = uuid.uuid4().hex
    return f"{prefix}-" + "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))
