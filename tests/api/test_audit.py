"""Every read of personal data leaves an entry: who, when, what, and which person keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.audit import AuditEntry, AuditLog
from core.settings import Settings
from govgraph.cli import app as cli
from graph.driver import Graph
from tests.api.seed import AS_OF

pytestmark = pytest.mark.usefixtures("seeded")
NOW = {"as_of": AS_OF.isoformat()}

# (path, params, person keys the entry must name) for every read that returns personal data.
PERSONAL_READS: list[tuple[str, dict, set[str]]] = [
    ("/api/people", NOW, {"anna", "bo", "chef", "leaving", "leder-a"}),
    ("/api/people", {**NOW, "q": "anna"}, {"anna"}),
    ("/api/people/anna", NOW, {"anna"}),
    ("/api/people/bo/relationships", NOW, {"bo"}),
    ("/api/systems/s1/organisation", NOW, {"leder-a", "anna", "bo", "leaving"}),
    ("/api/units/kontor-a", NOW, {"leder-a", "anna", "leaving"}),
    ("/api/forums/dds", NOW, {"chef"}),
    ("/api/relationships", {**NOW, "type": "OWNS"}, {"leder-a", "gone"}),
    ("/api/graph/System/s3", NOW, {"gone"}),
    ("/api/gaps", {**NOW, "rule": "GM-13"}, {"gone"}),
    ("/api/handover/anna", NOW, {"anna"}),
    ("/api/departures", {**NOW, "within": 100}, {"leaving"}),
]


def test_each_personal_data_read_is_logged_with_its_person_keys(
    client: TestClient, analyst: dict, audit_entries: Callable[[], list[AuditEntry]]
) -> None:
    for path, params, people in PERSONAL_READS:
        before = len(audit_entries())
        assert client.get(path, params=params, headers=analyst).status_code == 200, path
        new = audit_entries()[before:]
        assert len(new) == 1, path
        entry = new[0]
        assert entry.path == path and entry.method == "GET"
        assert entry.who.startswith("analyst-") and entry.scope == "analyst"
        assert people <= set(entry.person_keys), (path, entry.person_keys)
        assert abs((datetime.now(UTC) - entry.at).total_seconds()) < 60


@pytest.mark.parametrize("resource", ["systems", "units", "forums"])
def test_searches_are_logged_with_what_was_searched(
    client: TestClient,
    reader: dict,
    audit_entries: Callable[[], list[AuditEntry]],
    resource: str,
) -> None:
    client.get(f"/api/{resource}", params={"q": "acad"}, headers=reader)
    entry = audit_entries()[-1]
    assert entry.action == f"{resource}.search" and entry.details["search"] == "acad"


def test_the_log_holds_no_token_and_no_cpr_number(
    client: TestClient, reader: dict, session_graph: Graph
) -> None:
    client.get("/api/people/0101701234", headers=reader)
    client.get("/api/people", params={"q": "0101701234"}, headers=reader)
    stored = session_graph.query("MATCH (e:AuditEntry) RETURN e {.*} AS e")
    text = json.dumps([row["e"] for row in stored], default=str)
    assert stored  # the search was logged
    assert "0101701234" not in text
    assert reader["Authorization"].split()[1] not in text
    assert "ggt_" not in text


def test_retention_removes_whole_months_past_the_period(
    api_settings: Settings, session_graph: Graph
) -> None:
    log = AuditLog(session_graph, retention_days=30)
    for day in ("2026-08-31", "2026-09-15", "2026-10-01", "2026-10-31"):
        at = datetime.fromisoformat(f"{day}T12:00:00+00:00")
        log.record(AuditEntry(at=at, who="w", scope="reader", action=f"read.{day}"))
    assert log.purge(date(2026, 11, 5)) == 2
    assert [e.action for e in log.entries()] == ["read.2026-10-01", "read.2026-10-31"]
    assert log.verify().problem is None


def test_the_audit_command_filters_by_person_and_token(
    client: TestClient, token: Callable[[str], dict[str, str]], cli_env: Settings
) -> None:
    client.get("/api/people/anna", headers=token("reader"))
    client.get("/api/people/bo", headers=token("reader"))
    runner = CliRunner()
    by_person = runner.invoke(cli, ["audit", "--person", "bo", "--format", "json"])
    by_token = runner.invoke(cli, ["audit", "--token", "reader-0", "--format", "json"])
    assert by_person.exit_code == 0, by_person.output
    assert [json.loads(line)["person_keys"] for line in by_person.output.splitlines()] == [["bo"]]
    assert [json.loads(line)["who"] for line in by_token.output.splitlines()] == ["reader-0"]
    table = runner.invoke(cli, ["audit", "--since", date.today().isoformat()])
    assert "person.read" in table.output and "2 entries" in table.output


def test_person_keys_and_token_names_shaped_like_cpr_numbers_are_blanked(
    api_settings: Settings, session_graph: Graph
) -> None:
    log = AuditLog(session_graph, retention_days=30)
    log.record(
        AuditEntry(
            at=datetime.now(UTC),
            who="vikar 010170-1234",
            scope="reader",
            action="people.read",
            person_keys=["0101701234", "anna", "010170 1234"],
        )
    )
    [entry] = log.entries()
    assert (entry.who, entry.person_keys) == ("vikar [redacted]", ["[redacted]", "anna"])
    stored = session_graph.query("MATCH (e:AuditEntry) RETURN e {.*} AS e")
    assert "1234" not in json.dumps([row["e"] for row in stored], default=str)
