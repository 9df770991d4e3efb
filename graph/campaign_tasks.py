"""A holder's task through their personal link: open it, answer it (answers become decisions).

Answering is one transaction: the task is locked, each answer that changes something is
proposed as a decision (``graph.decisions.record``, so the approval settings apply) and the
answers are stored on the task. An answer the decision checks refuse (the named person cannot
hold the role, someone else is already appointed) is kept with the reason, for the secretariat
to follow up; it changes nothing in the graph.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from neo4j import ManagedTransaction

from core.errors import GovgraphError, InvalidInput
from core.i18n import text
from core.settings import Settings
from graph.campaign_model import HeldRole, RoleAnswer, Task
from graph.changes import record_events
from graph.decision_model import Proposal
from graph.decisions import owner_levels, record
from graph.driver import Graph
from graph.personal_links import link_key, verify
from schema.campaigns import Answer, CampaignStatus, TaskStatus
from schema.decisions import DecisionType
from schema.outbox import EventKind

_TASK = (
    "MATCH (t:CampaignTask {key: $key}) MATCH (c:Campaign {key: t.campaign}) "
    "RETURN properties(t) AS task, c.name AS campaign, c.deadline AS deadline, "
    "c.status AS campaign_status"
)
_LOCK = (
    "MATCH (t:CampaignTask {key: $key}) SET t.task_lock = true REMOVE t.task_lock "
    "RETURN properties(t) AS task"
)
_ANSWERED = (
    "MATCH (t:CampaignTask {key: $key}) SET t.status = $answered, t.answered_at = $now, "
    "t.answers = $answers"
)
_PERSON = (
    "MATCH (p:Person) WHERE (toLower(p.email) = $folded OR toLower(p.name) = $folded "
    "OR p.key = $text) AND coalesce(p.valid_to, date('9999-12-31')) > $today "
    "RETURN p.key AS key LIMIT 2"
)


class LinkProblem(GovgraphError):
    """A personal link that cannot be used: ``reason`` is invalid, expired, used or closed."""

    status = 410
    code = "link-unusable"

    def __init__(self, reason: str, *, when: date | datetime | None = None) -> None:
        super().__init__(f"The link cannot be used: {reason}.", hint="See the page's text.")
        self.reason = reason
        self.when = when


@dataclass(frozen=True, slots=True)
class OpenTask:
    """A task as its link shows it: the task, the campaign's name and deadline."""

    task: Task
    campaign: str
    deadline: date


def open_task(graph: Graph, token: str, *, today: date | None = None) -> OpenTask:
    """The task a link opens; LinkProblem if the link is invalid, expired, used or closed."""
    day = today or date.today()
    key = graph.write(link_key)
    claim = verify(key, token)
    if claim is None:
        raise LinkProblem("invalid")
    rows = graph.query(_TASK, key=claim.task)
    if not rows:
        raise LinkProblem("invalid")
    row = rows[0]
    task = Task.from_node(row["task"])
    if task.status is TaskStatus.ANSWERED:
        raise LinkProblem("used", when=task.answered_at)
    if row["campaign_status"] != CampaignStatus.OPEN.value:
        raise LinkProblem("closed")
    if claim.expires < day:
        raise LinkProblem("expired", when=claim.expires)
    return OpenTask(task, row["campaign"], row["deadline"].to_native())


def answer_task(
    graph: Graph,
    token: str,
    answers: list[RoleAnswer],
    *,
    settings: Settings,
) -> Task:
    """Record a holder's answers (one per role) and propose the decisions they ask for."""
    opened = open_task(graph, token)
    task = opened.task
    given = {a.id: a for a in answers}
    missing = [r.id for r in task.roles if r.id not in given]
    if missing or set(given) - {r.id for r in task.roles}:
        raise InvalidInput(
            text("campaign.task.missing_answer", "en"),
            hint="Send one answer per role id of the task.",
            details={"missing": missing},
        )
    levels = owner_levels(settings)

    def work(tx: ManagedTransaction) -> Task:
        locked = Task.from_node(tx.run(_LOCK, key=task.key).single(strict=True)["task"])
        if locked.status is TaskStatus.ANSWERED:
            raise LinkProblem("used", when=locked.answered_at)
        recorded = [
            _decide(tx, role, given[role.id], task=locked, campaign=opened.campaign,
                    settings=settings, levels=levels)
            for role in locked.roles
        ]  # fmt: skip
        now = datetime.now(UTC)
        tx.run(
            _ANSWERED,
            key=task.key,
            answered=TaskStatus.ANSWERED.value,
            now=now,
            answers=json.dumps([a.model_dump(mode="json") for a in recorded]),
        )
        record_events(
            tx,
            [(EventKind.CAMPAIGN_TASK_ANSWERED, {
                "campaign": locked.campaign, "task": locked.key, "person": locked.person_key,
                "answers": [a.model_dump(mode="json", exclude_none=True) for a in recorded],
            })],
        )  # fmt: skip
        return locked.model_copy(
            update={"status": TaskStatus.ANSWERED, "answered_at": now, "answers": recorded}
        )

    return graph.write(work)


def _decide(
    tx: ManagedTransaction,
    role: HeldRole,
    answer: RoleAnswer,
    *,
    task: Task,
    campaign: str,
    settings: Settings,
    levels: list[str],
) -> RoleAnswer:
    """The answer as recorded: with the decision it became, or the reason it became none."""
    if answer.answer is Answer.CONFIRM:
        return RoleAnswer(id=role.id, answer=Answer.CONFIRM)
    lang = settings.notifications.default_language
    reason = text(
        "campaign.decision.reason",
        lang,
        campaign=campaign,
        name=task.person_name,
        answer=text(f"campaign.answer.{answer.answer.value}", lang),
    )
    recorded = RoleAnswer(
        id=role.id, answer=answer.answer, who=answer.who, from_date=answer.from_date
    )
    today = date.today()
    base: dict[str, Any] = {
        "role": role.role,
        "subject": role.target_key,
        "reason": reason,
        "kind": role.kind,
        "forum_role": role.forum_role,
    }
    if answer.answer is Answer.NOT_ME:
        proposal = Proposal(
            type=DecisionType.END, person=task.person_key, effective_date=today, **base
        )
    else:
        person = _named_person(tx, answer.who or "", today=today)
        if person is None or person == task.person_key:
            note = text("campaign.task.unknown_person", lang, who=answer.who or "")
            return recorded.model_copy(update={"note": note})
        when = answer.from_date if answer.answer is Answer.HANDOVER and answer.from_date else today
        proposal = Proposal(
            type=DecisionType.APPOINT,
            person=person,
            replaces=task.person_key,
            effective_date=max(when, today),
            **base,
        )
        recorded = recorded.model_copy(update={"person": person})
    try:
        decision = record(
            tx,
            proposal,
            who=f"{task.person_name} ({task.person_key}, campaign link)",
            settings=settings,
            levels=levels,
            person=task.person_key,
        )
    except GovgraphError as e:  # the checks refused it: kept for the secretariat to follow up
        return recorded.model_copy(update={"note": e.message})
    return recorded.model_copy(
        update={"decision": decision.key, "decision_status": decision.status.value}
    )


def _named_person(tx: ManagedTransaction, who: str, *, today: date) -> str | None:
    """The one current person ``who`` names exactly (e-mail, full name or key); else None."""
    wanted = " ".join(who.split())
    if not wanted:
        return None
    rows = list(tx.run(_PERSON, folded=wanted.lower(), text=wanted, today=today))
    return str(rows[0]["key"]) if len(rows) == 1 else None
