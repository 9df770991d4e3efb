"""The outbox as data: what the app owes the outside world (mails, webhook deliveries).

An ``OutboxMessage`` is written in the same transaction as the change that causes it, keyed by
an idempotency key (the same cause gives the same key, so writing it twice queues one message).
A worker sends it and records the outcome on the node: ``pending`` until it is sent, ``sent``,
or ``failed`` when the receiver refused it for good (an unknown address, a 4xx answer). A
receiver that is down only moves ``next_attempt_at`` on, with backoff; nothing is dropped.

A ``WorkerLease`` names who runs a scheduled job now: of two app processes only the holder of a
job's lease runs it, and another takes over when the holder stops renewing it.
"""

from __future__ import annotations

from enum import StrEnum

from schema.model import NodeLabel


class Channel(StrEnum):
    """How a message leaves: as an e-mail or as a webhook POST."""

    MAIL = "mail"
    WEBHOOK = "webhook"


class EventKind(StrEnum):
    """The changes a webhook can subscribe to and ``GET /api/changes`` lists."""

    ROLE_ASSIGNED = "role.assigned"
    ROLE_ENDED = "role.ended"
    FINDING_OPENED = "finding.opened"
    FINDING_CLOSED = "finding.closed"
    DECISION_PROPOSED = "decision.proposed"
    DECISION_APPROVED = "decision.approved"
    DECISION_REJECTED = "decision.rejected"
    CAMPAIGN_TASK_ANSWERED = "campaign.task_answered"


class OutboxStatus(StrEnum):
    """Where a message stands."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


# Bookkeeping labels: not entities of the governance model (no legend, no history, no graph
# page), but each with a unique key the schema's constraints cover.
OUTBOX_LABELS: tuple[NodeLabel, ...] = (
    NodeLabel(
        "OutboxMessage",
        "A mail or webhook delivery the app owes, written with the change that causes it.",
        required=("key", "channel", "status", "created_at"),
        indexed=("status", "next_attempt_at"),
    ),
    NodeLabel(
        "Webhook",
        "A URL another system registered, the event kinds it wants, and its shared secret.",
        required=("key", "url", "secret"),
    ),
    NodeLabel(
        "ChangeEvent",
        "One change other systems may follow: GET /api/changes and the webhooks.",
        required=("key", "seq", "kind", "at"),
        indexed=("seq",),
    ),
    NodeLabel(
        "ChangeCounter",
        "The last change event's sequence number (one node).",
        required=("key", "seq"),
    ),
    NodeLabel(
        "FindingSnapshot",
        "The open findings when last looked at: what finding.opened/closed events compare with.",
        required=("key",),
    ),
    NodeLabel(
        "NotificationPreference",
        "A person's choices about messages (digests off) and which findings they were told of.",
        required=("key",),
    ),
    NodeLabel(
        "WorkerLease",
        "Which process runs a scheduled job now, and until when unless it renews the lease.",
        required=("key", "holder", "expires_at"),
    ),
)
