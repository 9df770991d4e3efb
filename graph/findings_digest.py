"""The new-findings digest: to each systemejer and systemansvarlig, the findings about their
systems they have not been told of, daily or weekly; never the same finding twice.

What a person was told is kept on their ``NotificationPreference`` node (finding identities),
as is their choice to receive no digests (tasks and reminders still reach them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from neo4j import ManagedTransaction

from core.i18n import language, text
from core.settings import Settings
from graph.driver import Graph
from graph.notifications import OutgoingMessage, queue
from graph.personal_links import link_key, sign_opt_out
from graph.rules import Finding, evaluate
from schema.catalogue import expand_macros
from schema.outbox import Channel

_HOLDERS = expand_macros(
    "UNWIND $systems AS key MATCH (p:Person)-[r:OWNS|RESPONSIBLE_FOR]->(s:System {key: key}) "
    "WHERE @current(r, $today) AND @current(p, $today) AND p.email IS NOT NULL "
    "OPTIONAL MATCH (pref:NotificationPreference {key: p.key}) "
    "WITH p, pref, collect(DISTINCT s.key) AS systems "
    "WHERE coalesce(pref.digests, true) "
    "RETURN p.key AS key, p.name AS name, p.email AS email, p.lang AS lang, systems, "
    "coalesce(pref.told, []) AS told"
)
_TOLD = (
    "MERGE (pref:NotificationPreference {key: $person}) "
    "SET pref.told = coalesce(pref.told, []) + $told"
)
_SET_DIGESTS = "MERGE (pref:NotificationPreference {key: $person}) SET pref.digests = $on"
_QUEUED = "MATCH (m:OutboxMessage {key: $key}) RETURN m.key AS key"


@dataclass(frozen=True, slots=True)
class DigestRound:
    """How many digests one run queued."""

    digests: int


def finding_id(finding: Finding) -> str:
    """A finding's identity as one string."""
    return "|".join(finding.identity)


def queue_findings_digest(
    graph: Graph, settings: Settings, *, today: date | None = None
) -> DigestRound:
    """Queue this period's digest for each holder with findings they were not told of."""
    notice = settings.notifications
    day = today or date.today()
    if notice.digest == "off":
        return DigestRound(0)
    findings = [
        f
        for f in evaluate(graph, as_of=day, params=settings.rules).findings
        if f.subject.label == "System" and f.status == "violated"
    ]
    by_system: dict[str, list[Finding]] = {}
    for finding in findings:
        by_system.setdefault(finding.subject.key, []).append(finding)
    week = day.isocalendar()
    period = day.isoformat() if notice.digest == "daily" else f"{week.year}-W{week.week:02d}"

    def work(tx: ManagedTransaction) -> DigestRound:
        signing = link_key(tx)
        messages = []
        for holder in tx.run(_HOLDERS, systems=list(by_system), today=day):
            key = f"digest:{holder['key']}:{period}"
            if tx.run(_QUEUED, key=key).single() is not None:
                continue
            told = set(holder["told"])
            new = [f for s in holder["systems"] for f in by_system[s] if finding_id(f) not in told]
            if not new:
                continue
            lang = language(holder["lang"] or notice.default_language)
            reason = text("notify.digest.reason", lang, count=len(new))
            lines = "\n".join(f"- {f.subject.name or f.subject.key}: {_said(f, lang)}" for f in new)
            opt_out = f"{notice.base_url.rstrip('/')}/afmeld/{sign_opt_out(signing, holder['key'])}"
            messages.append(
                OutgoingMessage(
                    key=key,
                    channel=Channel.MAIL,
                    to=holder["email"],
                    subject=text("notify.digest.subject", lang, count=len(new)),
                    body=text(
                        "notify.digest.body",
                        lang,
                        name=holder["name"],
                        reason=reason,
                        findings=lines,
                        opt_out=opt_out,
                        signature=text("campaign.mail.signature", lang),
                    ),
                    reason=reason,
                    lang=lang,
                    recipient=holder["key"],
                )
            )
            tx.run(_TOLD, person=holder["key"], told=[finding_id(f) for f in new])
        queue(tx, messages, now=datetime.now(UTC))
        return DigestRound(len(messages))

    return graph.write(work)


def _said(finding: Finding, lang: str) -> str:
    return finding.message.en if lang == "en" else finding.message.da


def set_digests(graph: Graph, person: str, *, on: bool) -> None:
    """Turn a person's digests on or off (tasks and reminders are not affected)."""
    graph.write(lambda tx: tx.run(_SET_DIGESTS, person=person, on=on).consume())
