"""The audit log's hash chain: `govgraph audit verify` finds a deleted or changed entry."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from typer.testing import CliRunner

from api.audit import AuditEntry, AuditLog
from core.errors import GovgraphError
from core.settings import Settings
from govgraph.cli import app as cli
from graph.driver import WRITE, Graph


def _log_of_five(graph: Graph) -> AuditLog:
    log = AuditLog(graph, retention_days=365)
    for n in range(5):
        log.record(
            AuditEntry(
                at=datetime.now(UTC),
                who="reader-0",
                scope="reader",
                action="people.read",
                person_keys=[f"p{n}"],
                details={"n": n},
            )
        )
    return log


def test_an_untouched_log_verifies(cli_env: Settings, session_graph: Graph) -> None:
    _log_of_five(session_graph)
    result = CliRunner().invoke(cli, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "5 entries checked" in result.output


def test_an_edited_entry_is_found(cli_env: Settings, session_graph: Graph) -> None:
    _log_of_five(session_graph)
    session_graph.query(
        "MATCH (e:AuditEntry {seq: 3}) SET e.person_keys = ['someone-else']", routing=WRITE
    )
    result = CliRunner().invoke(cli, ["audit", "verify"])
    assert isinstance(result.exception, GovgraphError)
    assert "entry 3 was changed" in result.exception.message


def test_an_edited_time_is_found(api_settings: Settings, session_graph: Graph) -> None:
    log = _log_of_five(session_graph)
    session_graph.query(
        "MATCH (e:AuditEntry {seq: 2}) SET e.at = datetime('2020-01-01T00:00:00Z')", routing=WRITE
    )
    assert log.verify().problem == "entry 2 was changed after it was written"


def test_a_deleted_entry_is_found(cli_env: Settings, session_graph: Graph) -> None:
    _log_of_five(session_graph)
    session_graph.query("MATCH (e:AuditEntry {seq: 2}) DELETE e", routing=WRITE)
    result = CliRunner().invoke(cli, ["audit", "verify"])
    assert isinstance(result.exception, GovgraphError)
    assert "entry 2 is missing" in result.exception.message


def test_a_deleted_last_entry_is_found(api_settings: Settings, session_graph: Graph) -> None:
    log = _log_of_five(session_graph)
    session_graph.query("MATCH (e:AuditEntry {seq: 5}) DELETE e", routing=WRITE)
    assert log.verify().problem == "entries 5 to 5 are missing from the end"


def test_a_deleted_and_rechained_entry_is_found(
    api_settings: Settings, session_graph: Graph
) -> None:
    log = _log_of_five(session_graph)
    # Whoever deletes entry 3 and points entry 4 at entry 2 still cannot make 4's hash agree.
    session_graph.query(
        "MATCH (e:AuditEntry {seq: 3}) DELETE e WITH 1 AS done "
        "MATCH (two:AuditEntry {seq: 2}), (four:AuditEntry {seq: 4}) "
        "SET four.prev = two.hash, four.seq = 3",
        routing=WRITE,
    )
    assert log.verify().problem is not None


def test_appends_from_many_threads_form_one_chain(
    api_settings: Settings, session_graph: Graph
) -> None:
    log = AuditLog(session_graph, retention_days=365)

    def append(n: int) -> None:
        log.record(AuditEntry(at=datetime.now(UTC), who=f"t{n}", scope="reader", action="x"))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(append, range(40)))
    check = log.verify()
    assert (check.checked, check.problem) == (40, None)


def test_grouped_appends_of_two_app_logs_form_one_chain_with_every_entry(
    api_settings: Settings, session_graph: Graph
) -> None:
    logs = [AuditLog(session_graph, retention_days=365) for _ in range(2)]  # as two processes

    def append(n: int) -> None:
        entry = AuditEntry(at=datetime.now(UTC), who=f"t{n}", scope="reader", action="x")
        logs[n % 2].record(entry)

    with ThreadPoolExecutor(50) as pool:
        list(pool.map(append, range(300)))
    check = logs[0].verify()
    assert (check.checked, check.problem) == (300, None)
    assert sorted(e.who for e in logs[1].entries()) == sorted(f"t{n}" for n in range(300))
