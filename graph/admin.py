"""Database administration: constraints and indexes from the schema, reference data, reset."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core.records import ImportBatch
from graph.driver import WRITE, Graph
from graph.writer import WriteSummary, write_batch
from importers.governance_model import reference_records
from schema.bookkeeping import AUTH_INDEXES, AUTH_KEYS, AUTH_LABEL
from schema.campaigns import CAMPAIGN_LABELS
from schema.model import LABELS
from schema.outbox import OUTBOX_LABELS


@dataclass(frozen=True, slots=True)
class InitReport:
    """What `db init` did."""

    constraints: list[str]
    indexes: list[str]
    reference: WriteSummary


def schema_statements() -> list[tuple[str, str]]:
    """(name, Cypher) of every constraint and index the schema declares."""
    statements: list[tuple[str, str]] = []
    for spec in (*LABELS.values(), *OUTBOX_LABELS, *CAMPAIGN_LABELS):
        name = f"{spec.name.lower()}_key"
        statements.append(
            (
                name,
                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:`{spec.name}`) "
                f"REQUIRE n.`{spec.key}` IS UNIQUE",
            )
        )
        for prop in spec.indexed:
            iname = f"{spec.name.lower()}_{prop}"
            statements.append(
                (iname, f"CREATE INDEX {iname} IF NOT EXISTS FOR (n:`{spec.name}`) ON (n.`{prop}`)")
            )
    for label, key in AUTH_KEYS.items():
        name = f"{label.lower()}_{key}"
        statements.append(
            (
                name,
                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:`{label}`) "
                f"REQUIRE n.`{key}` IS UNIQUE",
            )
        )
    for label, props in AUTH_INDEXES.items():
        for prop in props:
            iname = f"{label.lower()}_{prop}"
            statements.append(
                (iname, f"CREATE INDEX {iname} IF NOT EXISTS FOR (n:`{label}`) ON (n.`{prop}`)")
            )
    return statements


def apply_schema(graph: Graph) -> tuple[list[str], list[str]]:
    """Create the constraints and indexes (IF NOT EXISTS); return their names."""
    constraints: list[str] = []
    indexes: list[str] = []
    for name, cypher in schema_statements():
        graph.query(cypher, routing=WRITE)
        (constraints if "CONSTRAINT" in cypher else indexes).append(name)
    graph.query("CALL db.awaitIndexes(300)", routing=WRITE)
    return constraints, indexes


def init_database(graph: Graph) -> InitReport:
    """Apply the schema and load the governance model's reference data; idempotent."""
    constraints, indexes = apply_schema(graph)
    nodes, rels = reference_records()
    batch = ImportBatch(
        source="model",
        scope="model",
        file_name="schema/governance.py",
        sha256="",
        snapshot_date=datetime.now(UTC).date(),
        nodes=nodes,
        rels=rels,
        replaces_labels=("Role", "Responsibility", "Forum"),
        replaces_types=("HAS_RESPONSIBILITY",),
    )
    return InitReport(constraints, indexes, write_batch(graph, batch, record_run=False))


_NOT_AUTH = f"NOT n:`{AUTH_LABEL}`"


def reset_database(graph: Graph) -> int:
    """Delete every node and relationship of the governance data, in batches; return the number
    of nodes deleted. Tokens, sessions and the audit log (label ``Auth``) stay."""
    total = 0
    while True:
        rows = graph.query(
            f"MATCH (n) WHERE {_NOT_AUTH} WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n",
            routing=WRITE,
        )
        deleted = rows[0]["n"]
        total += deleted
        if deleted == 0:
            return total


def existing_constraints(graph: Graph) -> list[dict[str, Any]]:
    """The constraints the database has."""
    return graph.query(
        "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type "
        "RETURN name, labelsOrTypes, properties, type ORDER BY name"
    )


def counts(graph: Graph) -> dict[str, int]:
    """Nodes per label and relationships per type, of the governance data (not ``Auth``)."""
    out: dict[str, int] = {}
    for row in graph.query(
        f"MATCH (n) WHERE {_NOT_AUTH} UNWIND labels(n) AS l RETURN l, count(*) AS n"
    ):
        out[row["l"]] = row["n"]
    for row in graph.query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n"):
        out[row["t"]] = row["n"]
    return out


def content_checksum(graph: Graph, *, without: frozenset[str] = frozenset()) -> str:
    """A SHA-256 over every node and relationship except bookkeeping (imports, syncs, access).

    ``without`` leaves properties out (e.g. the run keys ``created_by`` and ``ended_by``, to
    compare two graphs that the same content reached by different runs).
    """
    nodes = graph.query(
        f"MATCH (n) WHERE NOT n:ImportRun AND NOT n:SyncState AND {_NOT_AUTH} "
        "RETURN labels(n) AS l, properties(n) AS p"
    )
    rels = graph.query(
        "MATCH (a)-[r]->(b) WHERE NOT a:ImportRun RETURN type(r) AS t, "
        "a.key AS a, b.key AS b, properties(r) AS p"
    )
    for row in (*nodes, *rels):
        row["p"] = {k: v for k, v in row["p"].items() if k not in without}
    lines = sorted(json.dumps([sorted(n["l"]), n["p"]], sort_keys=True, default=str) for n in nodes)
    lines += sorted(
        json.dumps([r["t"], r["a"], r["b"], r["p"]], sort_keys=True, default=str) for r in rels
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
