"""The mails of a campaign: the task, reminders before the deadline, escalation after it.

Each is queued in the outbox (``graph.notifications``) in the caller's transaction, with a key
that names its cause (campaign, task, which reminder), so a job that runs twice, or in two
processes, queues it once. Every mail says why it was sent.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.i18n import format_date, language, text
from core.settings import NotificationSettings
from graph.campaign_model import HeldRole, Task
from graph.notifications import OutgoingMessage
from schema.decisions import DECIDABLE_ROLES
from schema.outbox import Channel


def role_line(role: HeldRole, lang: str) -> str:
    """``Systemejer: Acadre``, in ``lang``."""
    declared = DECIDABLE_ROLES.get(role.role)
    name = (declared.name_en if lang == "en" else declared.name_da) if declared else role.role
    if role.kind:
        name += f" ({role.kind})"
    target = role.target_name if role.relationship != "HOLDS_ROLE" else ""
    return f"{name}: {target}" if target else name


def task_link(settings: NotificationSettings, token: str) -> str:
    """The personal link of a task."""
    return f"{settings.base_url.rstrip('/')}/opgave/{token}"


def task_mail(
    task: Task, *, campaign: str, deadline: date, link: str, settings: NotificationSettings
) -> OutgoingMessage:
    """The mail that sends a holder their task (to the secretariat if they have no address)."""
    lang = language(task.lang or settings.default_language)
    values = _values(task, campaign=campaign, deadline=deadline, link=link, lang=lang)
    to, reason = task.email, text("campaign.mail.task.reason", lang, campaign=campaign)
    if not to:
        to = settings.secretariat_email or ""
        reason = text("campaign.mail.no_address.reason", lang, name=task.person_name)
    return OutgoingMessage(
        key=f"{task.key}:task",
        channel=Channel.MAIL,
        to=to,
        subject=text("campaign.mail.task.subject", lang, campaign=campaign),
        body=text("campaign.mail.task.body", lang, **values),
        reason=reason,
        lang=lang,
        recipient=task.person_key if task.email else None,
    )


def reminder_mail(
    task: Task,
    *,
    campaign: str,
    deadline: date,
    link: str,
    days_before: int,
    settings: NotificationSettings,
) -> OutgoingMessage:
    """A reminder ``days_before`` the deadline, to the holder."""
    lang = language(task.lang or settings.default_language)
    values = _values(task, campaign=campaign, deadline=deadline, link=link, lang=lang)
    return OutgoingMessage(
        key=f"{task.key}:reminder:{days_before}",
        channel=Channel.MAIL,
        to=task.email or settings.secretariat_email or "",
        subject=text("campaign.mail.reminder.subject", lang, deadline=values["deadline"]),
        body=text("campaign.mail.reminder.body", lang, **values),
        reason=text(
            "campaign.mail.reminder.reason", lang, campaign=campaign, deadline=values["deadline"]
        ),
        lang=lang,
        recipient=task.person_key if task.email else None,
    )


def escalation_mail(
    task: Task,
    *,
    campaign: str,
    deadline: date,
    leader: dict[str, str | None] | None,
    settings: NotificationSettings,
) -> OutgoingMessage:
    """After the deadline: to the holder's leader (the secretariat when there is none)."""
    lang = language((leader or {}).get("lang") or settings.default_language)
    values = _values(task, campaign=campaign, deadline=deadline, link="", lang=lang)
    if leader and leader.get("email"):
        to, name = str(leader["email"]), str(leader.get("name") or "")
        reason = text("campaign.mail.escalation.reason", lang, name=task.person_name)
    else:
        to, name = settings.secretariat_email or "", text("campaign.mail.signature", lang)
        reason = text("campaign.mail.escalation.no_leader", lang, name=task.person_name)
    return OutgoingMessage(
        key=f"{task.key}:escalation",
        channel=Channel.MAIL,
        to=to,
        subject=text(
            "campaign.mail.escalation.subject", lang, name=task.person_name, campaign=campaign
        ),
        body=text("campaign.mail.escalation.body", lang, leader=name, **values),
        reason=reason,
        lang=lang,
        recipient=(leader or {}).get("key"),
    )


def _values(task: Task, *, campaign: str, deadline: date, link: str, lang: str) -> dict[str, str]:
    return {
        "name": task.person_name,
        "campaign": campaign,
        "deadline": format_date(deadline, lang),
        "roles": "\n".join(f"- {role_line(r, lang)}" for r in task.roles),
        "link": link,
        "secretariat": text("campaign.mail.signature", lang),
    }


def link_expiry(deadline: date, settings: NotificationSettings) -> date:
    """The last day a campaign's links open their task."""
    return deadline + timedelta(days=settings.link_days_after_deadline)
