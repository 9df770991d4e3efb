"""The campaign figures: a campaign over the whole municipality (its tasks created and first
mails queued, in one transaction), and the outbox drained to a local SMTP server (aiosmtpd).

Standalone: ``python -m benchmarks.campaigns [--scale 0.1]`` generates and imports the
municipality into the benchmark's own Neo4j and measures only these two figures.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

from benchmarks.report import Figure, Results, not_measured
from core.settings import NotificationSettings, Settings, SmtpSettings, WorkerSettings
from graph.driver import Graph

CREATE_GOAL = ("<", 30.0)
DRAIN_GOAL = (">=", 200.0)
_ROOTS = (
    "MATCH (u:OrgUnit) WHERE u.valid_to IS NULL AND NOT EXISTS { MATCH (u)-[p:PART_OF]->() "
    "WHERE p.valid_to IS NULL } RETURN u.key AS key, "
    "COUNT { MATCH (:OrgUnit)-[:PART_OF*1..12]->(u) } AS below ORDER BY below DESC LIMIT 1"
)
_ROLES = "MATCH (t:CampaignTask {campaign: $key}) RETURN sum(t.role_count) AS roles"


def measure_campaign(graph: Graph, results: Results) -> None:
    """Start a campaign over the whole municipality, then drain its mails to a local SMTP."""
    from graph.campaign_model import NewCampaign
    from graph.campaign_scope import holders_in_scope
    from graph.campaigns import start_campaign
    from graph.notifications import status_counts
    from schema.campaigns import ScopeKind

    root = graph.query(_ROOTS)[0]["key"]
    notify = NotificationSettings(secretariat_email="sekretariat@kommune.example")
    asked = NewCampaign(name="Benchmark", scope=ScopeKind.UNIT, unit=root,
                        deadline=date.today() + timedelta(days=30))  # fmt: skip
    began = time.perf_counter()
    graph.read(lambda tx: holders_in_scope(tx, asked, today=date.today()))
    reading = time.perf_counter() - began
    began = time.perf_counter()
    campaign = start_campaign(graph, asked, who="benchmark", settings=notify)
    seconds = time.perf_counter() - began
    roles = graph.query(_ROLES, key=campaign.key)[0]["roles"]
    queued = status_counts(graph).get("pending", 0)
    results.figures.append(
        Figure(
            "campaigns",
            "campaign over the municipality: tasks created + first mails queued",
            seconds,
            "s",
            CREATE_GOAL,
            note=f"{campaign.tasks:,} tasks, {roles:,} roles asked about, {queued:,} mails "
            f"queued; reading the holders alone (warm-up run) {reading:.1f} s",
        )
    )
    _measure_drain(graph, results, queued)


def _measure_drain(graph: Graph, results: Results, queued: int) -> None:
    """Send every queued mail to an SMTP server in a process of its own, as a real one is."""
    from api.worker import send_due
    from graph.notifications import status_counts

    port = _free_port()
    sink = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.smtp_sink", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sink.stdout is not None
    if sink.stdout.readline().strip() != "ready":
        results.figures.append(
            not_measured("campaigns", "outbox drained to SMTP", "the SMTP sink did not start "
                         "(is aiosmtpd installed?)", goal=DRAIN_GOAL, unit="messages/s")
        )  # fmt: skip
        sink.kill()
        return
    settings = Settings(
        smtp=SmtpSettings(host="127.0.0.1", port=port, security="none", connections=4),
        worker=WorkerSettings(batch_size=500),
    )
    try:
        began = time.perf_counter()
        report = send_due(graph, settings, now=datetime.now(UTC))
        seconds = time.perf_counter() - began
    finally:
        sink.terminate()
        received, _ = sink.communicate(timeout=30)
    left = status_counts(graph).get("pending", 0)
    results.figures.append(
        Figure(
            "campaigns",
            "outbox drained to a local SMTP server",
            report.sent / seconds if seconds else 0.0,
            "messages/s",
            DRAIN_GOAL,
            note=f"{report.sent:,} sent of {queued:,} in {seconds:.1f} s over 4 connections; "
            f"the server received {received.strip()}; {report.failed} refused, {left} pending",
        )
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    """Generate and import the municipality, then measure only the campaign figures."""
    from benchmarks import importing
    from benchmarks.generate import generate
    from benchmarks.report import print_table
    from benchmarks.run import Config
    from benchmarks.target import open_target
    from graph.driver import open_driver

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--port", type=int, default=Config().port, help="own Neo4j's Bolt port")
    args = parser.parse_args(argv)
    config = Config(scale=args.scale, port=args.port)
    manifest = generate(config.data / "sources", scale=config.scale, seed=config.seed)
    with open_target(data=config.data, port=config.port, heap=config.heap,
                     pagecache=config.pagecache) as target:  # fmt: skip
        graph = Graph(open_driver(target.conn), target.conn.database)
        try:
            runs = importing.read_sources(config.data / "sources", manifest)
            importing.fresh_graph(graph)
            importing.import_sources(graph, runs)
            results = Results(machine={"scale": str(config.scale)})
            measure_campaign(graph, results)
        finally:
            graph.close()
    print_table(results)
    for figure in results.figures:
        print(f"{figure.name}: {figure.note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
