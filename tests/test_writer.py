"""The writer against the real Neo4j: idempotent, atomic, historical, and matching identities."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ImportFailed
from core.records import NodeRecord, Problem, Severity
from graph.admin import content_checksum, counts
from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import make_batch, make_person, make_system, make_unit, rel


def _small_batch() -> tuple[list[NodeRecord], list]:
    anna, bo, kontor = make_person("p1"), make_person("p2"), make_unit("u1")
    return [anna, bo, kontor], [
        rel("MEMBER_OF", anna, kontor),
        rel("MEMBER_OF", bo, kontor),
        rel("MANAGES", anna, kontor, level="kontorleder"),
    ]


def test_first_import_adds_every_record(graph: Graph) -> None:
    nodes, rels = _small_batch()
    summary = write_batch(graph, make_batch(nodes, rels))
    assert (summary.added, summary.changed, summary.ended) == (6, 0, 0)
    assert counts(graph) | {} == {
        "Person": 2,
        "OrgUnit": 1,
        "ImportRun": 1,
        "MEMBER_OF": 2,
        "MANAGES": 1,
    }


def test_same_batch_twice_changes_nothing(graph: Graph) -> None:
    nodes, rels = _small_batch()
    write_batch(graph, make_batch(nodes, rels))
    before = content_checksum(graph)
    again = write_batch(graph, make_batch(nodes, rels))
    assert again.nothing_changed and again.unchanged == 6
    assert content_checksum(graph) == before


def test_changed_property_is_counted_and_stored(graph: Graph) -> None:
    nodes, rels = _small_batch()
    write_batch(graph, make_batch(nodes, rels))
    nodes[0] = make_person("p1", position="Teamleder")
    summary = write_batch(graph, make_batch(nodes, rels))
    assert (summary.added, summary.changed, summary.ended) == (0, 1, 0)
    assert graph.query("MATCH (p:Person {key: 'p1'}) RETURN p.position AS x")[0]["x"] == "Teamleder"


def test_person_missing_from_later_file_is_ended_not_deleted(graph: Graph) -> None:
    nodes, rels = _small_batch()
    write_batch(graph, make_batch(nodes, rels))
    later = date(2026, 12, 1)
    summary = write_batch(
        graph, make_batch([nodes[0], nodes[2]], [rels[0], rels[2]], snapshot_date=later)
    )
    assert summary.ended == 2  # the person and their engagement
    row = graph.query(
        "MATCH (p:Person {key: 'p2'})-[r:MEMBER_OF]->() "
        "RETURN p.valid_to AS left, r.valid_to AS ended"
    )[0]
    assert row["left"].to_native() == later and row["ended"].to_native() == later


def test_history_answers_who_held_a_role_on_a_date(graph: Graph) -> None:
    anna, system = make_person("p1"), make_system("s1")
    first = make_batch(
        [system, anna], [rel("OWNS", anna, system)], scope="kitos", snapshot_date=date(2026, 1, 1)
    )
    write_batch(graph, first)
    write_batch(graph, make_batch([system], [], scope="kitos", snapshot_date=date(2026, 6, 1)))
    rows = graph.query(
        "MATCH (p)-[r:OWNS]->(:System {key: 's1'}) WHERE r.valid_to IS NULL OR "
        "r.valid_to > $d RETURN p.key AS k",
        d=date(2026, 3, 1),
    )
    assert [r["k"] for r in rows] == ["p1"]
    assert (
        graph.query(
            "MATCH ()-[r:OWNS]->() WHERE r.valid_to IS NULL OR r.valid_to > $d "
            "RETURN count(r) AS n",
            d=date(2026, 7, 1),
        )[0]["n"]
        == 0
    )


def test_relationship_back_after_ending_starts_a_new_period(graph: Graph) -> None:
    nodes, rels = _small_batch()
    write_batch(graph, make_batch(nodes, rels))
    write_batch(graph, make_batch(nodes, rels[1:]))
    summary = write_batch(graph, make_batch(nodes, rels))
    assert summary.added == 1
    assert (
        graph.query("MATCH (:Person {key: 'p1'})-[r:MEMBER_OF]->() RETURN count(r) AS n")[0]["n"]
        == 2
    )


def test_batch_failing_half_way_leaves_graph_as_it_was(graph: Graph) -> None:
    nodes, rels = _small_batch()
    write_batch(graph, make_batch(nodes, rels))
    before, before_counts = content_checksum(graph), counts(graph)
    broken = make_batch(
        [make_person("p9"), *nodes],
        [*rels, rel("MEMBER_OF", ("Person", "p9"), ("OrgUnit", "nowhere"))],
    )
    with pytest.raises(ImportFailed, match="OrgUnit nowhere"):
        write_batch(graph, broken)
    assert content_checksum(graph) == before and counts(graph) == before_counts


def test_batch_with_errors_is_refused_before_writing(graph: Graph) -> None:
    problem = Problem(Severity.ERROR, "duplicate-key", "x.csv", "row 3", "dup", "fix it")
    batch = make_batch([make_person("p1")], problems=[problem])
    with pytest.raises(ImportFailed):
        write_batch(graph, batch)
    assert counts(graph) == {}


def test_dry_run_reports_changes_and_writes_nothing(graph: Graph) -> None:
    nodes, rels = _small_batch()
    summary = write_batch(graph, make_batch(nodes, rels), dry_run=True)
    assert summary.added == 6 and summary.dry_run
    assert counts(graph) == {}


def test_inventory_user_matches_hr_person_by_email(graph: Graph) -> None:
    write_batch(graph, make_batch([make_person("p1", email="anna@kommune.dk")]))
    kitos_user = NodeRecord(
        "Person",
        "kitos:abc",
        {"name": "A. Andersen", "email": "anna@kommune.dk", "kitos_uuid": "abc"},
        match=(("email", "anna@kommune.dk"),),
    )
    system = make_system("s1")
    summary = write_batch(
        graph, make_batch([system, kitos_user], [rel("OWNS", kitos_user, system)], scope="kitos")
    )
    assert summary.unmatched == []
    row = graph.query(
        "MATCH (p:Person)-[:OWNS]->(:System) RETURN p.key AS k, p.name AS n, p.kitos_uuid AS u"
    )[0]
    assert row == {"k": "p1", "n": "Person p1", "u": "abc"}  # HR's name kept


def test_unmatched_inventory_user_is_kept_and_flagged(graph: Graph) -> None:
    stranger = NodeRecord(
        "Person",
        "kitos:zzz",
        {"name": "Ukendt", "email": "x@ext.dk"},
        match=(("email", "x@ext.dk"),),
    )
    summary = write_batch(graph, make_batch([stranger], scope="kitos"))
    assert [u["key"] for u in summary.unmatched] == ["kitos:zzz"]
    assert graph.query("MATCH (p:Person {key: 'kitos:zzz'}) RETURN p.matched AS m")[0]["m"] is False


def test_unknown_label_is_refused(graph: Graph) -> None:
    with pytest.raises(ImportFailed, match="Unknown node label"):
        write_batch(graph, make_batch([NodeRecord("Hacker", "x", {})]))


def test_other_source_enrichment_survives_reimport(graph: Graph) -> None:
    anna, system = make_person("p1"), make_system("s1")
    kitos = make_batch(
        [system, anna], [rel("SUPERUSER_OF", anna, system, kind=None)], scope="kitos"
    )
    write_batch(graph, kitos)
    register = make_batch(
        [],
        [rel("SUPERUSER_OF", anna, system, kind="fag")],
        scope="register",
        replaces_labels=(),
        replaces_types=("SUPERUSER_OF",),
    )
    write_batch(graph, register)
    again = write_batch(graph, kitos)
    assert again.nothing_changed
    assert graph.query("MATCH ()-[r:SUPERUSER_OF]->() RETURN r.kind AS k")[0]["k"] == "fag"
