"""Messages addressed to a role, as KITOS's reminders: reviews and vendor dialogs that are due
or overdue (the calendar's cadences), and a leaver's handover before the leave date.

A message goes to whoever holds the role when it is queued, so after a change of holder the next
one reaches the new holder; when nobody holds the role, the secretariat is told instead. Each has
a key naming its cause (system, kind, what the due date follows from, upcoming or overdue), so
the scheduled job queues it once however often it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from neo4j import ManagedTransaction

from core.i18n import format_date, language, text, value_name
from core.settings import Settings
from graph.calendar import DueKind, next_due
from graph.campaign_reminders import leaders_of
from graph.driver import Graph
from graph.notifications import OutgoingMessage, queue
from schema.catalogue import expand_macros
from schema.model import NOT_IN_USE_LIFECYCLES
from schema.outbox import Channel

# The kinds of review announced, and the role each is addressed to.
ADDRESSED_TO: dict[DueKind, tuple[str, str]] = {
    "owner_review": ("OWNS", "systemejer"),
    "vendor_dialog_owner": ("RESPONSIBLE_FOR", "systemansvarlig"),
    "vendor_dialog_users": ("RESPONSIBLE_FOR", "systemansvarlig"),
}
_SYSTEMS = expand_macros(
    "MATCH (s:System) WHERE @in_use(s, $as_of) "
    "RETURN s.key AS key, s.name AS name, "
    "COLLECT { MATCH (rv:Review)-[:REVIEWS]->(s) WHERE rv.ended_by IS NULL AND rv.date <= $as_of "
    "RETURN {kind: rv.kind, date: rv.date} } AS reviews, "
    "COLLECT { MATCH (p:Person)-[r:OWNS]->(s) WHERE @current(r, $as_of) AND @current(p, $as_of) "
    "RETURN {key: p.key, name: p.name, email: p.email, lang: p.lang} } AS OWNS, "
    "COLLECT { MATCH (p:Person)-[r:RESPONSIBLE_FOR]->(s) WHERE @current(r, $as_of) "
    "AND @current(p, $as_of) RETURN {key: p.key, name: p.name, email: p.email, lang: p.lang} } "
    "AS RESPONSIBLE_FOR"
)
_LEAVERS = expand_macros(
    "MATCH (p:Person) WHERE p.valid_to > $as_of AND p.valid_to <= $until "
    "AND EXISTS { MATCH (p)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|HOLDS_ROLE|SITS_IN|"
    "MANAGES]->() WHERE @current(r, $as_of) } "
    "RETURN p.key AS key, p.name AS name, p.valid_to AS leaves"
)


@dataclass(frozen=True, slots=True)
class RoleRound:
    """What one run queued (a message already queued is counted again; MERGE keeps one)."""

    reviews: int
    leavers: int


def queue_role_reminders(
    graph: Graph, settings: Settings, *, today: date | None = None
) -> RoleRound:
    """Queue the review, dialog and handover messages that are due ``today``."""
    day = today or date.today()
    notice = settings.notifications

    def work(tx: ManagedTransaction) -> RoleRound:
        reviews = _review_messages(tx, settings, day)
        until = day + timedelta(days=notice.leaver_notice_days)
        leavers = _leaver_messages(tx, settings, day, until)
        queue(tx, reviews + leavers, now=datetime.now(UTC))
        return RoleRound(len(reviews), len(leavers))

    return graph.write(work)


def _review_messages(
    tx: ManagedTransaction, settings: Settings, day: date
) -> list[OutgoingMessage]:
    notice = settings.notifications
    rows = tx.run(_SYSTEMS, as_of=day, not_in_use=list(NOT_IN_USE_LIFECYCLES)).data()
    messages = []
    for row in rows:
        system = {
            "key": row["key"],
            "name": row["name"],
            "reviews": [{"kind": r["kind"], "date": r["date"].to_native()} for r in row["reviews"]],
        }
        for kind, (rel, role) in ADDRESSED_TO.items():
            item = next_due(kind, system, as_of=day, settings=settings.rules)
            if item is None:
                continue
            phase = "upcoming" if item.status == "due" else "overdue"
            if phase == "upcoming" and item.due > day + timedelta(days=notice.review_notice_days):
                continue
            holders = row[rel] or [None]
            holder = holders[0]
            lang = language((holder or {}).get("lang") or notice.default_language)
            what = value_name("due_kind", kind, lang)
            values = {
                "what": what,
                "system": row["name"] or row["key"],
                "due": format_date(item.due, lang),
                "role": text(f"notify.role.{role}", lang),
            }
            reason = text(f"notify.review.reason.{phase}", lang, **values)
            to = (holder or {}).get("email")
            if holder is None or not to:
                reason = text("notify.no_holder.reason", lang, **values)
                to = notice.secretariat_email or ""
            messages.append(
                OutgoingMessage(
                    key=f"review:{row['key']}:{kind}:{item.basis}:{phase}",
                    channel=Channel.MAIL,
                    to=to,
                    subject=text(f"notify.review.subject.{phase}", lang, **values),
                    body=text(
                        "notify.review.body",
                        lang,
                        name=(holder or {}).get("name") or text("campaign.mail.signature", lang),
                        reason=reason,
                        link=f"{notice.base_url.rstrip('/')}/system/{row['key']}",
                        signature=text("campaign.mail.signature", lang),
                    ),
                    reason=reason,
                    lang=lang,
                    recipient=(holder or {}).get("key"),
                )
            )
    return messages


def _leaver_messages(
    tx: ManagedTransaction, settings: Settings, day: date, until: date
) -> list[OutgoingMessage]:
    notice = settings.notifications
    rows = tx.run(_LEAVERS, as_of=day, until=until).data()
    leaders = leaders_of(tx, [r["key"] for r in rows], today=day)
    messages = []
    for row in rows:
        leaves = row["leaves"].to_native()
        link = f"{notice.base_url.rstrip('/')}/handover?person={row['key']}"
        leader: dict[str, Any] | None = leaders.get(row["key"])
        recipients: list[tuple[str, dict[str, Any] | None]] = (
            [("leader", leader)] if leader and leader.get("email") else []
        )
        recipients.append(("secretariat", None))
        for who, person in recipients:
            lang = language((person or {}).get("lang") or notice.default_language)
            values = {"name": row["name"], "leaves": format_date(leaves, lang)}
            reason = text(f"notify.leaver.reason.{who}", lang, **values)
            messages.append(
                OutgoingMessage(
                    key=f"leaver:{row['key']}:{leaves.isoformat()}:{who}",
                    channel=Channel.MAIL,
                    to=(person or {}).get("email") or notice.secretariat_email or "",
                    subject=text("notify.leaver.subject", lang, **values),
                    body=text(
                        "notify.leaver.body",
                        lang,
                        reason=reason,
                        link=link,
                        signature=text("campaign.mail.signature", lang),
                        **values,
                    ),
                    reason=reason,
                    lang=lang,
                    recipient=(person or {}).get("key"),
                )
            )
    return messages
