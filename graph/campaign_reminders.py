"""Reminders before a campaign's deadline and escalation after it, queued by a scheduled job.

Each reminder and escalation has a key naming its cause (task, which reminder), so the job can
run every few minutes, in any process, and each mail is still queued once. Before the deadline
only the latest reminder day that has come is queued (a job that was down for a week does not
send two reminders at once). After the deadline the holder's leader is told once: the leader of
their unit, moving up the units while that leader is the holder themselves; with no leader, the
secretariat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from neo4j import ManagedTransaction

from core.settings import NotificationSettings
from graph.campaign_messages import escalation_mail, reminder_mail, task_link
from graph.campaign_model import Task
from graph.driver import Graph
from graph.notifications import OutgoingMessage, queue
from graph.personal_links import link_key, sign
from schema.catalogue import expand_macros

_OPEN_TASKS = (
    "MATCH (c:Campaign {status: 'open'}) "
    "MATCH (t:CampaignTask {campaign: c.key, status: 'open'}) "
    "RETURN c.name AS campaign, c.deadline AS deadline, c.started_at AS started_at, "
    "properties(t) AS task"
)
# The nearest leader above each person who is not the person: their units' leaders first.
_LEADERS = expand_macros(
    "UNWIND $people AS key MATCH (p:Person {key: key}) "
    "CALL (p) { MATCH (p)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m, $today) "
    "MATCH path = (u)-[:PART_OF*0..12]->(a:OrgUnit) "
    "MATCH (l:Person)-[lm:MANAGES]->(a) WHERE l <> p AND @current(lm, $today) "
    "AND @current(l, $today) RETURN l ORDER BY length(path), l.key LIMIT 1 } "
    "RETURN p.key AS person, l.key AS key, l.name AS name, l.email AS email, l.lang AS lang"
)


@dataclass(frozen=True, slots=True)
class ReminderRound:
    """What one run of the job queued (a message already queued counts again; MERGE keeps one)."""

    reminders: int
    escalations: int


def queue_due_reminders(
    graph: Graph, settings: NotificationSettings, *, today: date | None = None
) -> ReminderRound:
    """Queue the reminders and escalations of every open campaign that are due ``today``."""
    day = today or date.today()

    def work(tx: ManagedTransaction) -> ReminderRound:
        rows = tx.run(_OPEN_TASKS).data()
        signing = link_key(tx)
        reminders: list[OutgoingMessage] = []
        overdue: list[tuple[Task, str, date]] = []
        for row in rows:
            task = Task.from_node(row["task"])
            deadline = row["deadline"].to_native()
            if day > deadline:
                overdue.append((task, row["campaign"], deadline))
                continue
            started = row["started_at"].to_native().date()
            due = [
                d
                for d in settings.reminder_days
                if started < deadline - timedelta(days=d) <= day  # not on top of the task mail
            ]
            if not due:
                continue
            token = sign(signing, task.key, task.link_expires)
            reminders.append(
                reminder_mail(
                    task,
                    campaign=row["campaign"],
                    deadline=deadline,
                    link=task_link(settings, token),
                    days_before=min(due),
                    settings=settings,
                )
            )
        leaders = leaders_of(tx, [t.person_key for t, _, _ in overdue], today=day)
        escalations = [
            escalation_mail(
                task,
                campaign=campaign,
                deadline=deadline,
                leader=leaders.get(task.person_key),
                settings=settings,
            )
            for task, campaign, deadline in overdue
        ]
        now = datetime.now(UTC)
        queue(tx, reminders + escalations, now=now)
        return ReminderRound(len(reminders), len(escalations))

    return graph.write(work)


def leaders_of(tx: ManagedTransaction, people: list[str], *, today: date) -> dict[str, Any]:
    """Each person's nearest leader who is not the person (key, name, email, lang)."""
    if not people:
        return {}
    return {
        r["person"]: {k: r[k] for k in ("key", "name", "email", "lang")}
        for r in tx.run(_LEADERS, people=people, today=today)
        if r["key"]
    }
