"""The outbox: queued with the change that causes it, sent once, nothing lost while SMTP is down."""

from __future__ import annotations

import email
import re
import threading
from datetime import UTC, datetime, timedelta
from email import policy
from urllib.parse import unquote

import pytest
from neo4j import ManagedTransaction

from api.delivery import message_id
from api.worker import send_due
from core.settings import Settings
from graph.driver import Graph
from graph.notifications import get_message, queue, status_counts
from schema.outbox import OutboxStatus
from tests.notifications.helpers import mail, queue_mails
from tests.notifications.smtp import SmtpServer


def test_a_message_queued_in_a_failed_write_is_not_queued(outbox_graph: Graph) -> None:
    def change_then_fail(tx: ManagedTransaction) -> None:
        tx.run("CREATE (:Person {key: 'p1', name: 'Anna'})")
        queue(tx, [mail(1)], now=datetime.now(UTC))
        raise RuntimeError("the change fails after queueing")

    with pytest.raises(RuntimeError):
        outbox_graph.write(change_then_fail)
    assert get_message(outbox_graph, "test-0001") is None
    # Nothing but the access records (tokens, the audit log), which a reset keeps.
    assert outbox_graph.query("MATCH (n) WHERE NOT n:Auth RETURN count(n) AS n")[0]["n"] == 0


def test_the_same_key_queued_twice_is_one_message(outbox_graph: Graph) -> None:
    queue_mails(outbox_graph, 1)
    queue_mails(outbox_graph, 1)
    assert status_counts(outbox_graph) == {"pending": 1}


def test_a_queued_mail_arrives_with_its_reason_and_key(
    outbox_graph: Graph, mail_settings: Settings, smtp: SmtpServer
) -> None:
    queue_mails(outbox_graph, 1)
    report = send_due(outbox_graph, mail_settings)
    assert report.sent == 1
    [received] = smtp.inbox.mails
    assert received["To"] == "person1@kommune.dk"
    assert received["From"] == "govgraph@kommune.dk"
    assert received["Subject"] == "Opgave 1"
    assert received["Message-ID"] == "<test-0001@govgraph>"
    assert received["X-Govgraph-Reason"] == "Du har en rolle i kampagnen."
    assert received.get_content().strip() == "Hej nummer 1."
    sent = get_message(outbox_graph, "test-0001")
    assert sent is not None and sent.status is OutboxStatus.SENT and sent.attempts == 1


def test_a_key_with_colons_and_a_time_zone_is_a_whole_message_id() -> None:
    key = "sync-outage:kitos:2026-12-05T05:00:00+00:00"
    mail = email.message_from_string(f"Message-ID: {message_id(key)}\n\n", policy=policy.default)
    assert re.fullmatch(r"<[A-Za-z0-9!#$%&'*+\-=?^_`{|}~]+@govgraph>", str(mail["Message-ID"]))
    assert unquote(str(mail["Message-ID"])[1 : -len("@govgraph>")]) == key
    assert message_id(key) != message_id(key.replace("+", "-"))


def test_a_sent_message_is_not_sent_again(
    outbox_graph: Graph, mail_settings: Settings, smtp: SmtpServer
) -> None:
    queue_mails(outbox_graph, 3)
    send_due(outbox_graph, mail_settings)
    later = datetime.now(UTC) + timedelta(days=1)
    assert send_due(outbox_graph, mail_settings, now=later).sent == 0
    assert len(smtp.inbox.mails) == 3


def test_a_down_mail_server_delays_with_backoff_and_loses_nothing(
    outbox_graph: Graph, mail_settings: Settings, smtp: SmtpServer
) -> None:
    queue_mails(outbox_graph, 2)
    smtp.stop()
    now = datetime.now(UTC)
    report = send_due(outbox_graph, mail_settings, now=now)
    assert (report.sent, report.retry) == (0, 2)
    waiting = get_message(outbox_graph, "test-0001")
    assert waiting is not None and waiting.status is OutboxStatus.PENDING
    assert waiting.next_attempt_at >= now + timedelta(seconds=60)
    assert waiting.last_error
    # Still down at the second try: the wait doubles.
    second = send_due(outbox_graph, mail_settings, now=now + timedelta(seconds=61))
    assert second.retry == 2
    again = get_message(outbox_graph, "test-0001")
    assert again is not None and again.next_attempt_at >= now + timedelta(seconds=61 + 120)
    smtp.start()
    assert send_due(outbox_graph, mail_settings, now=now + timedelta(seconds=61)).sent == 0
    assert send_due(outbox_graph, mail_settings, now=now + timedelta(hours=1)).sent == 2
    assert sorted(smtp.inbox.ids()) == ["<test-0001@govgraph>", "<test-0002@govgraph>"]


def test_smtp_stopped_mid_send_and_started_again_delivers_each_mail_exactly_once(
    outbox_graph: Graph, mail_settings: Settings, smtp: SmtpServer
) -> None:
    keys = queue_mails(outbox_graph, 25)
    stopping = threading.Event()

    def shut_down_at_the_seventh(n: int) -> str | None:
        if n == 7:
            stopping.set()
            return "421 4.3.2 Service shutting down"
        return None

    smtp.inbox.on_message = shut_down_at_the_seventh
    stopper = threading.Thread(target=lambda: (stopping.wait(10), smtp.stop()))
    stopper.start()
    now = datetime.now(UTC)
    first = send_due(outbox_graph, mail_settings, now=now)
    stopper.join()
    assert first.sent == 6 and first.retry > 0
    down = send_due(outbox_graph, mail_settings, now=now + timedelta(hours=2))
    assert down.sent == 0
    smtp.inbox.on_message = lambda _n: None
    smtp.start()
    send_due(outbox_graph, mail_settings, now=now + timedelta(hours=4))
    assert sorted(smtp.inbox.ids()) == sorted(f"<{k}@govgraph>" for k in keys)
    assert status_counts(outbox_graph) == {"sent": 25}


def test_a_refused_recipient_fails_for_good_and_the_rest_is_sent(
    outbox_graph: Graph, mail_settings: Settings, smtp: SmtpServer
) -> None:
    queue_mails(outbox_graph, 3)
    smtp.inbox.on_message = lambda n: "550 5.1.1 No such user" if n == 2 else None
    report = send_due(outbox_graph, mail_settings)
    assert (report.sent, report.failed) == (2, 1)
    assert status_counts(outbox_graph) == {"sent": 2, "failed": 1}


def test_a_message_claimed_by_a_stopped_worker_is_sent_after_its_claim_expires(
    outbox_graph: Graph, mail_settings: Settings, smtp: SmtpServer
) -> None:
    from graph.notifications import claim_due
    from schema.outbox import Channel

    queue_mails(outbox_graph, 1)
    now = datetime.now(UTC)
    claim_due(
        outbox_graph,
        now=now,
        limit=10,
        claim_for=timedelta(seconds=300),
        claimer="a worker that then stopped",
        channels=[Channel.MAIL],
    )
    assert send_due(outbox_graph, mail_settings, now=now + timedelta(seconds=10)).sent == 0
    assert send_due(outbox_graph, mail_settings, now=now + timedelta(seconds=301)).sent == 1
    assert smtp.inbox.ids() == ["<test-0001@govgraph>"]
