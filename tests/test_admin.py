"""`db init` and `db reset` against the real Neo4j."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from api.audit import AuditEntry, AuditLog
from api.token_store import TokenStore
from govgraph.cli import app
from graph import admin
from graph.driver import Graph
from schema.governance import forums, roles
from schema.model import LABELS
from tests.support import clear_access_records


def test_init_creates_a_key_constraint_per_label(graph: Graph) -> None:
    admin.init_database(graph)
    found = {
        (c["labelsOrTypes"][0], tuple(c["properties"]))
        for c in admin.existing_constraints(graph)
        if c["type"] == "UNIQUENESS"
    }
    assert {(name, ("key",)) for name in LABELS} <= found


def test_init_twice_changes_nothing(graph: Graph) -> None:
    admin.init_database(graph)
    before = admin.content_checksum(graph), admin.existing_constraints(graph)
    second = admin.init_database(graph)
    assert second.reference.nothing_changed
    assert (admin.content_checksum(graph), admin.existing_constraints(graph)) == before


def test_init_loads_every_role_and_forum(graph: Graph) -> None:
    admin.init_database(graph)
    role_keys = {r["k"] for r in graph.query("MATCH (r:Role) RETURN r.key AS k")}
    forum_keys = {r["k"] for r in graph.query("MATCH (f:Forum) RETURN f.key AS k")}
    assert role_keys == {r.key for r in roles()}
    assert forum_keys == {f.key for f in forums()}
    assert (
        graph.query(
            "MATCH (:Role {key: 'systemejer'})-[:HAS_RESPONSIBILITY]->(r) "
            "WHERE r.cadence = 'half-yearly' RETURN count(r) AS n"
        )[0]["n"]
        >= 1
    )


def test_duplicate_key_is_refused_by_the_constraint(graph: Graph) -> None:
    admin.init_database(graph)
    graph.query("CREATE (:System {key: 'x', name: 'A'})", routing=admin.WRITE)
    try:
        graph.query("CREATE (:System {key: 'x', name: 'B'})", routing=admin.WRITE)
    except Exception as e:  # the server's ConstraintValidationFailed
        assert "already exists" in str(e)
    else:
        raise AssertionError("a second System with the same key was accepted")


def test_reset_refuses_without_yes(model_graph: Graph) -> None:
    before = admin.counts(model_graph)
    result = CliRunner().invoke(app, ["db", "reset"])
    assert result.exit_code != 0
    assert admin.counts(model_graph) == before != {}


def test_reset_with_yes_empties_the_graph(model_graph: Graph) -> None:
    result = CliRunner().invoke(app, ["db", "reset", "--yes"])
    assert result.exit_code == 0, result.output
    assert admin.counts(model_graph) == {}


def test_reset_keeps_tokens_and_the_audit_log_which_counts_and_checksums_leave_out(
    model_graph: Graph,
) -> None:
    clear_access_records(model_graph)
    before = admin.content_checksum(model_graph), admin.counts(model_graph)
    TokenStore(model_graph).create("kept", "reader")
    log = AuditLog(model_graph, retention_days=365)
    log.record(AuditEntry(at=datetime.now(UTC), who="kept", scope="reader", action="x"))
    assert (admin.content_checksum(model_graph), admin.counts(model_graph)) == before
    admin.reset_database(model_graph)
    assert admin.counts(model_graph) == {}
    assert [t.name for t in TokenStore(model_graph).list()] == ["kept"]
    assert [e.action for e in log.entries()] == ["x"] and log.verify().problem is None


def test_register_template_command_writes_an_importable_blank(tmp_path: Path) -> None:
    from importers.base import ImportOptions
    from importers.register import read_register

    target = tmp_path / "register.xlsx"
    result = CliRunner().invoke(app, ["register", "template", str(target)])
    assert result.exit_code == 0, result.output
    batch = read_register(target, ImportOptions())
    assert batch.errors == [] and batch.rels == []
    again = CliRunner().invoke(app, ["register", "template", str(target)])
    assert again.exit_code != 0
