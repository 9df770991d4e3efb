"""Neo4j SIGKILLed and started again while the API serves a bounded load on loopback.

The API runs as `govgraph serve` (uvicorn, production settings) against a Neo4j of the test's
own; four clients request people, systems, units, gaps and /health in a loop, each request with
a 20 s timeout. While Neo4j is down every answer must be a 503 in the error shape with
Retry-After, none may hang, and once Neo4j is back the same server must answer again.

While Neo4j starts again after the kill, Bolt accepts connections before the database answers
in time, and the driver reads without a timeout of its own: the API's read deadline
(``api.database_timeout``, see ``api.deadline``) answers such a request 503 instead.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from benchmarks.server import api_server
from core.settings import Settings
from graph import admin
from graph.driver import Graph
from graph.local_home import process_alive
from soak.load import Answer, Load, kinds
from soak.neo4j import KillableNeo4j, free_port
from soak.transactions import govgraph
from tests.faults.sources import CPRS, write_opus_with_cprs

pytestmark = pytest.mark.slow

TIMEOUT = 20.0
PATHS = (
    "/api/people?limit=5",
    "/api/systems?limit=5",
    "/api/units",
    "/api/people/500",
    "/api/gaps?rule=GM-12",
    "/health",
)
DOWN = {"503 database-unavailable", "503 neo4j-down"}
DOWNTIME = 10.0  # seconds between the kill and the restart: longer than the driver's retries


@dataclass(frozen=True, slots=True)
class Outage:
    """Every answer of the run, when Neo4j went down and came back, and what the server left."""

    answers: list[Answer]
    crashed_at: float
    restart_began: float
    restarted_at: float
    recovered_at: float | None
    server_alive: bool
    probes: list[str]
    secrets: dict[str, str]
    server_log: str
    audit_log: str

    def between(self, start: float, end: float) -> list[Answer]:
        """Answers to requests started in [start, end)."""
        return [a for a in self.answers if start <= a.at < end]


@pytest.fixture(scope="module")
def outage(
    throwaway_neo4j: KillableNeo4j, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Outage]:
    """Seed the graph, serve it, load it, kill Neo4j, start it again, keep loading."""
    folder = tmp_path_factory.mktemp("api-faults")
    graph = throwaway_neo4j.graph()
    try:
        admin.reset_database(graph)
        admin.init_database(graph)
    finally:
        graph.close()
    seeding = govgraph("import", str(write_opus_with_cprs(folder)), env=throwaway_neo4j.env)
    assert seeding.wait(timeout=300) == 0
    home = folder / "api-home"
    with api_server(throwaway_neo4j.connection, home=home, port=free_port()) as server:
        headers = {"Authorization": f"Bearer {server.token}"}
        load = Load(server.base, PATHS, headers=headers, clients=4, timeout=TIMEOUT).start()
        try:
            time.sleep(3)
            crashed_at = load.elapsed
            throwaway_neo4j.crash()
            time.sleep(DOWNTIME)
            restart_began = load.elapsed
            throwaway_neo4j.start()
            restarted_at = load.elapsed
            recovered_at = wait_for_recovery(load, since=restarted_at)
            time.sleep(1)
        finally:
            answers = load.stop()
        with httpx.Client(base_url=server.base, headers=headers, timeout=TIMEOUT) as http:
            # CPR numbers asked for, as a user might: echoed nowhere.
            probes = [http.get(f"/api/people/{cpr}").text for cpr in CPRS]
            probes += [http.get("/api/people", params={"q": cpr}).text for cpr in CPRS]
        alive = process_alive(server.pid)
    slowest = max(a.seconds for a in answers)
    print(f"\noutage: {len(answers)} requests, {dict(kinds(answers))}, slowest {slowest:.1f} s")
    yield Outage(
        answers=answers,
        crashed_at=crashed_at,
        restart_began=restart_began,
        restarted_at=restarted_at,
        recovered_at=recovered_at,
        server_alive=alive,
        probes=probes,
        secrets={"token": server.token, "password": throwaway_neo4j.local.password()},
        server_log=server.log.read_text("utf-8", errors="replace"),
        audit_log=_audit_text(throwaway_neo4j.graph()),
    )


def _audit_text(graph: Graph) -> str:
    """The audit log as stored in Neo4j, as text to scan."""
    try:
        rows = graph.query("MATCH (e:AuditEntry) RETURN e {.*} AS e ORDER BY e.seq")
    finally:
        graph.close()
    return "\n".join(json.dumps(row["e"], default=str, ensure_ascii=False) for row in rows)


def wait_for_recovery(load: Load, *, since: float, limit: float = 60.0) -> float | None:
    """Seconds into the load when every path has answered 2xx since ``since``; None if never."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        answered = {a.path for a in load.since(since) if a.ok}
        if answered >= set(PATHS):
            return load.elapsed
        time.sleep(0.2)
    return None


def test_while_neo4j_is_down_requests_fail_with_503_and_the_error_shape(outage: Outage) -> None:
    # Answered from a second after the kill until Neo4j was started again.
    down = [a for a in outage.answers if outage.crashed_at + 1 < a.ended < outage.restart_began]
    assert down, "no request was answered while Neo4j was down"
    assert {a.kind for a in down} <= DOWN, kinds(down)
    assert all(a.retry_after == "5" for a in down)
    assert all("Traceback" not in a.body for a in down)


def test_no_request_gets_a_server_error_or_a_malformed_answer(outage: Outage) -> None:
    assert set(kinds(outage.answers)) <= {"ok", "timeout", *DOWN}, kinds(outage.answers)


def test_no_request_hangs_beyond_its_timeout(outage: Outage) -> None:
    slow = [(round(a.at, 1), a.path, round(a.seconds, 1)) for a in outage.answers if a.seconds > 10]
    assert kinds(outage.answers)["timeout"] == 0, slow


def test_no_request_waits_longer_than_the_read_deadline(outage: Outage, settings: Settings) -> None:
    limit = settings.api.database_timeout + 2.0  # the server's deadline, and a little for its loop
    slow = [(round(a.at, 1), a.path, round(a.seconds, 1)) for a in outage.answers]
    assert [s for s in slow if s[2] > limit] == []


def test_the_same_server_answers_again_once_neo4j_is_back(outage: Outage) -> None:
    assert outage.recovered_at is not None, "not every path answered 2xx after the restart"
    assert outage.server_alive
    after = outage.between(outage.recovered_at, float("inf"))
    assert after and all(a.ok for a in after), kinds(after)


def test_no_secret_or_cpr_in_the_server_log_audit_log_or_error_bodies(outage: Outage) -> None:
    bodies = "\n".join([*(a.body for a in outage.answers), *outage.probes])
    for where, text in (
        ("server log", outage.server_log),
        ("audit log", outage.audit_log),
        ("error bodies", bodies),
    ):
        leaked = [name for name, secret in outage.secrets.items() if secret in text]
        leaked += [cpr for cpr in CPRS if cpr in text or cpr.replace("-", "") in text]
        assert leaked == [], f"{where} holds {leaked}"
    assert "person.read" in outage.audit_log, "the audit log should record the reads"
    assert "not-found" in bodies, "the CPR numbers asked for should have been answered 404"
